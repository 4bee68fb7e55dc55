/** Laying a point's dependency structure out in shared memory, generic over any suite's task graph. */
import type { TaskGraph } from '../backend.js';
import type { SharedGraph } from './protocol.js';

function int32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4));
}

export interface LaidOutGraph {
  shared: SharedGraph;
  /** Initial pending counts (copied into `pending` at the start of every run). */
  depCounts: Int32Array;
  /** Ids + 1 of the tasks ready at the start (no dependencies), in task order: the driver's batch. */
  rootSlots: Int32Array;
  /** Tasks nothing depends on: a graph run is over once all of them are done. */
  sinks: number;
}

/** Lay a task graph out in shared Int32Arrays (dependency and dependent lists, pending counts, root slots) for the shm workers. */
export function layOutGraph(graph: TaskGraph): LaidOutGraph {
  const n = graph.tasks.length;
  const depStart = int32(n + 1);
  const dependentStart = int32(n + 1);
  let deps = 0;
  let dependents = 0;
  for (let i = 0; i < n; i++) {
    depStart[i] = deps;
    dependentStart[i] = dependents;
    deps += graph.tasks[i]!.deps.length;
    dependents += graph.dependents[i]!.length;
  }
  depStart[n] = deps;
  dependentStart[n] = dependents;
  const depList = int32(deps);
  const dependentList = int32(dependents);
  const roots: number[] = [];
  let sinks = 0;
  for (let i = 0; i < n; i++) {
    if (graph.dependents[i]!.length === 0) sinks++;
    depList.set(graph.tasks[i]!.deps, depStart[i]!);
    dependentList.set(graph.dependents[i]!, dependentStart[i]!);
    if (graph.depCounts[i] === 0) roots.push(i + 1);
  }
  return {
    shared: {
      depStart: depStart.buffer as SharedArrayBuffer,
      depList: depList.buffer as SharedArrayBuffer,
      dependentStart: dependentStart.buffer as SharedArrayBuffer,
      dependentList: dependentList.buffer as SharedArrayBuffer,
      pending: int32(n).buffer as SharedArrayBuffer,
      ring: int32(n).buffer as SharedArrayBuffer,
    },
    depCounts: Int32Array.from(graph.depCounts),
    rootSlots: Int32Array.from(roots),
    sinks,
  };
}
