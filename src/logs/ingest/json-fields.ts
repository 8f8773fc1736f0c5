import type { FieldCollector } from './field-collector.js';

// Deeper objects are skipped: the walk is recursive and a hostile line must not overflow the stack.
const MAX_DEPTH = 32;

/**
 * Adds the fields of a JSON object line as LogQL's `| json` names them: nested objects flattened with
 * `_`, arrays skipped, strings as they are, numbers and booleans as text, null as "". Returns false
 * (adding nothing) when the line is not a JSON object.
 */
export function collectJsonFields(line: string, collector: FieldCollector): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return false;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
  walk(parsed as Record<string, unknown>, '', collector, 0);
  return true;
}

function walk(
  object: Record<string, unknown>,
  prefix: string,
  collector: FieldCollector,
  depth: number,
): void {
  // for...in is the fastest walk and safe here: JSON.parse only creates own, enumerable properties.
  for (const key in object) {
    const value = object[key];
    const name = prefix === '' ? key : `${prefix}_${key}`;
    if (typeof value === 'string') collector.add(name, value);
    else if (typeof value === 'number' || typeof value === 'boolean') collector.add(name, String(value));
    else if (value === null) collector.add(name, '');
    else if (!Array.isArray(value) && depth < MAX_DEPTH) {
      walk(value as Record<string, unknown>, name, collector, depth + 1);
    }
  }
}
