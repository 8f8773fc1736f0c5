/**
 * Duration and byte literals. Durations follow Go's `time.ParseDuration` plus Prometheus' `d`, `w`, `y`
 * (LogQL docs: "Loki defines Time Durations with the same syntax as Prometheus"); bytes follow
 * go-humanize `ParseBytes` as Loki does (`KB` = 1000, `KiB` = 1024).
 */

const durationUnitSeconds: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
  y: 31_536_000,
};

const durationPattern = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d|w|y))+$/;
const durationPart = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w|y)/g;

/** Seconds in a duration such as `1m30s` or `250ms`, or undefined when it is not one. */
export function parseDurationSeconds(text: string): number | undefined {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  if (!durationPattern.test(body)) return undefined;
  let seconds = 0;
  for (const match of body.matchAll(durationPart)) {
    seconds += Number(match[1]) * (durationUnitSeconds[match[2] ?? ''] ?? Number.NaN);
  }
  return negative ? -seconds : seconds;
}

const byteUnits: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  eb: 1e18,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
  pib: 2 ** 50,
  eib: 2 ** 60,
  k: 1e3,
  m: 1e6,
  g: 1e9,
  t: 1e12,
  p: 1e15,
  e: 1e18,
  ki: 2 ** 10,
  mi: 2 ** 20,
  gi: 2 ** 30,
  ti: 2 ** 40,
  pi: 2 ** 50,
  ei: 2 ** 60,
};

const bytesPattern = /^(\d+(?:\.\d+)?) ?([a-zA-Z]*)$/;

/** Bytes in a size such as `10KB`, `1.5KiB` or `42` (a bare number is bytes), or undefined. */
export function parseBytes(text: string): number | undefined {
  const match = bytesPattern.exec(text.trim());
  if (match === null) return undefined;
  const unit = (match[2] ?? '').toLowerCase();
  const factor = unit === '' ? 1 : byteUnits[unit];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

/** True when `text` is a byte literal with an explicit unit (used by the lexer to classify `10KB`). */
export function isBytesLiteral(text: string): boolean {
  return /^\d+(?:\.\d+)?(?:[KMGTPE]i?)?B$/i.test(text) && /[a-zA-Z]$/.test(text);
}
