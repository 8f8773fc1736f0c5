/*
 * Durations and sizes in pipeline files. Same formats as Compose files (docs/compose.md), plus `d`
 * for days, which approvals and timeouts need; src/app keeps its own parsers private.
 */

const msPerUnit: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
const durationWhole = /^(?:(?:\d+(?:\.\d+)?)(?:ms|s|m|h|d))+$/;
const durationTerm = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/**
 * `1h30m` → 5400000 (milliseconds); undefined when not a duration. Units: ms, s, m, h, d.
 *
 * @example
 * parseDuration('1m30s'); // 90000
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!durationWhole.test(trimmed)) return undefined;
  let ms = 0;
  for (const [, amount, unit] of trimmed.matchAll(durationTerm))
    ms += Number(amount) * (msPerUnit[unit ?? ''] ?? 0);
  return Math.round(ms);
}

const bytesPerUnit: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
};
const sizePattern = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i;

/**
 * `512m` → 536870912 (bytes, binary multiples, fractions truncated); undefined when not a size.
 *
 * @example
 * parseSize('1.5g'); // 1610612736
 */
export function parseSize(text: string): number | undefined {
  const match = sizePattern.exec(text.trim());
  if (match === null) return undefined;
  const multiplier = bytesPerUnit[(match[2] ?? '').toLowerCase()];
  return multiplier === undefined ? undefined : Math.floor(Number(match[1]) * multiplier);
}
