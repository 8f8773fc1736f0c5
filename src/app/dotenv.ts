import { BerthError, type SourcePosition } from '../errors/index.js';
import { interpolate, type VariableLookup } from './interpolate.js';

export interface DotenvOptions {
  /** Path used in error positions. */
  file: string;
  /** Variables from outside the file; they win over earlier definitions in the file (as in Compose). */
  lookup: VariableLookup;
}

export interface DotenvResult {
  values: Record<string, string>;
  used: string[];
  unset: string[];
}

const keyPattern = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const hint = 'Write one KEY=VALUE per line; quote values with spaces, e.g. GREETING="hello world".';

/**
 * Parses a dotenv file as Compose does for `.env` and `env_file`: `KEY=VALUE`, optional `export `,
 * `#` comments, blank lines, single quotes (literal), double quotes (escapes `\n \r \t \\ \" \$`,
 * may span lines) and unquoted values (trimmed, ` #` starts a comment). Unquoted and double-quoted
 * values are interpolated; a bare `KEY` takes its value from `lookup` and is skipped when unset.
 *
 * @example
 * parseDotenv('TAG=1.2\nexport DEBUG="yes" # on', { file: '/p/.env', lookup: () => undefined }).values;
 * // { TAG: '1.2', DEBUG: 'yes' }
 */
export function parseDotenv(content: string, options: DotenvOptions): DotenvResult {
  const values = new Map<string, string>();
  const used = new Set<string>();
  const unset = new Set<string>();
  const at = (index: number): SourcePosition => positionAt(content, index, options.file);
  const invalid = (index: number, message: string): BerthError =>
    new BerthError('BERTH_COMPOSE_INVALID', message, { position: at(index), hint });
  const lookup: VariableLookup = (name) => options.lookup(name) ?? values.get(name);
  const expand = (template: string, index: number): string => {
    const result = interpolate(template, lookup);
    result.used.forEach((name) => used.add(name));
    if (!result.ok) {
      throw new BerthError('BERTH_COMPOSE_INTERPOLATION', result.error, {
        position: at(index),
        hint: result.hint,
      });
    }
    result.unset.forEach((name) => unset.add(name));
    return result.value;
  };

  let i = 0;
  const skip = (pattern: RegExp): void => {
    while (i < content.length && pattern.test(content[i] ?? '')) i += 1;
  };
  const restOfLine = (): string => {
    const end = content.indexOf('\n', i);
    const line = content.slice(i, end === -1 ? content.length : end);
    i = end === -1 ? content.length : end;
    return line;
  };

  while (i < content.length) {
    skip(/\s/);
    if (i >= content.length) break;
    if (content[i] === '#') {
      restOfLine();
      continue;
    }
    if (content.startsWith('export ', i) || content.startsWith('export\t', i)) {
      i += 'export'.length;
      skip(/[ \t]/);
    }
    const keyStart = i;
    keyPattern.lastIndex = i;
    const key = keyPattern.exec(content)?.[0];
    if (key === undefined) throw invalid(i, `${JSON.stringify(restOfLine())} is not a KEY=VALUE line`);
    i += key.length;
    skip(/[ \t]/);
    if (i >= content.length || content[i] === '\n' || content[i] === '\r' || content[i] === '#') {
      restOfLine();
      const fromOutside = options.lookup(key);
      used.add(key);
      if (fromOutside !== undefined) values.set(key, fromOutside);
      continue;
    }
    if (content[i] !== '=')
      throw invalid(keyStart, `${JSON.stringify(restOfLine())} is not a KEY=VALUE line`);
    i += 1;
    skip(/[ \t]/);
    const quote = content[i];
    let value: string;
    if (quote === "'" || quote === '"') {
      const close = findClosingQuote(content, i + 1, quote);
      if (close === -1) throw invalid(i, `the value of ${key} has no closing ${quote}`);
      const inner = content.slice(i + 1, close);
      value = quote === "'" ? inner : expand(unescapeDoubleQuoted(inner), i);
      i = close + 1;
      skip(/[ \t]/);
      const trailing = restOfLine().replace(/\r$/, '');
      if (trailing !== '' && !trailing.startsWith('#')) {
        throw invalid(close + 1, `unexpected ${JSON.stringify(trailing)} after the quoted value of ${key}`);
      }
    } else {
      const valueStart = i;
      const raw = restOfLine().replace(/\s+#.*$/, '');
      value = expand(raw.trim(), valueStart);
    }
    values.set(key, value);
  }
  return { values: Object.fromEntries(values), used: [...used], unset: [...unset] };
}

function findClosingQuote(content: string, from: number, quote: string): number {
  for (let i = from; i < content.length; i += 1) {
    if (quote === '"' && content[i] === '\\') i += 1;
    else if (content[i] === quote) return i;
  }
  return -1;
}

/** Turns double-quote escapes into text; `\$` becomes `$$` so interpolation keeps a literal `$`. */
function unescapeDoubleQuoted(inner: string): string {
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', $: '$$' };
  return inner.replace(/\\(.)/gs, (match, c: string) => escapes[c] ?? match);
}

function positionAt(content: string, index: number, file: string): SourcePosition {
  const before = content.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { file, line, column };
}
