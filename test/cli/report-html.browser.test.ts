/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The HTML report as a person sees it: written by the built CLI, opened in headless Chromium (Debian's,
 * driven by playwright-core), charts checked for what they drew and a screenshot kept under
 * results/screenshots/. Without a Chromium every test here is skipped, saying why.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/record/index.js';
import { formatGrain, formatPercent, formatSeconds } from '../../src/report/format.js';
import { analyzeRun, seriesLabel } from '../../src/stats/analyze.js';
import { describeThreshold } from '../../src/stats/threshold.js';
import { chromiumPath, NO_CHROMIUM } from '../helpers/browser.js';
import { cli, FIXTURES, writeJson } from '../helpers/cli.js';
import { HOSTILE, hostileRun } from '../helpers/hostile.js';
import { ROOT } from './cli.js';

const TWO = join(FIXTURES, 'run-two-cores.json');
const ONE = join(FIXTURES, 'run-one-core.json');
const SCREENSHOTS = join(ROOT, 'results', 'screenshots');
const CHROMIUM = chromiumPath();
if (!CHROMIUM) console.warn(`parbench: browser tests skipped: ${NO_CHROMIUM}`);

function readRecord(path: string): RunRecord {
  return JSON.parse(readFileSync(path, 'utf8')) as RunRecord;
}

/** Writes the HTML report of `runs` with the built CLI into a fresh directory; its path. */
function writeReport(runs: string[]): string {
  const out = join(mkdtempSync(join(tmpdir(), 'parbench-html-')), 'report.html');
  const r = cli(['report', ...runs, '--html', '-o', out]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toBe(`${out}\n`);
  return out;
}

/** What a page did while loading: the requests it made and the errors it raised. */
interface Loaded {
  page: Page;
  requests: string[];
  errors: string[];
}

/** What one chart figure shows. */
interface ChartView {
  suite: string;
  kind: string;
  /** Width × height of the chart's own SVG (not the legend's swatches). */
  size: [number, number];
  /** Per legend, the names of its swatches. */
  legend: string[][];
  lines: number;
  /** The titles of the dots of the first dot mark (the points), and of the METG diamonds. */
  points: string[];
  metg: string[];
}

async function charts(page: Page): Promise<ChartView[]> {
  return page.$$eval('figure.chart', (figures) =>
    figures.map((f) => {
      const svg = f.querySelector('figure > svg') as SVGSVGElement | null;
      const box = svg?.getBoundingClientRect();
      const marks = [...(svg?.querySelectorAll('g[aria-label="dot"]') ?? [])];
      const titles = (g: Element | undefined) => [...(g?.children ?? [])].map((c) => c.querySelector('title')?.textContent ?? '');
      return {
        suite: f.closest('section')!.querySelector('h2')!.textContent!,
        kind: f.getAttribute('data-chart')!,
        size: [Math.round(box?.width ?? 0), Math.round(box?.height ?? 0)] as [number, number],
        legend: [...f.querySelectorAll('[class*="swatches"]')].map((l) => [...l.querySelectorAll('[class$="-swatch"]')].map((e) => e.textContent!)),
        lines: svg?.querySelectorAll('g[aria-label="line"] path').length ?? 0,
        points: titles(marks[0]),
        metg: f.getAttribute('data-chart') === 'efficiency' ? titles(marks[1]) : [],
      };
    }),
  );
}

/** The text of each cell of the tables with class `name`, per table. */
async function tables(page: Page, name: string): Promise<string[][][]> {
  return page.$$eval(`table.${name}`, (ts) => ts.map((t) => [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!))));
}

describe('the HTML report in headless Chromium', () => {
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (CHROMIUM) browser = await chromium.launch({ executablePath: CHROMIUM });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function load(file: string): Promise<Loaded> {
    const page = await browser!.newPage({ viewport: { width: 1240, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, requests, errors };
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, name);
    await page.screenshot({ path, fullPage: true });
    expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
    console.log(`parbench: screenshot of the HTML report: ${path}`);
  }

  it('draws both charts of every suite, fetches nothing, and shows run.json\'s numbers', async (ctx) => {
    if (!browser) ctx.skip(NO_CHROMIUM);
    const file = writeReport([TWO]);
    const { page, requests, errors } = await load(file);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.textContent('#chart-error')).toBe('');

    const record = readRecord(TWO);
    const analysis = analyzeRun(record);
    const views = await charts(page);
    expect(views.map((v) => `${v.suite} ${v.kind}`)).toEqual(['fib n=10 overhead', 'fib n=10 efficiency', 'square n=25 tile=256 overhead', 'square n=25 tile=256 efficiency']);
    for (const view of views) {
      expect(view.size[0]).toBeGreaterThan(400);
      expect(view.size[1]).toBeGreaterThan(250);
      expect(view.legend).toEqual([['sequential', 'worker×2', 'process×2']]);
      expect(view.lines).toBe(3);
      const suite = view.suite.split(' ')[0]!;
      const points = record.points.filter((p) => p.suite === suite);
      // Every point of run.json as a dot whose title carries its numbers; the log axis of overhead drops those ≤ 0.
      const shown = view.kind === 'overhead' ? points.filter((p) => p.metrics!.overheadPerTask > 0) : points;
      const title = (p: RunRecord['points'][number]) =>
        `${seriesLabel(p)} · grain ${formatGrain(p.grain.target)} s (achieved ${formatSeconds(p.sequential.summary.median / p.tasks)}): ` +
        `overhead ${formatSeconds(p.metrics!.overheadPerTask)} per task, efficiency ${formatPercent(p.metrics!.efficiency)}`;
      expect([...view.points].sort()).toEqual(shown.map(title).sort());
      if (view.kind === 'efficiency') {
        const bracketed = analysis.series.filter((s) => s.suite === suite && s.metg?.bound === 'bracketed');
        expect(view.metg).toEqual(bracketed.map((s) => `${seriesLabel(s)}: METG(50%) ${formatSeconds(s.metg!.grain)} (95% interval ${formatSeconds(s.metg!.ci95[0])} … ${formatSeconds(s.metg!.ci95[1])})`));
        expect(view.metg.length).toBeGreaterThan(0);
      }
    }

    // The overhead · efficiency tables: every cell is run.json's metrics.
    const [fib, square] = await tables(page, 'grid');
    for (const [suite, rows] of [['fib', fib!], ['square', square!]] as const) {
      const points = record.points.filter((p) => p.suite === suite);
      const grains = [...new Set(points.map((p) => p.grain.target))];
      expect(rows.map((r) => r[0])).toEqual(grains.map(formatGrain));
      rows.forEach((row, i) => {
        const at = (backend: string) => points.find((p) => p.backend === backend && p.grain.target === grains[i])!;
        expect(row.slice(3)).toEqual(['sequential', 'worker', 'process'].map((b) => `${formatSeconds(at(b).metrics!.overheadPerTask)} · ${formatPercent(at(b).metrics!.efficiency)}`));
        expect(row[2]).toBe(String(at('worker').tasks));
      });
    }
    // The verdict: METG and fitted overhead as the analysis of run.json gives them.
    const [fibVerdict] = await tables(page, 'verdict-backends');
    const fibSeries = analysis.series.filter((s) => s.suite === 'fib');
    expect(fibVerdict!.map((r) => r.slice(0, 2).concat(r[3]!))).toEqual(
      ['worker', 'process', 'sequential'].map((b) => {
        const s = fibSeries.find((x) => x.backend === b)!;
        return [seriesLabel(s), describeThreshold(s.metg, formatSeconds), formatSeconds(s.fit!.o)];
      }),
    );
    await screenshot(page, 'report-one-run.png');
    await page.close();
  });

  it('overlays several runs: the machine table first, one symbol per run, the legends naming backends and runs', async (ctx) => {
    if (!browser) ctx.skip(NO_CHROMIUM);
    const { page, errors } = await load(writeReport([TWO, ONE]));
    expect(errors).toEqual([]);
    expect(await page.$eval('section', (s) => s.id)).toBe('machines');
    expect(await page.$$eval('table.machines thead th', (ths) => ths.map((t) => t.textContent))).toEqual(['', '2026-11-26_12-05-46-28fa', '2026-11-26_12-06-15-23bb']);
    const views = await charts(page);
    expect(views).toHaveLength(4);
    for (const view of views) {
      expect(view.legend).toEqual([['2026-11-26_12-05-46-28fa', '2026-11-26_12-06-15-23bb'], ['sequential', 'worker×2', 'process×2', 'worker×1', 'process×1']]);
      expect(view.lines).toBe(6);
      expect(view.points.length).toBeGreaterThan(0);
    }
    await screenshot(page, 'report-two-runs.png');
    await page.close();
  });

  it('shows a traced run\'s task stream: one lane per worker, one bar per task, the decomposition of run.json', async (ctx) => {
    if (!browser) ctx.skip(NO_CHROMIUM);
    const cwd = mkdtempSync(join(tmpdir(), 'parbench-html-trace-'));
    const made = cli(['run', 'fib', '--n', '6', '--backends', 'worker,shm', '--grains', '1e-6', '--repeats', '2', '--warmup', '1', '--workers', '2', '--precision', 'off', '--trace', '--quiet', '--out', 'runs'], cwd);
    expect(made.code, made.stderr).toBe(0);
    const [id] = readdirSync(join(cwd, 'runs'));
    const runJson = join(cwd, 'runs', id!, 'run.json');
    const record = readRecord(runJson);
    const trace = JSON.parse(readFileSync(join(cwd, 'runs', id!, 'trace.json'), 'utf8')) as { traceEvents: { ph: string; pid: number; name: string; args?: { name?: string } }[] };
    const { page, errors } = await load(writeReport([runJson]));
    expect(errors).toEqual([]);
    expect(await page.textContent('#chart-error')).toBe('');
    const streams = await page.$$eval('figure.stream', (figures) =>
      figures.map((f) => ({
        point: f.getAttribute('data-point'),
        bars: f.querySelectorAll('svg g[aria-label="bar"] rect').length,
        lanes: [...f.querySelectorAll('svg g[aria-label="y-axis tick label"] text')].map((t) => t.textContent),
        width: Math.round(f.querySelector('svg')?.getBoundingClientRect().width ?? 0),
      })),
    );
    expect(streams.map((s) => s.point)).toEqual(['fib · worker×2 · grain 1e-6 s', 'fib · shm×2 · grain 1e-6 s']);
    streams.forEach((stream, i) => {
      expect(stream.width).toBeGreaterThan(400);
      expect(stream.bars).toBe(record.points[i]!.tasks);
      const lanes = trace.traceEvents.filter((e) => e.pid === i + 1 && e.name === 'thread_name').map((e) => e.args?.name);
      // One lane per worker that ran a task of the shown repetition (which ones depends on scheduling).
      expect(stream.lanes).toEqual(lanes);
      expect(lanes.length).toBeGreaterThan(0);
    });
    const [rows] = await tables(page, 'trace-decomposition');
    expect(rows).toEqual(
      record.points.map((p) => {
        const d = p.trace!.decomposition!;
        return [`fib · ${p.backend}×2 · 1e-6 s`, ...[d.dispatchSeconds, d.queuedSeconds, d.executeSeconds, d.returnSeconds, d.idlePerTaskSeconds, p.trace!.overheadPerTaskSeconds, p.trace!.clock.alignmentErrorSeconds].map(formatSeconds), ''];
      }),
    );
    await screenshot(page, 'report-trace.png');
    await page.close();
  }, 120_000);

  it('runs no script a run record smuggles in and shows its strings as text', async (ctx) => {
    if (!browser) ctx.skip(NO_CHROMIUM);
    const dir = mkdtempSync(join(tmpdir(), 'parbench-html-'));
    const run = writeJson(join(dir, `run ${HOSTILE.replaceAll('/', '_')}`, 'run.json'), hostileRun());
    const { page, errors } = await load(writeReport([run]));
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.$$eval('img', (imgs) => imgs.length)).toBe(0);
    const text = await page.textContent('body');
    for (const shown of [`fib n=10 note=${HOSTILE}`, `worker${HOSTILE}×2`, `AMD ${HOSTILE}`, `run${HOSTILE}`, run]) expect(text).toContain(shown);
    const views = await charts(page);
    expect(views[0]!.legend).toEqual([['sequential', `worker${HOSTILE}×2`, 'process×2']]);
    await page.close();
  });
});
