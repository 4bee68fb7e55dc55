/**
 * square: square every element of an array of n × 1024 float64 values (the seed study's "square array").
 * Tasks are tiles of `chunk` elements; each element also takes `work` rounds of calibrated arithmetic,
 * which is how a tile reaches a grain larger than squaring alone can. Verified element by element.
 */
import { fnv1a, sameNumber } from './checksum.js';
import { mulberry32 } from './random.js';
import type { InlineForm, Knob, Suite, SuiteParams, Task } from './suite.js';
import { sharedFloat64, sharedInt32, type SharedForm } from './shared.js';
import { spin } from './work.js';

export interface SquareInput {
  values: Float64Array;
  /** Largest tile calibration may use, in elements (at most the array's length). */
  tile: number;
}

export interface SquarePayload {
  /** Index of the tile's first element in the whole array. */
  offset: number;
  values: Float64Array;
  /** Rounds of spin per element. */
  work: number;
}

export interface SquareOutput {
  squares: Float64Array;
  spin: number;
}

export interface SquareResult {
  squares: Float64Array;
  spin: number;
}

/** Largest n (units of 1024 elements): 16 Mi float64 values, 128 MiB. */
export const SQUARE_MAX_N = 16_384;

/** n × 1024 float64 values, uniform in [-1, 1) from mulberry32(seed). */
export function squareInput(n: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const values = new Float64Array(n * 1024);
  for (let i = 0; i < values.length; i++) values[i] = random() * 2 - 1;
  return values;
}

/** Descriptor fields per task in shared memory: offset in the whole array, length, work, place in the shared buffers. */
const STRIDE = 4;

/**
 * square over shared memory: the point's tiles back to back once per point (any tiles of the array,
 * e.g. a sample of them), tasks as (offset, length, work, place); the kernel reads its tile through a
 * view, and its squares and work checksum are stored into shared slots at the tile's place.
 */
export const squareShared: SharedForm<SquarePayload, SquareOutput> = {
  layout(tasks) {
    const total = tasks.reduce((n, t) => n + t.payload.values.length, 0);
    const input = sharedFloat64(total);
    const descriptors = sharedInt32(tasks.length * STRIDE);
    let place = 0;
    tasks.forEach(({ payload }, i) => {
      input.set(payload.values, place);
      descriptors.set([payload.offset, payload.values.length, payload.work, place], i * STRIDE);
      place += payload.values.length;
    });
    const output = sharedFloat64(total);
    const spins = sharedInt32(tasks.length);
    return { buffers: { input: input.buffer as SharedArrayBuffer, descriptors: descriptors.buffer as SharedArrayBuffer, output: output.buffer as SharedArrayBuffer, spins: spins.buffer as SharedArrayBuffer }, meta: { tasks: tasks.length } };
  },
  bind({ buffers, meta }) {
    const input = new Float64Array(buffers.input!);
    const output = new Float64Array(buffers.output!);
    const d = new Int32Array(buffers.descriptors!);
    const spins = new Int32Array(buffers.spins!);
    const span = (i: number): [number, number] => [d[i * STRIDE + 3]!, d[i * STRIDE + 3]! + d[i * STRIDE + 1]!];
    const payload = (i: number): SquarePayload => ({ offset: d[i * STRIDE]!, values: input.subarray(...span(i)), work: d[i * STRIDE + 2]! });
    // The inline form's kernel over the shared output (its `starts` are the tiles' places), payload views
    // made once per point: the work the sequential reference times, written where the results live.
    const count = meta.tasks!;
    const views = Array.from({ length: count }, (_, i) => payload(i));
    const out: SquareInline = { squares: output, starts: Int32Array.from({ length: count }, (_, i) => d[i * STRIDE + 3]!) };
    return {
      payload,
      run(i, context) {
        spins[i] = squareInline.kernel(views[i]!, context, out, i);
      },
      result(i) {
        return { squares: output.subarray(...span(i)), spin: spins[i]! };
      },
      store(i, { squares, spin }) {
        output.set(squares, d[i * STRIDE + 3]!);
        spins[i] = spin;
      },
    };
  },
  collect({ buffers }, count) {
    const output = new Float64Array(buffers.output!);
    const d = new Int32Array(buffers.descriptors!);
    const spins = new Int32Array(buffers.spins!);
    const results: SquareOutput[] = [];
    for (let i = 0; i < count; i++) {
      const place = d[i * STRIDE + 3]!;
      results.push({ squares: output.slice(place, place + d[i * STRIDE + 1]!), spin: spins[i]! });
    }
    return results;
  },
};

/** Inline output of square: every sampled tile's squares, back to back; tile i starts at `starts[i]`. */
export interface SquareInline {
  squares: Float64Array;
  starts: Int32Array;
}

/**
 * square into preallocated output, for inline execution: one array for all tiles; each tile's squares
 * are written at its place and the kernel returns only the work checksum. `result` copies the tile out.
 */
export const squareInline: InlineForm<SquarePayload, SquareOutput, unknown, SquareInline> = {
  output(tasks, count) {
    const starts = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) starts[i + 1] = starts[i]! + tasks[i]!.payload.values.length;
    return { squares: new Float64Array(starts[count]!), starts };
  },
  kernel({ offset, values, work }, _context, out, index) {
    const squares = out.squares;
    const start = out.starts[index]!;
    let acc = 0;
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      squares[start + i] = x * x;
      if (work > 0) acc ^= spin(work, offset + i + 1);
    }
    return acc;
  },
  result(out, index, scalar) {
    return { squares: out.squares.slice(out.starts[index]!, out.starts[index + 1]!), spin: scalar };
  },
};

/** The square suite: independent tiles of `chunk` elements, each squared element by element. */
export const square: Suite<SquareInput, SquarePayload, SquareOutput, SquareResult> = {
  name: 'square',
  description: 'square an array of n x 1024 float64 values, tile by tile',
  stresses: 'independent data-parallel tasks whose inputs and outputs cross the dispatch boundary',
  params: [
    { name: 'n', type: 'integer', description: 'array length in units of 1024 elements', default: 25, min: 1, max: SQUARE_MAX_N },
    { name: 'tile', type: 'integer', description: 'largest tile (elements per task) calibration may use', default: 256, min: 1, max: 1_048_576 },
  ],
  makeInput(params: SuiteParams, seed: number): SquareInput {
    const values = squareInput(Number(params.n), seed);
    return { values, tile: Math.min(Number(params.tile), values.length) };
  },
  knobRange(input: SquareInput) {
    return { chunkUnit: 'element', chunkMin: 1, chunkMax: input.tile, workMax: 10_000_000 };
  },
  split(input: SquareInput, knob: Knob): Task<SquarePayload>[] {
    const tasks: Task<SquarePayload>[] = [];
    for (let offset = 0; offset < input.values.length; offset += knob.chunk) {
      const values = input.values.slice(offset, offset + knob.chunk);
      tasks.push({ payload: { offset, values, work: knob.work }, deps: [] });
    }
    return tasks;
  },
  span({ offset, values }: SquarePayload): readonly [number, number] {
    return [offset, offset + values.length];
  },
  kernel({ offset, values, work }: SquarePayload): SquareOutput {
    const squares = new Float64Array(values.length);
    let acc = 0;
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      squares[i] = x * x;
      if (work > 0) acc ^= spin(work, offset + i + 1);
    }
    return { squares, spin: acc };
  },
  combine(input: SquareInput, results: SquareOutput[]): SquareResult {
    // The tasks' tiles back to back: the whole array for the whole set, the sampled tiles for a sample.
    const squares = new Float64Array(results.reduce((n, part) => n + part.squares.length, 0));
    let acc = 0;
    let offset = 0;
    for (const part of results) {
      squares.set(part.squares, offset);
      offset += part.squares.length;
      acc ^= part.spin;
    }
    return { squares, spin: acc };
  },
  verify(actual: SquareResult, expected: SquareResult): string | null {
    if (actual.squares.length !== expected.squares.length) {
      return `${actual.squares.length} elements, expected ${expected.squares.length}`;
    }
    for (let i = 0; i < expected.squares.length; i++) {
      if (!sameNumber(actual.squares[i]!, expected.squares[i]!)) {
        return `element ${i} is ${actual.squares[i]}, expected ${expected.squares[i]}`;
      }
    }
    if (actual.spin !== expected.spin) return `work checksum ${actual.spin}, expected ${expected.spin}`;
    return null;
  },
  checksum(result: SquareResult): string {
    return `squares=${fnv1a(result.squares)} work=${(result.spin >>> 0).toString(16)}`;
  },
  shared: squareShared,
  inline: squareInline,
};
