/** The run record module: every read and write of run and baseline files goes through here. */
export * from './record-schema.js';
export { checkRunRecord, describeIssue, readJsonFile, readRun, RUN_UPGRADES } from './read.js';
export { checkOutputDirectory, checkOutputFile, CSV_FILE, TRACE_FILE, makeDirectory, RUN_FILE, runDir, writeFileAtomic, writeRunFiles } from './write.js';
export { DEFAULT_RUNS_DIR, latestRunPath, loadRun, runIds, runPath, runsDirectory, type RunsDir, type RunsDirOptions } from './locate.js';
export { BASELINE_FILE, makeBaseline, parseBaseline, readBaseline, writeBaseline } from './baseline.js';
export { baselineJsonSchema, JSON_SCHEMA_FILES, jsonSchemaText, runJsonSchema } from './json-schema.js';
export { timeAccountingSchema, repetitionsSchema, calibrationSecondsSchema, TIME_PHASES, type TimeAccountingRecord, type RepetitionsRecord } from './schedule-schema.js';
export { fingerprintFields, machineDifferences, machineFingerprint, type FingerprintField, type MachineIdentity } from './fingerprint.js';
export { BACKEND_SETTINGS } from './backend-settings.js';
export { osReason } from '../errors.js';
