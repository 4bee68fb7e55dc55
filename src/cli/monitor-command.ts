/** `parbench monitor <run-dir>`: the live view of a run started elsewhere with --live, from its live.json. */
import { Command } from 'commander';
import { createLogUpdate } from 'log-update';
import { LIVE_FPS, readLiveFrame } from '../api/live.js';
import { renderLiveFrame } from '../report/live-view.js';

/**
 * The `monitor` command: on a terminal, the run's published frame redrawn LIVE_FPS times a second until
 * the run has finished (or Ctrl-C); elsewhere, or with --once, the current frame printed once. Exit 2
 * (NO_LIVE_STATUS) when the directory has no published frame.
 */
export function monitorCommand(): Command {
  return new Command('monitor')
    .description('watch a run started with --live from another terminal (its run directory)')
    .argument('<run-dir>', 'the run directory (results/runs/<id>) of a run started with --live')
    .option('--once', 'print the current frame once and exit')
    .action(async (dir: string, opts: { once?: boolean }) => {
      const first = readLiveFrame(dir);
      const width = process.stdout.columns ?? 80;
      if (opts.once || !process.stdout.isTTY) {
        process.stdout.write(`${renderLiveFrame(first, width)}\n`);
        return;
      }
      const draw = createLogUpdate(process.stdout, { showCursor: true });
      await new Promise<void>((resolve) => {
        const tick = () => {
          const frame = readLiveFrame(dir);
          draw(renderLiveFrame(frame, process.stdout.columns ?? 80));
          if (frame.finished) {
            clearInterval(timer);
            process.off('SIGINT', stop);
            draw.done();
            resolve();
          }
        };
        const stop = () => {
          clearInterval(timer);
          draw.done();
          resolve();
        };
        process.on('SIGINT', stop);
        const timer = setInterval(() => {
          try {
            tick();
          } catch {
            // the run is replacing the file: the next tick reads it
          }
        }, 1000 / LIVE_FPS);
        tick();
      });
    });
}
