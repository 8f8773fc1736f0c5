/** A YAML mapping after `toJS()`. */
export type PlainRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is PlainRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an array; anything else (absent, a scalar, a map) is an empty list. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Scalars as text (`80` → `'80'`, `true` → `'true'`); maps, lists and null are `undefined`. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return undefined;
}

/** YAML `true` or the string `"true"` (Compose accepts both for booleans). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/**
 * Removes `null` map values recursively: in Kubernetes and Compose an explicit `key: null` (or a bare `key:`)
 * means the same as an absent key.
 */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isRecord(value)) return value;
  const out: PlainRecord = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null) out[key] = dropNulls(item);
  }
  return out;
}
