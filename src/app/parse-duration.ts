/** Nanoseconds per Compose duration unit (Compose Specification, "Extension: duration"; Go's time.ParseDuration). */
const unitNs: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const whole = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/;
const term = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g;

/**
 * Parses a Compose duration (`1m30s`, `10s`, `500ms`, `1.5h`, `2us`) into milliseconds. A bare `0`
 * is accepted, as in Go; any other number without a unit is not. Returns undefined when invalid.
 *
 * @example
 * parseDuration('1m30s'); // 90000
 */
export function parseDuration(value: string | number): number | undefined {
  const text = String(value).trim();
  if (text === '0') return 0;
  if (!whole.test(text)) return undefined;
  let ns = 0;
  for (const [, amount, unit] of text.matchAll(term)) {
    ns += Number(amount) * (unitNs[unit ?? ''] ?? 0);
  }
  // Round to whole nanoseconds so `0.1s` is exactly 100 ms, not 100.00000000000001.
  return Math.round(ns) / 1e6;
}
