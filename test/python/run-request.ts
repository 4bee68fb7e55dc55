/** A driver `run` request for tests: two workers, seed 42, no warm-up. */
export const runRequest = (backend: string, suite: string, params: Record<string, number | string | null>, knob: { chunk: number; work: number }, repeats = 1) => ({
  backend,
  workers: 2,
  suite,
  params,
  seed: 42,
  knob,
  warmup: 0,
  repeats,
});
