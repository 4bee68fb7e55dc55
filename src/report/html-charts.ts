/**
 * The script of the HTML report that draws its charts in the browser with Observable Plot. It is a
 * TypeScript function so that the compiler checks it against Plot's types; the page embeds its source
 * (`drawCharts.toString()`) and calls it with the inlined library, the data of html-data.ts and the
 * document. It must therefore use nothing from outside its own body: no imports, no module constants.
 */
import type * as PlotModule from '@observablehq/plot';
import type { ChartData, ChartPoint, ChartSeries, ChartSuite } from './html-data.js';

/** The few DOM operations the script needs (the project compiles without the DOM library). */
export interface ChartDocument {
  getElementById(id: string): { append(node: unknown): void } | null;
}

/** One drawn point: a series' point with its series' names. */
type Row = ChartPoint & { key: string; run: string; label: string };

/**
 * Draws every suite's two charts into the elements `overhead-<suite id>` and `efficiency-<suite id>`:
 * per-task overhead against achieved grain (log–log; points at or below zero, within noise of no
 * overhead, cannot be placed and are left out, their band clamped to the axis' floor; both log axes span whole decades) and efficiency
 * against achieved grain (log x) with the METG threshold as a dashed line and each bracketed METG as a
 * diamond with its 95% interval along the line. One colour per backend (the legend names them), one
 * line per series, its band shaded; with several runs, one symbol per run (a second legend). `format`
 * is d3.format (SI prefixes for the log axes). Throws whatever Plot throws.
 */
export function drawCharts(Plot: typeof PlotModule, format: (specifier: string) => (n: number) => string, data: ChartData, doc: ChartDocument): void {
  const si = format('~s');
  const seconds = (n: number) => `${si(n)}s`;
  const several = data.runs.length > 1;
  // Ticks and grid lines of a log axis at the powers of ten that span the values.
  const decades = (values: number[]): number[] => {
    const logs = values.filter((v) => v > 0 && Number.isFinite(v)).map(Math.log10);
    if (logs.length === 0) return [];
    const out: number[] = [];
    for (let k = Math.floor(Math.min(...logs)); k <= Math.ceil(Math.max(...logs)); k++) out.push(10 ** k);
    return out;
  };
  const rowsOf = (series: ChartSeries[]): Row[] =>
    series.flatMap((s) => s.points.map((p) => ({ ...p, key: s.key, run: s.run, label: s.label }))).sort((a, b) => a.grain - b.grain);
  const legend = (suite: ChartSuite) => ({
    color: { legend: true, domain: [...new Set(suite.series.map((s) => s.label))] },
    ...(several ? { symbol: { legend: true, domain: data.runs } } : {}),
  });
  const dots = (rows: Row[], y: (r: Row) => number) =>
    Plot.dot(rows, { x: 'grain', y, stroke: 'label', fill: 'label', r: 3, title: 'title', ...(several ? { symbol: 'run' } : {}) });

  for (const suite of data.suites) {
    const rows = rowsOf(suite.series);
    // Both log axes span whole decades: from the one at or below the smallest value to the one at or above the largest.
    const xTicks = decades(rows.map((r) => r.grain));
    const x = { type: 'log' as const, label: 'achieved grain ĝ →', tickFormat: seconds, ticks: xTicks, domain: [xTicks[0]!, xTicks.at(-1)!], grid: true };
    const yTicks = decades(rows.flatMap((r) => [r.overhead, r.overheadBand[1]]));
    const floor = yTicks[0] ?? 1e-9;
    const overhead = (r: Row) => (r.overhead > 0 ? r.overhead : NaN);
    doc.getElementById(`overhead-${suite.id}`)?.append(
      Plot.plot({
        width: 560,
        height: 340,
        marginLeft: 56,
        x,
        y: { type: 'log', label: '↑ per-task overhead (CPU time)', tickFormat: seconds, ticks: yTicks, domain: [floor, yTicks.at(-1) ?? 1], grid: true },
        ...legend(suite),
        marks: [
          Plot.areaY(rows, { x: 'grain', y1: (r: Row) => Math.max(r.overheadBand[0], floor), y2: (r: Row) => Math.max(r.overheadBand[1], floor), z: 'key', fill: 'label', fillOpacity: 0.1 }),
          Plot.line(rows, { x: 'grain', y: overhead, z: 'key', stroke: 'label' }),
          dots(rows.filter((r) => r.overhead > 0), overhead),
        ],
      }),
    );

    const metgs = suite.series.flatMap((s) => (s.metg ? [{ ...s.metg, label: s.label, run: s.run }] : []));
    const highest = Math.max(1.1, ...rows.map((r) => r.efficiency * 1.05));
    doc.getElementById(`efficiency-${suite.id}`)?.append(
      Plot.plot({
        width: 560,
        height: 340,
        marginLeft: 56,
        x,
        // percent: the scale's values, domain included, are in percent.
        y: { label: '↑ efficiency (%)', percent: true, domain: [0, 100 * Math.min(highest, 2.5)], grid: true },
        ...legend(suite),
        marks: [
          Plot.areaY(rows, { x: 'grain', y1: (r: Row) => r.efficiencyBand[0], y2: (r: Row) => r.efficiencyBand[1], z: 'key', fill: 'label', fillOpacity: 0.15, clip: true }),
          Plot.ruleY([data.threshold], { stroke: '#777', strokeDasharray: '4 3' }),
          Plot.line(rows, { x: 'grain', y: 'efficiency', z: 'key', stroke: 'label', clip: true }),
          dots(rows, (r) => r.efficiency),
          Plot.ruleY(metgs, { y: () => data.threshold, x1: (m: (typeof metgs)[number]) => m.ci95[0], x2: (m: (typeof metgs)[number]) => m.ci95[1], stroke: 'label', strokeWidth: 3, strokeOpacity: 0.45 }),
          Plot.dot(metgs, { x: 'grain', y: () => data.threshold, symbol: 'diamond', r: 6, fill: 'label', stroke: 'white', title: 'title', ariaLabel: 'METG' }),
        ],
      }),
    );
  }
}
