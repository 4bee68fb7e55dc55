// A run on the user's cluster is described as such: the footer line, compare's machine rows.
import { describe, expect, it } from 'vitest';
import { clusterNote, clusterPhrases } from '../../src/report/cluster-view.js';
import { machineRows } from '../../src/report/compare-view.js';
import { syntheticRun } from '../helpers/synthetic.js';

function clusterRun() {
  const record = syntheticRun([{ backend: 'ray', workers: 16, o: 1e-3, points: [[1e-4, 100], [1e-3, 100]] }]);
  for (const p of record.points) p.cluster = { address: 'head:6379', workers: 16, cores: 16, nodes: 2, versions: { ray: '2.60.0' } };
  return record;
}

describe('a run on the user\'s cluster', () => {
  it('names the cluster once per backend and address', () => {
    expect(clusterPhrases(clusterRun().points)).toEqual(['ray: head:6379 (16 workers, 16 cores)']);
    expect(clusterPhrases(syntheticRun([{ backend: 'worker', workers: 2, o: 1e-6, points: [[1e-4, 10]] }]).points)).toEqual([]);
  });

  it('says under the table which cores efficiency is taken against', () => {
    expect(clusterNote(clusterRun().points[0]!)).toBe(
      "ray ran on the cluster at head:6379 (2 nodes, 16 workers, 16 cores as it reports them; ray 2.60.0): W = 16, and efficiency and overhead use min(W, the cluster's 16 cores), not this machine's",
    );
  });

  it('puts the clusters beside the machines in compare, a dash for a run without one', () => {
    const laptop = syntheticRun([{ backend: 'ray', workers: 2, o: 1e-3, points: [[1e-4, 100]] }]);
    const runs = [laptop, clusterRun()].map((r, i) => ({ label: 'AB'[i]!, id: `run${i}`, machine: r.machine, cores: r.cores, clusters: clusterPhrases(r.points) }));
    expect(machineRows(runs).at(-1)).toEqual(['clusters (as they report themselves)', '–', 'ray: head:6379 (16 workers, 16 cores)']);
    expect(machineRows(runs.map((r) => ({ ...r, clusters: [] }))).map((row) => row[0])).not.toContain('clusters (as they report themselves)');
  });
});
