/** Compose byte units (Compose Specification, "Extension: byte value"): binary multiples of 1024. */
const unitBytes: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
};

const pattern = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i;

/**
 * Parses a Compose byte value (`512m`, `1g`, `1.5GB`, `100000`, units case-insensitive) into whole
 * bytes (fractions are truncated, as Docker does). Returns undefined when invalid.
 *
 * @example
 * parseBytes('1.5GB'); // 1610612736
 */
export function parseBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const match = pattern.exec(value.trim());
  if (match === null) return undefined;
  const multiplier = unitBytes[(match[2] ?? '').toLowerCase()];
  if (multiplier === undefined) return undefined;
  return Math.floor(Number(match[1]) * multiplier);
}
