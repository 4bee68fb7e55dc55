/**
 * The script of the HTML report that draws the task streams of a traced run in the browser with
 * Observable Plot: per traced point, one lane per worker and a bar per task from its start to its end.
 * Like drawCharts, the page embeds its source (`drawTaskStreams.toString()`), so it uses nothing from
 * outside its own body.
 */
import type * as PlotModule from '@observablehq/plot';
import type { ChartDocument } from './html-charts.js';
import type { StreamPoint } from './trace-data.js';

/**
 * Draws each point's task stream into the element `stream-<point id>`: x = µs from the point's first task
 * start, y = the worker lanes, one bar per task (at least 1/800 of the stream wide; alternate tasks in
 * two shades, so neighbours stay apart), each titled with its task index, start and end. Throws whatever Plot throws.
 */
export function drawTaskStreams(Plot: typeof PlotModule, points: StreamPoint[], doc: ChartDocument): void {
  for (const point of points) {
    type Task = StreamPoint['tasks'][number];
    // A bar is at least 1/800 of the stream wide, so a sub-microsecond task still shows.
    const least = point.tasks.reduce((end, t) => Math.max(end, t[2]), 0) / 800;
    doc.getElementById(`stream-${point.id}`)?.append(
      Plot.plot({
        width: 1140,
        height: 50 + 28 * point.lanes.length,
        marginLeft: 150,
        x: { label: 'µs from the first task start →', grid: true },
        y: { label: null, domain: point.lanes },
        color: { domain: [0, 1], range: ['#4e79a7', '#a0cbe8'] },
        marks: [
          Plot.barX(point.tasks, {
            x1: (t: Task) => t[1],
            x2: (t: Task) => Math.max(t[2], t[1] + least),
            y: (t: Task) => point.lanes[t[0]],
            fill: (t: Task) => t[3] % 2,
            title: (t: Task) => `task ${t[3]}: ${t[1]} → ${t[2]} µs on ${point.lanes[t[0]]}`,
          }),
        ],
      }),
    );
  }
}
