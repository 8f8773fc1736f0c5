import { LogqlSyntaxError, positionAt } from './logql-syntax-error.js';
import { isBytesLiteral, parseBytes, parseDurationSeconds } from './units.js';

export type TokenKind = 'ident' | 'string' | 'number' | 'duration' | 'bytes' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Punctuation/operator text, identifier name, or the decoded string. */
  text: string;
  /** Numeric value of number/duration (seconds)/bytes tokens. */
  value?: number;
  offset: number;
}

// Longest first so `|=` wins over `|`, `>=` over `>`.
const punctuation = [
  '|=',
  '|~',
  '!=',
  '!~',
  '=~',
  '==',
  '>=',
  '<=',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ',',
  '|',
  '=',
  '>',
  '<',
];

/** Splits a query into tokens; string escapes follow Go's strconv.Unquote for `"…"`, backticks are raw. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (offset: number, expected: string[], found: string, message: string): never => {
    const position = positionAt(source, offset);
    throw new LogqlSyntaxError(
      `${message} at line ${position.line}, column ${position.column}`,
      position,
      expected,
      found,
    );
  };
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '#') {
      // Comments run to the end of the line, as in Loki.
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (ch === '"' || ch === '`') {
      const [text, end] = ch === '`' ? readRaw(source, i, fail) : readQuoted(source, i, fail);
      tokens.push({ kind: 'string', text, offset: start });
      i = end;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      i++;
      while (i < source.length && /[0-9a-zA-Zµ.]/.test(source[i] ?? '')) i++;
      tokens.push(classifyNumber(source.slice(start, i), start, fail));
      continue;
    }
    if (/[a-zA-Z_]/.test(ch)) {
      while (i < source.length && /[a-zA-Z0-9_:]/.test(source[i] ?? '')) i++;
      tokens.push({ kind: 'ident', text: source.slice(start, i), offset: start });
      continue;
    }
    const op = punctuation.find((p) => source.startsWith(p, i));
    if (op === undefined) {
      fail(
        i,
        ['a label, string, number or operator'],
        JSON.stringify(ch),
        `unexpected character ${JSON.stringify(ch)}`,
      );
    } else {
      tokens.push({ kind: 'punct', text: op, offset: start });
      i += op.length;
    }
  }
  tokens.push({ kind: 'eof', text: '', offset: source.length });
  return tokens;
}

type Fail = (offset: number, expected: string[], found: string, message: string) => never;

function classifyNumber(text: string, offset: number, fail: Fail): Token {
  if (/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(text))
    return { kind: 'number', text, value: Number(text), offset };
  const seconds = parseDurationSeconds(text);
  if (seconds !== undefined) return { kind: 'duration', text, value: seconds, offset };
  if (isBytesLiteral(text)) return { kind: 'bytes', text, value: parseBytes(text) ?? 0, offset };
  return fail(
    offset,
    ['a number', 'a duration like 5m or 1m30s', 'a byte size like 10KB'],
    JSON.stringify(text),
    `invalid number, duration or byte size ${JSON.stringify(text)}`,
  );
}

function readRaw(source: string, start: number, fail: Fail): [string, number] {
  const end = source.indexOf('`', start + 1);
  if (end < 0)
    fail(source.length, ['"`"'], 'end of query', 'unterminated raw string (missing closing backtick)');
  return [source.slice(start + 1, end), end + 1];
}

const simpleEscapes: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

function readQuoted(source: string, start: number, fail: Fail): [string, number] {
  let out = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (ch === '"') return [out, i + 1];
    if (ch === '\n') break;
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const next = source[i + 1] ?? '';
    const simple = simpleEscapes[next];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    const hex = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/.exec(source.slice(i + 1));
    if (hex === null) {
      fail(
        i,
        ['an escape such as \\" \\\\ \\n \\t \\xHH \\uHHHH'],
        JSON.stringify(`\\${next}`),
        `invalid escape ${JSON.stringify(`\\${next}`)} in string (use a backtick string for regexes)`,
      );
    } else {
      out += String.fromCodePoint(parseInt(hex[1] ?? hex[2] ?? hex[3] ?? '0', 16));
      i += 1 + hex[0].length;
    }
  }
  return fail(i, ['"\\""'], i >= source.length ? 'end of query' : 'end of line', 'unterminated string');
}
