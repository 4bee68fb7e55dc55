/**
 * The native floor: parbench's Rust and Go drivers (native/rust, native/go), each a remote backend
 * speaking the driver protocol (docs/drivers.md) — the same suites, calibration search and
 * verification as every other row, in languages without a managed runtime's dispatch costs.
 * `parbench setup native` builds them (release) into a project-owned folder, `.native/` at the package
 * root ($PARBENCH_NATIVE overrides it), and writes a marker per language last, with a fingerprint of the
 * sources it built; until then, or once the sources change, the backends are listed as unavailable.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Availability } from './backend.js';
import { DriverSession } from './driver.js';
import { packageRoot } from './paths.js';
import type { RemoteBackend } from './remote.js';

/** The languages of the native drivers. */
export type NativeLanguage = 'rust' | 'go';

/** The suites both native drivers implement (their `hello` says the same; a test checks). */
export const NATIVE_SUITES: readonly string[] = ['fib', 'square', 'primes', 'spmm', 'hull'];

/** What an unavailable native backend tells the user to do. */
export const SETUP_NATIVE_HINT = 'run `parbench setup native`';

/** Each language's name in messages. */
export const LANGUAGE_NAMES: Readonly<Record<NativeLanguage, string>> = { rust: 'Rust', go: 'Go' };

/** The marker `parbench setup native` writes per language once its driver is built. */
export interface NativeBuild {
  /** The toolchain that built it, e.g. "rustc 1.95.0 (…)" or "go version go1.26.8 linux/amd64". */
  toolchain: string;
  /** nativeSourcesFingerprint of the sources it was built from. */
  sources: string;
}

/** The directory of the parbench package (where package.json is), absolute. */
function root(): string {
  return packageRoot(fileURLToPath(import.meta.url));
}

/** The folder the native drivers are built into: $PARBENCH_NATIVE, else .native in the package root. */
export function nativeDir(): string {
  return process.env.PARBENCH_NATIVE ?? join(root(), '.native');
}

/** The sources of a language's driver: native/rust (a cargo workspace) or native/go (a Go module). */
export function nativeSourceDir(language: NativeLanguage): string {
  return join(root(), 'native', language);
}

/** The built driver program of `language` under `dir` (whether or not it exists). */
export function driverPath(language: NativeLanguage, dir = nativeDir()): string {
  return join(dir, 'bin', `parbench-${language}-driver`);
}

/** The marker file of `language` under `dir`. */
export function nativeMarkerPath(language: NativeLanguage, dir = nativeDir()): string {
  return join(dir, `${language}.json`);
}

const SOURCE_FILE = /(\.rs|\.go|\.toml|Cargo\.lock|go\.mod|go\.sum)$/;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'target' ? [] : sourceFiles(path);
      return SOURCE_FILE.test(name) ? [path] : [];
    });
}

const fingerprints = new Map<NativeLanguage, string>();

/**
 * A fingerprint (16 hex digits of SHA-256) of the driver sources of `language`: every .rs, .go, .toml,
 * Cargo.lock, go.mod and go.sum file under its source folder (target/ excepted), names and contents.
 * Computed once per process. Throws nothing for a missing folder (the fingerprint of no files).
 */
export function nativeSourcesFingerprint(language: NativeLanguage): string {
  let known = fingerprints.get(language);
  if (known === undefined) {
    const dir = nativeSourceDir(language);
    const hash = createHash('sha256');
    for (const file of sourceFiles(dir)) hash.update(`${relative(dir, file)}\0`).update(readFileSync(file)).update('\0');
    known = hash.digest('hex').slice(0, 16);
    fingerprints.set(language, known);
  }
  return known;
}

/** What `parbench setup native` built for `language` under `dir`, or null when there is no driver or no readable marker. Never throws. */
export function nativeBuildState(language: NativeLanguage, dir = nativeDir()): NativeBuild | null {
  try {
    if (!existsSync(driverPath(language, dir))) return null;
    return JSON.parse(readFileSync(nativeMarkerPath(language, dir), 'utf8')) as NativeBuild;
  } catch {
    return null;
  }
}

function availability(language: NativeLanguage): Availability {
  const state = nativeBuildState(language);
  if (!state) return { available: false, reason: SETUP_NATIVE_HINT };
  if (state.sources !== nativeSourcesFingerprint(language)) {
    return { available: false, reason: `the ${LANGUAGE_NAMES[language]} driver's sources changed since it was built: ${SETUP_NATIVE_HINT}` };
  }
  return { available: true };
}

function nativeBackend(language: NativeLanguage, name: string, description: string, parallel: boolean): RemoteBackend {
  return {
    kind: 'remote',
    name,
    description: `${description}; suites: ${NATIVE_SUITES.join(', ')}`,
    parallel,
    availability: () => availability(language),
    planKey: language,
    suites: NATIVE_SUITES,
    start: ({ taskTimeoutSeconds, ...bounds }) =>
      DriverSession.start({ name, language: LANGUAGE_NAMES[language], command: driverPath(language), args: [], cwd: root(), taskTimeoutSeconds, runDirPrefix: language }, bounds),
  };
}

/**
 * The native backends: three on the Rust driver, three on the Go driver. Starting one rejects with
 * DRIVER_FAILED when its driver cannot start or speaks another protocol version.
 */
export const nativeBackends: readonly RemoteBackend[] = [
  nativeBackend('rust', 'rust-sequential', 'Rust, one task after another in the driver (always 1 worker)', false),
  nativeBackend('rust', 'rust-rayon', 'Rust rayon work-stealing pool of W threads, a rayon job per task (fib, hull: rayon::join down the task tree)', true),
  nativeBackend('rust', 'rust-threads', 'Rust std threads over a channel: a plain pool of W threads fed by the driver', true),
  nativeBackend('go', 'go-sequential', 'Go, one task after another in the driver (always 1 worker)', false),
  nativeBackend('go', 'go-goroutines', 'Go, a goroutine per task started when its inputs are done, joined by a sync.WaitGroup (GOMAXPROCS=W)', true),
  nativeBackend('go', 'go-pool', 'Go, a fixed pool of W goroutines over a channel fed by the driver (GOMAXPROCS=W)', true),
];
