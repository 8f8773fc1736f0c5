import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { binaryIncrements, type ChartMetric } from './chart-data';
import { colorOf, type ChartTheme } from './chart-theme';

export interface MetricChartProps {
  metric: ChartMetric;
  /** One per series, in the order of `ys`. */
  labels: readonly string[];
  /** x in seconds; one row per series, null where it has no sample. */
  data: { xs: number[]; ys: (number | null)[][] };
  startMs: number;
  endMs: number;
  theme: ChartTheme;
  /** Read by screen readers: what the chart shows and its newest values. */
  summary: string;
}

const height = 200;
const minWidth = 240;

function timeLabel(seconds: number, spanS: number): string {
  const date = new Date(seconds * 1000);
  return spanS > 86_400
    ? date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
    : date.toLocaleTimeString();
}

/**
 * While the pointer is not over the chart, the legend shows the newest values rather than dashes. Run
 * after each draw and cursor move, because uPlot resets the legend to the cursor's (empty) position.
 */
function showNewest(u: uPlot): void {
  const count = u.data[0].length;
  const outside = u.cursor.left === undefined || u.cursor.left < 0;
  if (count > 0 && outside) u.setLegend({ idx: count - 1 }, false);
}

function options(
  props: MetricChartProps,
  width: number,
  range: { current: [number, number] },
): uPlot.Options {
  const { metric, labels, theme } = props;
  const axis = { stroke: theme.text, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid } };
  return {
    width,
    height,
    // The x scale is the requested range, not the data's extent: 2 minutes of samples in a 1 h view
    // sit at the right edge, where they belong.
    scales: {
      x: { time: true, range: () => range.current },
      y: { range: (_u, _min, max) => [0, Math.max(metric.minTop, max * 1.15)] },
    },
    axes: [
      axis,
      {
        ...axis,
        size: 72,
        values: (_u, splits) => splits.map((v) => metric.axis(v)),
        ...(metric.binary ? { incrs: [...binaryIncrements] } : {}),
      },
    ],
    series: [
      {
        label: 'Time',
        value: (_u, v) => (v === null ? '–' : timeLabel(v, range.current[1] - range.current[0])),
      },
      ...labels.map((label, i) => ({
        label,
        stroke: colorOf(i),
        width: 1.5,
        spanGaps: false,
        value: (_u: uPlot, v: number | null) => (v === null ? '–' : metric.format(v)),
      })),
    ],
    legend: { show: true, live: true },
    hooks: { draw: [showNewest], setCursor: [showNewest] },
    cursor: { y: false },
  };
}

/**
 * One metric over time as a uPlot line chart with a legend, one line per series. The chart is built
 * again only when the series or the colour scheme change; a refresh just swaps the data, so the
 * cursor and hidden series stay as the user left them.
 */
export function MetricChart(props: MetricChartProps): JSX.Element {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const range = useRef<[number, number]>([props.startMs / 1000, props.endMs / 1000]);
  range.current = [props.startMs / 1000, props.endMs / 1000];
  const propsRef = useRef(props);
  propsRef.current = props;
  const structure = `${props.metric.key}|${props.theme.scheme}|${props.labels.join('\n')}`;

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const current = propsRef.current;
    const u = new uPlot(
      options(current, Math.max(minWidth, element.clientWidth), range),
      [current.data.xs, ...current.data.ys],
      element,
    );
    plot.current = u;
    const resize = new ResizeObserver(() => {
      const width = Math.max(minWidth, element.clientWidth);
      if (width !== u.width) u.setSize({ width, height });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = undefined;
    };
  }, [structure]);

  useEffect(() => {
    const u = plot.current;
    if (!u) return;
    u.setData([props.data.xs, ...props.data.ys]);
  }, [props.data]);

  const titleId = `chart-${props.metric.key}`;
  return (
    <figure class="metric-chart card" aria-labelledby={titleId} data-metric={props.metric.key}>
      <figcaption class="metric-chart-title">
        <h2 id={titleId}>{props.metric.title}</h2>
        <span class="muted">{props.metric.unit}</span>
      </figcaption>
      <p class="visually-hidden">{props.summary}</p>
      <div class="metric-chart-plot" ref={holder} />
    </figure>
  );
}
