/**
 * What the HTML report's charts draw, as plain data: per suite (with its parameters), across one or
 * several runs, one series per run × backend × workers with its points (achieved grain, per-task
 * overhead and efficiency, each with a band) and its METG. Every text a chart shows (tooltips) is
 * formatted here, so the page's script only places marks. Formats only.
 */
import { seriesLabel, type RunAnalysis, type SeriesAnalysis } from '../stats/analyze.js';
import { metricBounds } from '../stats/metrics.js';
import { describeThreshold } from '../stats/threshold.js';
import { formatGrain, formatPercent, formatSeconds } from './format.js';

export interface ChartPoint {
  /** Target grain g (s). */
  target: number;
  /** Achieved grain ĝ (s): the x of both charts. */
  grain: number;
  /** Per-task overhead (CPU-seconds), as run.json's metrics. */
  overhead: number;
  /** Its band (CPU-seconds): from the ends of the 95% intervals of the medians of T_seq and T_par (metricBounds). */
  overheadBand: [number, number];
  /** Efficiency, a fraction, as run.json's metrics. */
  efficiency: number;
  /** Its band, fractions (metricBounds). */
  efficiencyBand: [number, number];
  /** The tooltip: series, grain, overhead and efficiency with units. */
  title: string;
}

export interface ChartSeries {
  /** Unique within a suite: run label and series label. */
  key: string;
  /** The run's label (its id). */
  run: string;
  /** "worker×2": what the colour legend names. */
  label: string;
  points: ChartPoint[];
  /** METG at the threshold when the sweep brackets it (s), with its 95% interval and tooltip; else null. */
  metg: { grain: number; ci95: [number, number]; title: string } | null;
}

export interface ChartSuite {
  /** A DOM id fragment made of [a-z0-9-] only, unique within the report. */
  id: string;
  suite: string;
  /** The suite's parameters, "k=v k=v". */
  params: string;
  /** "fib n=10". */
  title: string;
  series: ChartSeries[];
}

export interface ChartData {
  /** Efficiency threshold of the METG, a fraction. */
  threshold: number;
  /** Run labels in order; more than one: the charts tell runs apart by symbol. */
  runs: string[];
  suites: ChartSuite[];
}

/** A run as the report shows it: a label (unique) and its analysis. */
export interface LabelledAnalysis {
  label: string;
  analysis: RunAnalysis;
}

function chartSeries(run: string, s: SeriesAnalysis, threshold: number, label: string): ChartSeries {
  const points = s.points.map((p) => {
    const bounds = metricBounds({ tSeqCI: p.tSeq.ci95, tParCI: p.tPar.ci95, tasks: p.tasks, usable: s.usable });
    return {
      target: p.target,
      grain: p.grain,
      overhead: p.overhead,
      overheadBand: bounds.overhead,
      efficiency: p.efficiency,
      efficiencyBand: bounds.efficiency,
      title: `${label} · grain ${formatGrain(p.target)} s (achieved ${formatSeconds(p.grain)}): overhead ${formatSeconds(p.overhead)} per task, efficiency ${formatPercent(p.efficiency)}`,
    };
  });
  const metg =
    s.metg?.bound === 'bracketed'
      ? {
          grain: s.metg.grain,
          ci95: s.metg.ci95,
          title: `${label}: METG(${formatPercent(threshold)}) ${describeThreshold(s.metg, formatSeconds)} (95% interval ${formatSeconds(s.metg.ci95[0])} … ${formatSeconds(s.metg.ci95[1])})`,
        }
      : null;
  return { key: `${run}\u0000${label}`, run, label, points, metg };
}

/**
 * The charts' data of one or several analysed runs (all at the same METG threshold, the first's):
 * suites (with parameters) in order of first appearance, each with the series of every run that has
 * it, labelled "worker×2" and, with several runs, "worker×2 · <run>" in tooltips. Throws nothing.
 */
export function chartData(runs: readonly LabelledAnalysis[]): ChartData {
  const threshold = runs[0]?.analysis.metgThreshold ?? 0.5;
  const suites = new Map<string, ChartSuite>();
  for (const { label: run, analysis } of runs) {
    for (const s of analysis.series) {
      const key = `${s.suite}|${s.params}`;
      let suite = suites.get(key);
      if (!suite) {
        suite = { id: `suite-${suites.size + 1}`, suite: s.suite, params: s.params, title: s.params ? `${s.suite} ${s.params}` : s.suite, series: [] };
        suites.set(key, suite);
      }
      const label = seriesLabel(s);
      const tip = runs.length > 1 ? `${label} · ${run}` : label;
      suite.series.push({ ...chartSeries(run, s, threshold, tip), label });
    }
  }
  return { threshold, runs: runs.map((r) => r.label), suites: [...suites.values()] };
}
