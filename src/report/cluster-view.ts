/** How a point that ran on the user's own cluster is described under a table and in compare. */
import type { PointRecord } from '../record/index.js';

/**
 * One line: which cluster a backend's points ran on (address, workers and cores as the cluster reports
 * them, versions) and that its efficiency and overhead take min(W, the cluster's cores). Throws nothing;
 * a point without `cluster` gives its backend alone.
 */
export function clusterNote(point: PointRecord): string {
  const cluster = point.cluster;
  if (!cluster) return point.backend;
  const versions = Object.entries(cluster.versions).map(([name, version]) => `${name} ${version}`).join(', ');
  const nodes = cluster.nodes ? `${cluster.nodes} node${cluster.nodes === 1 ? '' : 's'}, ` : '';
  return (
    `${point.backend} ran on the cluster at ${cluster.address} (${nodes}${cluster.workers} workers, ${cluster.cores} cores as it reports them${versions ? `; ${versions}` : ''}): ` +
    `W = ${point.workers}, and efficiency and overhead use min(W, the cluster's ${cluster.usedCores ?? cluster.cores} cores), not this machine's`
  );
}

/**
 * The clusters a run's points ran on, one phrase per backend and address: "dask-distributed: tcp://…
 * (2 workers, 2 cores)". Empty when every point ran on a pool parbench started. Throws nothing.
 */
export function clusterPhrases(points: readonly PointRecord[]): string[] {
  const phrases = points.flatMap((p) => (p.cluster ? [`${p.backend}: ${p.cluster.address} (${p.cluster.workers} workers, ${p.cluster.cores} cores)`] : []));
  return [...new Set(phrases)];
}

/** The first point of each backend among `points`, in order (the ones whose cluster a footer names). */
export function firstPerBackend(points: readonly PointRecord[]): PointRecord[] {
  const seen = new Set<string>();
  return points.filter((p) => !seen.has(p.backend) && seen.add(p.backend));
}
