/**
 * The `json` and `logfmt` parsers (LogQL docs, "Parser expression"): they return the extracted pairs in
 * line order, or an error message when the line is not valid for the parser.
 */

export type Extraction = { ok: true; fields: [string, string][] } | { ok: false; error: string };

/** JSON: nested objects are flattened with `_`, arrays are skipped, scalars become strings. */
export function extractJson(line: string): Extraction {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, error: 'the line is not a JSON object' };
  }
  const fields: [string, string][] = [];
  const walk = (value: object, prefix: string): void => {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const name = prefix === '' ? key : `${prefix}_${key}`;
      if (Array.isArray(child)) continue;
      if (child !== null && typeof child === 'object') walk(child, name);
      else fields.push([name, scalarText(child)]);
    }
  };
  walk(parsed, '');
  return { ok: true, fields };
}

/** JSON scalars as label values: strings as-is, numbers and booleans as text, null as "". */
function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/**
 * logfmt: `key=value` and `key="quoted \"value\""` pairs separated by spaces. Standalone keys and pairs
 * without a key are skipped (Loki's default, non-strict mode); an unterminated quote is an error.
 */
export function extractLogfmt(line: string): Extraction {
  const fields: [string, string][] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && line[i] === ' ') i++;
    const keyStart = i;
    while (i < n && line[i] !== ' ' && line[i] !== '=') i++;
    const key = line.slice(keyStart, i);
    if (line[i] !== '=') continue;
    i++;
    let value = '';
    if (line[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const ch = line[i] ?? '';
        if (ch === '\\' && i + 1 < n) {
          const next = line[i + 1] ?? '';
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
        } else if (ch === '"') {
          closed = true;
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      if (!closed) return { ok: false, error: `unterminated quoted value for key ${JSON.stringify(key)}` };
    } else {
      const valueStart = i;
      while (i < n && line[i] !== ' ') i++;
      value = line.slice(valueStart, i);
    }
    if (key !== '') fields.push([key, value]);
  }
  return { ok: true, fields };
}

/** Label names allow `[a-zA-Z0-9_:]` and no leading digit (Prometheus data model, as Loki sanitises). */
export function sanitizeLabelName(key: string): string {
  const cleaned = key.replace(/[^a-zA-Z0-9_:]/g, '_');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}
