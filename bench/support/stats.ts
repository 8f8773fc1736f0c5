/** Summary statistics for a handful of timings (the benches repeat each measurement 3-5 times). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

export const mean = (values: readonly number[]): number =>
  values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;

export const max = (values: readonly number[]): number => (values.length === 0 ? NaN : Math.max(...values));

export const min = (values: readonly number[]): number => (values.length === 0 ? NaN : Math.min(...values));

/** `1234.5` -> `"1235 ms"`; NaN (nothing measured) -> `"-"`. */
export const ms = (value: number): string => (Number.isFinite(value) ? `${Math.round(value)} ms` : '-');

/** Whether `value` meets its limit (`below` it, or `at most` it), as the word printed in result tables. */
export function verdict(value: number, limit: number, rule: 'below' | 'at most' = 'at most'): string {
  if (!Number.isFinite(value)) return 'NOT MEASURED';
  return (rule === 'below' ? value < limit : value <= limit) ? 'met' : 'MISSED';
}
