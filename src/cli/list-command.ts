/** `parbench list`: suites (with their parameters) and backends (with their availability). */
import { Command } from 'commander';
import { listing } from '../api/list.js';
import { backends } from '../backends/index.js';
import { suites, type ParamSpec } from '../../suites/index.js';

function describeParam(spec: ParamSpec): string {
  const range = spec.type === 'integer' || spec.type === 'number' ? ` (${spec.min}…${spec.max})` : spec.type === 'choice' ? ` (${spec.choices.join('|')})` : '';
  return `--${spec.name} ${spec.default ?? '(none)'}${range}  ${spec.description}`;
}

/** The `list` command: the listing as text, or as JSON with --json. */
export function listCommand(): Command {
  return new Command('list')
    .description('list suites (with their parameters) and backends (with availability)')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(listing(), null, 2)}\n`);
        return;
      }
      const width = Math.max(...suites.map((s) => s.name.length), ...backends.map((b) => b.name.length)) + 2;
      const lines = ['Suites:'];
      for (const s of suites) {
        lines.push(`  ${s.name.padEnd(width)} ${s.description}`, `  ${''.padEnd(width)} stresses: ${s.stresses}`);
        if (s.knob) lines.push(`  ${''.padEnd(width)} knob: ${s.knob}`);
        for (const p of s.params) lines.push(`  ${''.padEnd(width)} ${describeParam(p)}`);
      }
      lines.push('', 'Backends:');
      for (const b of backends) {
        const a = b.availability();
        lines.push(`  ${b.name.padEnd(width)} ${a.available ? 'available  ' : 'unavailable'} ${b.description}${a.available ? '' : ` — ${a.reason}`}`);
      }
      lines.push('', 'Work knob: calibration sets task size (chunk) first, then rounds of arithmetic per unit (work).');
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
