import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { browserCommand } from '../../src/api/open-browser.js';
import { cli, FIXTURES, writeJson } from '../helpers/cli.js';
import { parbench, tempDir } from './cli.js';

const TWO = join(FIXTURES, 'run-two-cores.json');
const ONE = join(FIXTURES, 'run-one-core.json');
const record = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** A runs directory in a fresh working directory holding the two fixtures as runs r1 (two cores) and r2 (one core). */
function runsDir(): { cwd: string; r1: string; r2: string } {
  const cwd = tempDir();
  const r1 = join(cwd, 'results/runs/2026-01-01_00-00-00-aaaa');
  const r2 = join(cwd, 'results/runs/2026-02-01_00-00-00-bbbb');
  writeJson(join(r1, 'run.json'), record(TWO));
  writeJson(join(r2, 'run.json'), record(ONE));
  return { cwd, r1, r2 };
}

describe('parbench report --html', () => {
  it('writes one self-contained file beside the latest run and prints its path', () => {
    const { cwd, r2 } = runsDir();
    const r = cli(['report', '--html'], cwd);
    expect(r.code, r.stderr).toBe(0);
    const file = join(r2, 'report.html');
    expect(r.stdout).toBe(`${file}\n`);
    expect(r.stderr).toBe(`parbench: HTML report of ${join(r2, 'run.json')}\n`);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    // The libraries are inside; nothing is loaded from elsewhere.
    expect(html).toContain('// @observablehq/plot v0.6.17');
    expect(html).toContain('https://d3js.org v7');
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>');
    expect(markup.match(/<script/g)).toHaveLength(4);
    expect(/ src=|<link |<img |@import|url\(|https?:/.exec(markup)?.[0]).toBeUndefined();
    expect(html).toContain('<title>parbench report · 2026-11-26_12-06-15-23bb</title>');
  });

  it('overlays several runs in one file named after them, or the file --output names', () => {
    const { cwd, r1, r2 } = runsDir();
    const r = cli(['report', r1, r2, '--html'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${join(r1, 'report-vs-2026-11-26_12-06-15-23bb.html')}\n`);
    const html = readFileSync(r.stdout.trim(), 'utf8');
    expect(html).toContain('<p class="subtitle">2 runs: 2026-11-26_12-05-46-28fa, 2026-11-26_12-06-15-23bb</p>');
    const named = cli(['report', r1, r1, '--html', '-o', 'both.html'], cwd);
    expect(named.stdout).toBe(`${join(cwd, 'both.html')}\n`);
    expect(readFileSync(join(cwd, 'both.html'), 'utf8')).toContain('<p class="subtitle">2 runs: 2026-11-26_12-05-46-28fa, 2026-11-26_12-05-46-28fa (2)</p>');
  });

  it('--open starts the browser BROWSER names on the file', async () => {
    const { cwd, r1 } = runsDir();
    const log = join(cwd, 'opened.txt');
    const browser = join(cwd, 'fake-browser');
    writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$@" > ${log}\n`);
    chmodSync(browser, 0o755);
    const r = parbench(['report', r1, '--open'], cwd, { BROWSER: `${browser} --new-window %s` });
    expect(r.status, r.stderr).toBe(0);
    const file = join(r1, 'report.html');
    expect(r.stdout).toBe(`${file}\n`);
    expect(r.stderr.split('\n')[1]).toBe(`parbench: opened with ${browser} --new-window ${file}`);
    for (let i = 0; i < 100 && !existsSync(log); i++) await sleep(50);
    expect(readFileSync(log, 'utf8')).toBe(`--new-window\n${file}\n`);
  });

  it('--open without a browser configured prints the path and says how to open it', () => {
    const { cwd, r1 } = runsDir();
    const file = join(r1, 'report.html');
    const r = parbench(['report', r1, '--open'], cwd, { BROWSER: '' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${file}\n`);
    expect(r.stderr.split('\n')[1]).toBe(`parbench: not opened: no browser configured (set BROWSER to open reports); open ${file}`);
    const missing = parbench(['report', r1, '--open'], cwd, { BROWSER: 'no-such-browser-here' });
    expect(missing.stderr.split('\n')[1]).toBe(`parbench: not opened: BROWSER names "no-such-browser-here", which is not an executable program; open ${file}`);
  });

  it('exits 2 with one line for flags that do not go together and for a file it cannot write', () => {
    const { cwd, r1, r2 } = runsDir();
    const cases: [string[], string][] = [
      [['report', r1, r2], 'parbench: report: 2 runs given: several runs are shown together only with --html (or compare them with "parbench compare")'],
      [['report', r1, '--html', '--format', 'md'], 'parbench: --format: the HTML report has no format: give --html or --format, not both'],
      [['report', r1, '--output', 'x.html'], 'parbench: --output: names the HTML report file: give it with --html'],
      [['report', r1, '--html', '-o', join(r1, 'run.json', 'x.html')], `parbench: cannot write ${join(r1, 'run.json', 'x.html')}: not a directory (ENOTDIR)`],
    ];
    for (const [args, line] of cases) {
      const r = cli(args, cwd);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(`${line}\n`);
      expect(r.stdout).toBe('');
    }
  });

  it('makes the directories of an --output that do not exist yet, as baseline save does', () => {
    const { cwd, r1 } = runsDir();
    const r = cli(['report', r1, '--html', '-o', 'new/dir/x.html'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${join(cwd, 'new/dir/x.html')}\n`);
  });
});

describe('the BROWSER command', () => {
  it('takes the first entry, puts the file where %s stands or at the end', () => {
    expect(browserCommand('/r.html', { BROWSER: 'firefox' })).toEqual(['firefox', '/r.html']);
    expect(browserCommand('/r.html', { BROWSER: 'chromium --app=%s:firefox' })).toEqual(['chromium', '--app=/r.html']);
    expect(browserCommand('/r.html', { BROWSER: ' ' })).toBeNull();
    expect(browserCommand('/r.html', {})).toBeNull();
  });
});
