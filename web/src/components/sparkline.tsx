import type { JSX } from 'preact';
import { sparklinePoints } from './sparkline-points';

/**
 * A tiny inline trend line (SVG, no chart library). `label` describes it for screen readers, e.g.
 * `CPU over the last 15 minutes, now 12 %`.
 *
 * @example
 * <Sparkline values={cpu} label={`CPU, now ${last} %`} max={100} />
 */
export function Sparkline({
  values,
  label,
  width = 96,
  height = 24,
  max,
}: {
  values: readonly number[];
  label: string;
  width?: number;
  height?: number;
  max?: number;
}): JSX.Element {
  const pad = 1.5;
  const points = sparklinePoints(values, width - pad * 2, height - pad * 2, max);
  return (
    <svg
      class="sparkline"
      width={width}
      height={height}
      viewBox={`${-pad} ${-pad} ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      {values.length > 1 ? (
        <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" />
      ) : null}
    </svg>
  );
}
