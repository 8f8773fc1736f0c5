/**
 * The SVG polyline points for `values` in a `width`×`height` box: x spread evenly, y scaled from 0
 * (bottom) to `max` (top; default the largest value). Non-finite values are drawn as 0.
 *
 * @example
 * sparklinePoints([0, 5, 10], 100, 20) // '0,20 50,10 100,0'
 */
export function sparklinePoints(
  values: readonly number[],
  width: number,
  height: number,
  max?: number,
): string {
  if (values.length === 0) return '';
  const clean = values.map((v) => (Number.isFinite(v) ? v : 0));
  const top = max ?? Math.max(...clean);
  const step = clean.length > 1 ? width / (clean.length - 1) : 0;
  const round = (n: number): number => Math.round(n * 100) / 100;
  return clean
    .map(
      (v, i) => `${round(i * step)},${round(top > 0 ? height - (Math.min(v, top) / top) * height : height)}`,
    )
    .join(' ');
}
