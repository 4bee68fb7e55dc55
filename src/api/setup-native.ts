/**
 * Setting up the native backends: build the Rust driver (cargo, release profile, the committed
 * Cargo.lock) and the Go driver (go build, the module's go.mod) into the project-owned folder
 * (.native/ at the package root, or $PARBENCH_NATIVE), and write each language's marker last, so a
 * half-finished build does not count.
 */
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isParbenchError, type ParbenchError } from '../errors.js';
import {
  driverPath,
  LANGUAGE_NAMES,
  nativeBuildState,
  nativeDir,
  nativeMarkerPath,
  nativeSourceDir,
  nativeSourcesFingerprint,
  type NativeBuild,
  type NativeLanguage,
} from '../backends/native.js';
import { setupStep } from './setup-step.js';

/** What `setupNative` did for one language. */
export interface NativeSetup extends NativeBuild {
  language: NativeLanguage;
  /** The driver program. */
  driver: string;
  /** false when the driver was already built from the current sources and was kept. */
  built: boolean;
}

function buildRust(dir: string): string {
  const step = (what: string, command: string, args: string[], cwd?: string) => setupStep('native', `Rust: ${what}`, command, args, { ...(cwd ? { cwd } : {}) });
  const toolchain = step('checking the compiler (install Rust with rustup to build the Rust driver)', 'rustc', ['--version']).trim();
  const target = join(dir, 'rust-target');
  step('building the driver', 'cargo', ['build', '--release', '--locked', '--manifest-path', join(nativeSourceDir('rust'), 'Cargo.toml'), '--target-dir', target]);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(join(target, 'release', 'parbench-rust-driver'), driverPath('rust', dir));
  chmodSync(driverPath('rust', dir), 0o755);
  return toolchain;
}

function buildGo(dir: string): string {
  const cwd = nativeSourceDir('go');
  const step = (what: string, args: string[]) => setupStep('native', `Go: ${what}`, 'go', args, { cwd });
  const toolchain = step('checking the toolchain (install Go to build the Go driver)', ['version']).trim();
  mkdirSync(join(dir, 'bin'), { recursive: true });
  step('building the driver', ['build', '-trimpath', '-mod=readonly', '-o', driverPath('go', dir), './cmd/parbench-go-driver']);
  return toolchain;
}

const BUILDERS: Readonly<Record<NativeLanguage, (dir: string) => string>> = { rust: buildRust, go: buildGo };

function setupOne(language: NativeLanguage, dir: string, force: boolean): NativeSetup {
  const sources = nativeSourcesFingerprint(language);
  const current = nativeBuildState(language, dir);
  if (!force && current?.sources === sources) return { language, driver: driverPath(language, dir), built: false, ...current };
  rmSync(nativeMarkerPath(language, dir), { force: true });
  const toolchain = BUILDERS[language](dir);
  const state: NativeBuild = { toolchain, sources };
  writeFileSync(nativeMarkerPath(language, dir), `${JSON.stringify(state, null, 2)}\n`);
  return { language, driver: driverPath(language, dir), built: true, ...state };
}

/**
 * Build both native drivers (or keep one already built from the current sources, unless `force`): Rust
 * with `cargo build --release --locked`, Go with `go build -trimpath -mod=readonly`. A language whose
 * toolchain is missing or whose build fails does not stop the other; then the first failure is thrown,
 * SETUP_FAILED (exit 1) naming the language and the step, after `onDone` has seen every language built.
 * Returns what was built or kept, Rust first.
 */
export function setupNative(options: { force: boolean; languages?: readonly NativeLanguage[]; onDone?: (setup: NativeSetup) => void }): NativeSetup[] {
  const dir = nativeDir();
  mkdirSync(dir, { recursive: true });
  const done: NativeSetup[] = [];
  let failure: ParbenchError | undefined;
  for (const language of options.languages ?? (['rust', 'go'] as const)) {
    try {
      const setup = setupOne(language, dir, options.force);
      done.push(setup);
      options.onDone?.(setup);
    } catch (error) {
      if (!isParbenchError(error)) throw error;
      failure ??= error;
    }
  }
  if (failure) throw failure;
  return done;
}

export { LANGUAGE_NAMES };
