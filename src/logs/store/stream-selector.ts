import { BerthError } from '../../errors/index.js';
import type { LabelMatcher } from '../logql/index.js';
import type { Labels } from './log-line.js';

/** Which streams a call covers: LogQL label matchers, or any predicate over a stream's labels. */
export type StreamSelector = readonly LabelMatcher[] | ((labels: Labels) => boolean);

/** Turns a regex matcher's pattern into a fully anchored test (`=~` / `!~`). */
export type RegexCompiler = (pattern: string) => (value: string) => boolean;

/**
 * The default regex compiler: JavaScript RegExp, anchored as Prometheus matchers are. It is close to
 * but not exactly RE2 (LogQL's engine); the LogQL layer should pass its own RE2-subset compiler.
 */
export const anchoredRegExp: RegexCompiler = (pattern) => {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`, 'su');
  } catch (error) {
    throw new BerthError('BERTH_BAD_REQUEST', `invalid label regex ${JSON.stringify(pattern)}`, {
      hint: 'Fix the regular expression of the =~ or !~ matcher.',
      cause: error,
    });
  }
  return (value) => re.test(value);
};

/**
 * Compiles a selector into a predicate. Matchers follow Prometheus semantics: a missing label equals
 * "", and every matcher must hold; an empty matcher list selects every stream.
 */
export function compileSelector(
  selector: StreamSelector,
  compileRegex: RegexCompiler = anchoredRegExp,
): (labels: Labels) => boolean {
  if (typeof selector === 'function') return selector;
  const tests = selector.map((m): ((labels: Labels) => boolean) => {
    switch (m.op) {
      case '=':
        return (labels) => (labels[m.name] ?? '') === m.value;
      case '!=':
        return (labels) => (labels[m.name] ?? '') !== m.value;
      case '=~': {
        const test = compileRegex(m.value);
        return (labels) => test(labels[m.name] ?? '');
      }
      case '!~': {
        const test = compileRegex(m.value);
        return (labels) => !test(labels[m.name] ?? '');
      }
    }
  });
  return (labels) => tests.every((test) => test(labels));
}
