// `run --live` end to end: the live view drawn in a real terminal (tmux, read back with capture-pane),
// one line per point on a pipe, and `monitor` drawing the frame a run published.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { MAIN, onlyRun, parbench, tempDir } from './cli.js';

const tmux = spawnSync('tmux', ['-V']).status === 0;

describe.skipIf(!tmux)('run --live in a terminal (tmux)', () => {
  it('draws the live view with the point and a line per worker', async () => {
    const out = tempDir();
    const session = `parbench-live-${process.pid}`;
    const command = `${process.execPath} ${MAIN} run square --backends worker --grains 1e-4,1e-3 --workers 2 --repeats 12 --precision off --live --out ${out}; sleep 60`;
    execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '120', '-y', '30', command]);
    try {
      let screen = '';
      const worker = /^ {2}w0\*? +\d+(\.\d)?% +[1-9]\d* +[·█]+ /m; // a worker that has done tasks, its bar drawn
      for (let i = 0; i < 240 && !worker.test(screen); i++) {
        await sleep(250);
        screen = execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' });
      }
      expect(screen).toMatch(/^parbench live · \[\d\/2\] square grain 1e-\d · worker ×2 · repeat \d+\/\d+ · (ETA \S+|finished)$/m);
      expect(screen).toMatch(/^ {2}worker +busy +tasks +on the input +tasks\/s$/m);
      expect(screen).toMatch(worker);
    } finally {
      execFileSync('tmux', ['kill-session', '-t', session]);
    }
  }, 90_000);
});

describe('run --live on a pipe', () => {
  it('prints one line per point and no escape codes, and publishes the last frame for monitor', () => {
    const out = tempDir();
    const { status, stderr } = parbench(['run', 'square', '--backends', 'worker', '--grains', '1e-5,1e-4', '--workers', '2', '--repeats', '2', '--precision', 'off', '--live', '--out', out]);
    expect(status).toBe(0);
    const progress = stderr.split('\n').filter((l) => l.startsWith('parbench: ['));
    expect(progress.map((l) => l.replace(/ETA \S+$/, 'ETA x'))).toEqual(['parbench: [1/2] square 1e-5 worker×2 · ETA x', 'parbench: [2/2] square 1e-4 worker×2 · ETA x']);
    expect(stderr).not.toContain('\x1b');
    const { dir } = onlyRun(out);
    const frame = JSON.parse(readFileSync(join(dir, 'live.json'), 'utf8'));
    expect(frame).toMatchObject({ finished: true, point: { index: 2, total: 2, suite: 'square', backend: 'worker', workers: 2 } });
    expect(frame.workers).toHaveLength(2);
    const sum = frame.workers.reduce((n: number, w: { done: number }) => n + w.done, 0);
    expect(sum).toBeGreaterThan(0);

    const monitor = parbench(['monitor', dir]);
    expect(monitor.status).toBe(0);
    const lines = monitor.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('parbench live · [2/2] square grain 1e-4 · worker ×2 · repeat ' + `${frame.point.repeat}/${frame.point.repeats} · finished`);
    expect(lines.slice(1).map((l) => l.slice(0, 9))).toEqual(['  worker ', '  w0     ', '  w1     ']);
  });

  it('counts the tasks of shm workers too, which run their own loop', () => {
    const out = tempDir();
    const { status } = parbench(['run', 'square', '--backends', 'shm', '--grains', '1e-5', '--workers', '2', '--repeats', '2', '--precision', 'off', '--live', '-q', '--out', out]);
    expect(status).toBe(0);
    const frame = JSON.parse(readFileSync(join(onlyRun(out).dir, 'live.json'), 'utf8'));
    expect(frame.workers).toHaveLength(2);
    expect(frame.workers.reduce((n: number, w: { done: number }) => n + w.done, 0)).toBeGreaterThan(0);
  });

  it('monitor refuses a directory without a published frame, with one line and exit 2', () => {
    const dir = tempDir();
    const { status, stderr } = parbench(['monitor', dir]);
    expect(stderr).toBe(`parbench: no live status in ${dir} (a run publishes one in its directory while it runs with --live)\n`);
    expect(status).toBe(2);
  });
});
