/** The run record module: every read and write of run and baseline files goes through here. */
export * from './schema.js';
