import { ApiError } from '../../api';
import { formatStep } from './time-range';

/**
 * Pure helpers over LogQL text: which kind a query is, the histogram's metric query, filters added from
 * a click, and where a syntax error points. Grammar: src/logs/logql/README.md.
 */

/** A log query starts with its stream selector; anything else is a metric query (`rate(...)`, `sum(...)`). */
export function isLogQuery(query: string): boolean {
  return query.replace(/^(\s|#[^\n]*\n?)*/, '').startsWith('{');
}

/**
 * The metric query behind the histogram: matching lines counted per bucket. The range goes on its own
 * line so a trailing `# comment` in the user's query cannot swallow it.
 *
 * @example
 * histogramQuery('{app="shop"} |= "error"', 60_000) // 'sum(count_over_time({app="shop"} |= "error"\n[1m]))'
 */
export function histogramQuery(query: string, stepMs: number): string {
  return `sum(count_over_time(${query.trim()}\n[${formatStep(stepMs)}]))`;
}

/** A LogQL string literal: raw backticks when possible (no escapes to get wrong), else a Go string. */
export function logqlString(value: string): string {
  if (!value.includes('`')) return `\`${value}\``;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

/** A double-quoted LogQL string (Go escapes), for label values in selectors and label filters. */
export function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Adds `| key="value"` to a log query (a click on a parsed field or a label), or nothing when the key is
 * not a LogQL label name.
 */
export function addLabelFilter(query: string, key: string, value: string): string {
  if (!labelName.test(key)) return query;
  return `${query.trimEnd()} | ${key}=${quoted(value)}`;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The RE2 regex matching lines of a mined template: `<*>` matches anything, whitespace any whitespace
 * (the miner splits on it), the rest literally.
 *
 * @example
 * templateRegex('user <*> logged in') // 'user\\s+.*?\\s+logged\\s+in'
 */
export function templateRegex(template: string): string {
  return template
    .trim()
    .split(/\s+/)
    .map((token) => token.split('<*>').map(escapeRegex).join('.*?'))
    .join('\\s+');
}

/** The query a click on a pattern runs: the app's lines matching the template. */
export function patternQuery(app: string, template: string): string {
  return `{app=${quoted(app)}} |~ ${logqlString(templateRegex(template))}`;
}

/** The first `app="…"` matcher of a query (to preselect the app on the patterns tab). */
export function appOfQuery(query: string): string | undefined {
  return /\bapp\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(query)?.[1];
}

export interface ErrorPosition {
  /** 0-based offset into the query text. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The offset of a 1-based line and column in `text` (clamped to the text). */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/**
 * Where a BERTH_LOGQL error points, from its `details.position` (`{offset, line, column}`,
 * src/logs/service/log-service.ts), checked against the query text it was raised for.
 */
export function errorPosition(error: unknown, text: string): ErrorPosition | undefined {
  if (!(error instanceof ApiError) || error.code !== 'BERTH_LOGQL' || !isRecord(error.details))
    return undefined;
  const position = error.details.position;
  if (!isRecord(position)) return undefined;
  const line = typeof position.line === 'number' ? position.line : undefined;
  const column = typeof position.column === 'number' ? position.column : undefined;
  if (line === undefined || column === undefined) return undefined;
  const offset =
    typeof position.offset === 'number'
      ? Math.min(position.offset, text.length)
      : offsetOf(text, line, column);
  return { offset, line, column };
}
