import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/record/index.js';
import { chartData } from '../../src/report/html-data.js';
import { escapeHtml, htmlReport, inlineScript, jsonForScript, type HtmlRun } from '../../src/report/html-view.js';
import { analyzeRun } from '../../src/stats/analyze.js';
import { suiteVerdicts } from '../../src/stats/verdict.js';
import { FIXTURES } from '../helpers/cli.js';
import { HOSTILE, hostileRun } from '../helpers/hostile.js';

const TWO = JSON.parse(readFileSync(join(FIXTURES, 'run-two-cores.json'), 'utf8')) as RunRecord;
const LIBRARIES = { d3: '/* d3 */', plot: '/* plot */' };

function htmlRun(record: RunRecord, path = 'results/runs/x/run.json'): HtmlRun {
  const analysis = analyzeRun(record);
  return { label: record.id, path, record, analysis, verdicts: suiteVerdicts(analysis) };
}

/** The chart data the page carries, parsed back. */
function embeddedData(html: string): unknown {
  const match = /<script type="application\/json" id="parbench-data">([^<]*)<\/script>/.exec(html);
  return JSON.parse(match![1]!);
}

describe('escaping', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;');
  });

  it('keeps JSON for a script element free of markup, and JSON.parse reads it back unchanged', () => {
    const data = { text: `${HOSTILE} & \u2028 \u2029`, n: [1e-6, -0.5] };
    const json = jsonForScript(data);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(data);
  });

  it('breaks up a closing script tag and a comment opener inside library code', () => {
    expect(inlineScript('var s = "</script>", t = "</SCRIPT", c = "<!--";')).toBe('var s = "<\\/script>", t = "<\\/SCRIPT", c = "<\\!--";');
  });
});

describe('the HTML report', () => {
  it('has the machine table first, then per suite a verdict, two chart places and the table; then summary, warnings, metadata', () => {
    const html = htmlReport([htmlRun(TWO)], LIBRARIES);
    const order = ['id="machines"', 'id="suite-1"', '<h3>Verdict (2 cores)</h3>', 'id="overhead-suite-1"', 'id="efficiency-suite-1"', 'Per-task overhead · efficiency by grain', 'id="suite-2"', 'id="summary"', 'id="warnings"', 'id="metadata"'];
    const at = order.map((s) => html.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain('<title>parbench report · 2026-11-26_12-05-46-28fa</title>');
    expect(html).toContain('<td>worker×2</td><td>168 µs</td><td>142 µs … 1.02 ms</td><td>37.7 µs</td><td>21.9 µs … 53.6 µs</td>');
    expect(html).toContain('<td>1e-6</td><td>1.05 µs</td><td>177</td><td>277 ns · 79%</td><td>35 µs · 2.9%</td><td>105 µs · 0.99%</td>');
    expect(embeddedData(html)).toEqual(chartData([{ label: TWO.id, analysis: analyzeRun(TWO) }]));
  });

  it('carries the numbers of run.json into the charts unchanged', () => {
    const data = chartData([{ label: TWO.id, analysis: analyzeRun(TWO) }]);
    const worker = data.suites[0]!.series.find((s) => s.label === 'worker×2')!;
    const points = TWO.points.filter((p) => p.suite === 'fib' && p.backend === 'worker');
    expect(worker.points.map((p) => [p.target, p.overhead, p.efficiency])).toEqual(points.map((p) => [p.grain.target, p.metrics!.overheadPerTask, p.metrics!.efficiency]));
    expect(worker.points[0]!.title).toBe('worker×2 · grain 1e-6 s (achieved 1.05 µs): overhead 35 µs per task, efficiency 2.9%');
    const p = points[0]!;
    const w = p.metrics!.usableWorkers;
    expect(worker.points[0]!.efficiencyBand).toEqual([p.sequential.summary.ci95[0] / (w * p.parallel!.summary.ci95[1]), p.sequential.summary.ci95[1] / (w * p.parallel!.summary.ci95[0])]);
    expect(worker.points[0]!.overheadBand).toEqual([(w * p.parallel!.summary.ci95[0] - p.sequential.summary.ci95[1]) / p.tasks, (w * p.parallel!.summary.ci95[1] - p.sequential.summary.ci95[0]) / p.tasks]);
    expect(worker.metg!.title).toBe('worker×2: METG(50%) 168 µs (95% interval 142 µs … 1.02 ms)');
  });

  it('lets no run string become markup: parameters, backend names, machine fields, ids and paths are escaped', () => {
    const html = htmlReport([htmlRun(hostileRun(), `/tmp/${HOSTILE}/run.json`)], LIBRARIES);
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<!--');
    expect(html.match(/<script/g)).toHaveLength(4); // the data, d3, Plot and the drawing script
    expect(html.match(/<\/script>/g)).toHaveLength(4);
    expect(html).toContain(escapeHtml(`/tmp/${HOSTILE}/run.json`));
    expect(html).toContain(escapeHtml(`worker${HOSTILE}×2`));
    const data = embeddedData(html) as { suites: { title: string; series: { label: string }[] }[] };
    expect(data.suites[0]!.title).toBe(`fib n=10 note=${HOSTILE}`);
    expect(data.suites[0]!.series.map((s) => s.label)).toContain(`worker${HOSTILE}×2`);
  });

  it('overlays several runs: one machine column each, their verdicts and tables labelled by run', () => {
    const one = JSON.parse(readFileSync(join(FIXTURES, 'run-one-core.json'), 'utf8')) as RunRecord;
    const html = htmlReport([htmlRun(TWO), htmlRun(one)], LIBRARIES);
    expect(html).toContain('<thead><tr><th></th><th>2026-11-26_12-05-46-28fa</th><th>2026-11-26_12-06-15-23bb</th></tr></thead>');
    expect(html).toContain('<h3>Verdict (1 core) · 2026-11-26_12-06-15-23bb</h3>');
    expect(html).toContain('Per-task overhead · efficiency by grain · 2026-11-26_12-05-46-28fa');
    const data = embeddedData(html) as { runs: string[]; suites: { series: { run: string }[] }[] };
    expect(data.runs).toEqual([TWO.id, one.id]);
    expect(data.suites).toHaveLength(2);
    expect(new Set(data.suites[0]!.series.map((s) => s.run))).toEqual(new Set([TWO.id, one.id]));
  });
});
