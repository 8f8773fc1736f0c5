import type { CompareOp, LabelFilter } from './ast.js';
import { cachedRe2 } from './re2.js';
import { parseBytes, parseDurationSeconds } from './units.js';

export const ERROR_LABEL = '__error__';
export const ERROR_DETAILS_LABEL = '__error_details__';

/** Sets `__error__` once: the first failure of a line is the one reported, as in Loki. */
export function setError(labels: Map<string, string>, error: string, details: string): void {
  if (labels.has(ERROR_LABEL)) return;
  labels.set(ERROR_LABEL, error);
  labels.set(ERROR_DETAILS_LABEL, details);
}

/** Prometheus matcher semantics: a missing label equals "", regexes are fully anchored. */
export function matchString(op: '=' | '!=' | '=~' | '!~', actual: string, expected: string): boolean {
  switch (op) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '=~':
      return cachedRe2(expected, { anchored: true }).test(actual);
    case '!~':
      return !cachedRe2(expected, { anchored: true }).test(actual);
  }
}

function compare(op: CompareOp, a: number, b: number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
  }
}

const floatPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:Inf|inf|NaN)$/;

function toNumber(kind: 'number' | 'duration' | 'bytes', text: string): number | undefined {
  if (kind === 'duration') return text === '0' ? 0 : parseDurationSeconds(text);
  if (kind === 'bytes') return parseBytes(text);
  return floatPattern.test(text) ? Number(text.replace(/inf/i, 'Infinity')) : undefined;
}

/**
 * Evaluates a label filter. Numeric filters follow Loki: a line that already has `__error__` passes
 * (only string filters may test it), a missing label fails, and a value that does not convert keeps the
 * line and marks it with `__error__="LabelFilterErr"`.
 */
export function evalLabelFilter(filter: LabelFilter, labels: Map<string, string>): boolean {
  switch (filter.kind) {
    case 'and':
      return evalLabelFilter(filter.left, labels) && evalLabelFilter(filter.right, labels);
    case 'or':
      return evalLabelFilter(filter.left, labels) || evalLabelFilter(filter.right, labels);
    case 'string':
      return matchString(filter.op, labels.get(filter.name) ?? '', filter.value);
    default: {
      if (labels.has(ERROR_LABEL)) return true;
      const text = labels.get(filter.name);
      if (text === undefined) return false;
      const actual = toNumber(filter.kind, text);
      if (actual === undefined) {
        setError(
          labels,
          'LabelFilterErr',
          `cannot convert ${JSON.stringify(text)} of label ${filter.name} to a ${filter.kind}`,
        );
        return true;
      }
      const expected = filter.kind === 'duration' ? filter.valueSeconds : filter.value;
      return compare(filter.op, actual, expected);
    }
  }
}
