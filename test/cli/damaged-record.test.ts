import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, writeJson } from '../helpers/cli.js';
import { DAMAGED, damagedRun, VALID_RUN } from '../helpers/damaged.js';
import { tempDir } from './cli.js';

describe('a damaged run record is refused by every reader with one line, exit 2', () => {
  const dir = tempDir();
  const files = DAMAGED.map((c, i) => ({ c, file: writeJson(join(dir, `damaged-${i}.json`), damagedRun(c)) }));

  const commands: [string, (file: string) => string[]][] = [
    ['report', (file) => ['report', file]],
    ['compare', (file) => ['compare', VALID_RUN, file]],
    ['gate', (file) => ['gate', '--baseline', VALID_RUN, file]],
    ['gate (as baseline)', (file) => ['gate', '--baseline', file, VALID_RUN]],
  ];

  for (const [name, args] of commands) {
    it.each(files)(`${name}: $c.name`, ({ c, file }) => {
      const r = cli(args(file), dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`parbench: not a usable run record: ${file}: ${c.detail}\n`);
      expect(r.stdout).toBe('');
    });
  }

  it('baseline save refuses them too', () => {
    const { c, file } = files[0]!;
    const r = cli(['baseline', 'save', file], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`parbench: not a usable run record: ${file}: ${c.detail}\n`);
  });
});
