// The live view's frame: exact text from an injected state.
import { describe, expect, it } from 'vitest';
import { renderLiveFrame, sparkline, spanBar, type LiveFrame } from '../../src/report/live-view.js';

const point = { index: 3, total: 8, suite: 'square', grain: 1e-5, backend: 'piscina', workers: 2, repeat: 4, repeats: 16 };

describe('renderLiveFrame', () => {
  it('draws the point, then per worker busy share, tasks, a bar over the input and a sparkline', () => {
    const frame: LiveFrame = {
      point,
      etaSeconds: 80,
      workers: [
        { busyShare: 0.75, done: 1234, busy: true, span: [0, 256], history: [100, 200, 400] },
        { busyShare: 0.5, done: 99, busy: false, span: [768, 1024], history: [] },
      ],
      note: null,
      finished: false,
    };
    expect(renderLiveFrame(frame, 60).split('\n')).toEqual([
      'parbench live · [3/8] square grain 1e-5 · piscina ×2 · repea',
      '  worker  busy      tasks  on the input    tasks/s',
      '  w0*      75%       1234  ████··········               ▃▅█',
      '  w1       50%         99  ··········████                  ',
    ]);
    expect(renderLiveFrame(frame, 120).split('\n')[0]).toBe('parbench live · [3/8] square grain 1e-5 · piscina ×2 · repeat 4/16 · ETA 1m20s');
  });

  it('says why there are no workers, and when the run is starting or finished', () => {
    expect(renderLiveFrame({ point, etaSeconds: null, workers: [], note: 'no per-worker counters for this backend', finished: true }, 120)).toBe(
      'parbench live · [3/8] square grain 1e-5 · piscina ×2 · repeat 4/16 · finished\n  no per-worker counters for this backend',
    );
    expect(renderLiveFrame({ point: null, etaSeconds: null, workers: [], note: null, finished: false })).toBe('parbench live · starting (probe, calibration) · ETA ?');
  });
});

describe('spanBar and sparkline', () => {
  it('marks the span over the extent, at least one cell, and a dash without a span', () => {
    expect(spanBar([0, 1], 100, 10)).toBe('█·········');
    expect(spanBar([50, 100], 100, 10)).toBe('·····█████');
    expect(spanBar(null, 100, 4)).toBe('–   ');
  });

  it('scales to the maximum of the values shown, padded on the left', () => {
    expect(sparkline([0, 7, 14], 5)).toBe('  ▁▅█');
    expect(sparkline([0, 0], 2)).toBe('▁▁');
    expect(sparkline([1, 2, 3, 4], 2)).toBe('▆█');
  });
});
