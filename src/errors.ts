/**
 * Every error a user can see, in one table. The CLI turns a ParbenchError into one line on stderr
 * and the exit code of its kind: 2 for usage/config mistakes, 1 for measurement failures.
 */
import { getSystemErrorMap, inspect } from 'node:util';

export type ErrorKind = 'usage' | 'measurement';

const table = {
  UNKNOWN_SUITE: { kind: 'usage', message: (name: string, allowed: string[]) => `unknown suite "${name}" (allowed: ${allowed.join(', ')})` },
  UNKNOWN_BACKEND: { kind: 'usage', message: (name: string, allowed: string[]) => `unknown backend "${name}" (allowed: ${allowed.join(', ')})` },
  BACKEND_UNAVAILABLE: { kind: 'usage', message: (name: string, why: string) => `backend "${name}" is unavailable: ${why}` },
  BAD_NUMBER: { kind: 'usage', message: (option: string, value: string, allowed: string) => `${option}: "${value}" is not ${allowed}` },
  BAD_PARAM: { kind: 'usage', message: (suite: string, param: string, detail: string) => `${suite} --${param}: ${detail}` },
  BAD_FLAG: { kind: 'usage', message: (flag: string, detail: string) => `${flag}: ${detail}` },
  BAD_CONFIG: { kind: 'usage', message: (file: string, detail: string) => `${file}: ${detail}` },
  CONFIG_UNREADABLE: { kind: 'usage', message: (file: string, detail: string) => `cannot read config ${file}: ${detail}` },
  NO_BACKENDS: { kind: 'usage', message: (why: string) => `no backend to run: ${why}` },
  TASK_FAILED: { kind: 'measurement', message: (backend: string, detail: string) => `${backend}: a task failed: ${detail}` },
  WORKER_EXITED: { kind: 'measurement', message: (backend: string, detail: string) => `${backend}: a worker exited unexpectedly (${detail})` },
  TASK_TIMEOUT: { kind: 'measurement', message: (backend: string, seconds: number) => `${backend}: a task did not finish within ${seconds} s (raise --task-timeout if that is expected)` },
  VERIFY_FAILED: { kind: 'measurement', message: (where: string, detail: string) => `${where}: result does not match sequential: ${detail}` },
  EXECUTOR_CLOSED: { kind: 'measurement', message: (backend: string) => `${backend}: executor is closed` },
  NO_RUNS: { kind: 'usage', message: (dir: string) => `no runs in ${dir} (make one with "parbench run", or name a run)` },
  RUNS_DIR_UNUSABLE: { kind: 'usage', message: (dir: string, detail: string) => `cannot list runs in ${dir}: ${detail} (give the directory runs are written to, or name a run)` },
  RUN_NOT_FOUND: { kind: 'usage', message: (what: string, tried: string) => `no run "${what}" (looked for ${tried})` },
  BAD_RUN: { kind: 'usage', message: (path: string, detail: string) => `not a usable run record: ${path}: ${detail}` },
  BAD_BASELINE: { kind: 'usage', message: (path: string, detail: string) => `baseline ${path}: ${detail}` },
  WRITE_FAILED: { kind: 'usage', message: (path: string, detail: string) => `cannot write ${path}: ${detail}` },
  STARTUP_TIMEOUT: { kind: 'measurement', message: (what: string, seconds: number) => `${what} did not start within ${seconds} s (raise --startup-timeout if that is expected)` },
  NOTHING_TO_COMPARE: { kind: 'usage', message: (detail: string) => `nothing to compare: ${detail}` },
  OTHER_MACHINE: {
    kind: 'usage',
    message: (what: string, detail: string) =>
      `${what} was measured on another machine (${detail}): its timings are not comparable; gate against a git ref on this machine (gate --against <ref>), or give --allow-other-machine`,
  },
  BASELINE_EXISTS: { kind: 'usage', message: (path: string) => `${path} exists; give --force to overwrite it, or -o <file> to write another` },
  TOO_FEW_SAMPLES: {
    kind: 'usage',
    message: (path: string, where: string, n: number, min: number) => `${path}: ${where} has ${n} ${n === 1 ? 'sample' : 'samples'}; a baseline needs at least ${min} per point (run with --repeats ${min} or more)`,
  },
  NOT_A_REF: { kind: 'usage', message: (ref: string, detail: string) => `--against: "${ref}" is not a commit of this repository (${detail})` },
  NOT_BUILT: { kind: 'usage', message: (path: string) => `${path} is missing: build the working tree first (npm run build)` },
  AGAINST_FAILED: { kind: 'measurement', message: (step: string, detail: string) => `gate: ${step} failed: ${detail}` },
  SWEEP_REFUSED: { kind: 'usage', message: (side: string, detail: string) => `gate: the ${side}'s run refused the sweep after "--" (parbench run exited 2): ${detail}` },
  DRIVER_FAILED: { kind: 'measurement', message: (backend: string, language: string, detail: string) => `${backend}: the ${language} driver ${detail}` },
  SETUP_FAILED: { kind: 'measurement', message: (what: string, detail: string) => `setup ${what}: ${detail}` },
  LIBRARY_MISSING: { kind: 'measurement', message: (pkg: string, detail: string) => `cannot read ${pkg} for the HTML report (${detail}); reinstall with "npm ci"` },
  NO_LIVE_STATUS: { kind: 'usage', message: (dir: string) => `no live status in ${dir} (a run publishes one in its directory while it runs with --live)` },
  PROFILE_FAILED: { kind: 'measurement', message: (what: string, detail: string) => `profile: ${what} failed: ${detail}` },
  TRACE_UNSUPPORTED: {
    kind: 'measurement',
    message: (backend: string, why = 'its driver does not trace tasks (its hello lists no "trace" request)') => `${backend}: ${why}; the point is measured untraced`,
  },
  TRACED_RUN: {
    kind: 'usage',
    message: (what: string) => `${what} was traced (run --trace): tracing adds its own cost to every task, so a traced run is no evidence for the gate or a baseline; measure again without --trace`,
  },
  INTERRUPTED: { kind: 'measurement', message: (signal: string) => `interrupted by ${signal}; results measured so far were written` },
} as const;

export type ErrorCode = keyof typeof table;
type Args<C extends ErrorCode> = Parameters<(typeof table)[C]['message']>;

/**
 * An error the user can see: `code` names its row in the table above, `kind` its exit code (usage 2,
 * measurement 1). Create it with parbenchError, not `new`, so the message comes from the table.
 */
export class ParbenchError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;

  constructor(code: ErrorCode, message: string) {
    super(oneLine(message));
    this.name = 'ParbenchError';
    this.code = code;
    this.kind = table[code].kind;
  }

  /** The process exit code this error maps to. */
  get exitCode(): number {
    return this.kind === 'usage' ? 2 : 1;
  }
}

/**
 * The one place errors are created: `parbenchError('UNKNOWN_SUITE', name, allowed)` formats the code's
 * message from the arguments its table row takes. Returns the error; the caller throws it.
 */
export function parbenchError<C extends ErrorCode>(code: C, ...args: Args<C>): ParbenchError {
  const format = table[code].message as (...a: Args<C>) => string;
  return new ParbenchError(code, format(...args));
}

/** Whether a thrown value is a ParbenchError (and so carries a code and an exit code). */
export function isParbenchError(value: unknown): value is ParbenchError {
  return value instanceof ParbenchError;
}

/** Longest message the CLI prints (characters); longer ones are cut with an ellipsis. */
const MAX_MESSAGE = 1000;

/**
 * `text` as one printable line: CR LF, LF, CR and TAB become `\n`, `\r`, `\t`, every other control
 * character (C0, DEL, C1), U+2028, U+2029 and every lone surrogate becomes `\xHH` / `\uHHHH`, and a text longer than
 * `max` characters (default 1000) is cut, ending with `…`. Throws nothing.
 */
export function oneLine(text: string, max = MAX_MESSAGE): string {
  const escaped = text.replace(/\r?\n|[\r\t\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    if (c === '\n' || c === '\r\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return escaped.length <= max ? escaped : `${escaped.slice(0, max - 1)}…`;
}

/**
 * A short quotation of text the user gave or a file holds, for a message: in double quotes, one line
 * (see oneLine), at most `max` characters of it (default 40) with `…` when cut. Throws nothing.
 */
export function excerpt(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return `"${oneLine(cut, max * 4 + 1)}"`;
}

/**
 * One line describing any thrown value: an Error's message (its name when the message is empty), a
 * string as is (`an empty string` when empty), `undefined` / `null`, an object's string `message`, and
 * anything else as util.inspect shows it on one line (`{ code: 42 }`, `Symbol(x)`). Throws nothing.
 */
export function describeError(error: unknown): string {
  let text: string;
  if (error instanceof Error) text = error.message.split('\n')[0]!.trim() || error.name || 'Error';
  else if (typeof error === 'string') text = error.split('\n')[0]!.trim() || 'an empty string';
  else if (error === undefined || error === null) text = String(error);
  else if (typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string' && (error as { message: string }).message.trim()) {
    text = (error as { message: string }).message.split('\n')[0]!.trim();
  } else text = inspect(error, { depth: 2, breakLength: Infinity, maxArrayLength: 10, maxStringLength: 80 });
  return oneLine(text, 300);
}

/**
 * The system's reason for a failed file operation, one line: `not a directory (ENOTDIR)` from the
 * error's errno (util.getSystemErrorMap), its code alone when unknown, else its message. Throws nothing.
 */
export function osReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const known = typeof e?.errno === 'number' ? getSystemErrorMap().get(e.errno) : undefined;
  if (known) return `${known[1]} (${known[0]})`;
  return e?.code ?? String((error as Error)?.message ?? error);
}
