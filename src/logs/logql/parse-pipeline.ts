import type { CompareOp, LabelFilter, LabelMatcher, LineFilterOp, Stage, UnwrapConversion } from './ast.js';
import type { Token } from './lexer.js';
import { LineTemplateError, parseLineTemplate } from './line-template.js';
import { PatternError, parsePattern } from './pattern-parser.js';
import { Re2SubsetError, compileRe2 } from './re2.js';
import type { TokenStream } from './token-stream.js';

const matcherOps = ['=', '!=', '=~', '!~'] as const;
const lineFilterOps = ['|=', '!=', '|~', '!~'] as const;
const compareOps = ['==', '=', '!=', '>', '>=', '<', '<=', '=~', '!~'] as const;
const stageKeywords = ['json', 'logfmt', 'regexp', 'pattern', 'line_format', 'drop', 'keep', 'unwrap'];

/** `{name op "value", …}`; an empty selector `{}` is rejected, as Loki does. */
export function parseSelector(ts: TokenStream): LabelMatcher[] {
  ts.expectPunct('{');
  const matchers: LabelMatcher[] = [];
  if (ts.isPunct('}')) {
    ts.fail(['a label matcher such as app="shop"']);
  }
  for (;;) {
    const name = ts.expectKind('ident', 'a label name').text;
    const op = matcherOps.find((o) => ts.isPunct(o));
    if (op === undefined) ts.fail(matcherOps.map((o) => JSON.stringify(o)));
    ts.next();
    const valueToken = ts.expectKind('string', 'a quoted string');
    if (op === '=~' || op === '!~') checkRegex(ts, valueToken, valueToken.text);
    matchers.push({ name, op, value: valueToken.text });
    if (ts.isPunct(',')) {
      ts.next();
      continue;
    }
    if (!ts.isPunct('}')) ts.fail(['","', '"}"']);
    ts.next();
    return matchers;
  }
}

/** Stages until something that cannot start a stage (a range `[`, `)` or the end). */
export function parsePipeline(ts: TokenStream, options: { allowUnwrap: boolean }): Stage[] {
  const stages: Stage[] = [];
  for (;;) {
    const op = lineFilterOps.find((o) => ts.isPunct(o));
    if (op !== undefined) {
      ts.next();
      stages.push(parseLineFilter(ts, op));
      continue;
    }
    if (!ts.isPunct('|')) return stages;
    ts.next();
    const at = ts.peek();
    const stage = parsePipeStage(ts);
    if (stage.kind === 'unwrap' && !options.allowUnwrap) {
      ts.fail(
        ['a parser, label filter, line_format, drop or keep'],
        at,
        'unwrap is only allowed inside a range aggregation such as sum_over_time({…} | unwrap x [5m])',
      );
    }
    if (stages.some((s) => s.kind === 'unwrap') && stage.kind !== 'label_filter') {
      ts.fail(['a label filter or a range such as [5m] after unwrap'], at);
    }
    stages.push(stage);
  }
}

function parseLineFilter(ts: TokenStream, op: LineFilterOp): Stage {
  const value = ts.expectKind('string', 'a quoted string');
  if (op === '|~' || op === '!~') checkRegex(ts, value, value.text);
  return { kind: 'line_filter', op, value: value.text };
}

function isCompare(token: Token): boolean {
  return token.kind === 'punct' && (compareOps as readonly string[]).includes(token.text);
}

function parsePipeStage(ts: TokenStream): Stage {
  const head = ts.peek();
  if (head.kind === 'ident' && stageKeywords.includes(head.text) && !isCompare(ts.peek(1))) {
    ts.next();
    switch (head.text) {
      case 'json':
        return { kind: 'json' };
      case 'logfmt':
        return { kind: 'logfmt' };
      case 'regexp': {
        const pattern = ts.expectKind('string', 'a quoted regular expression');
        const regex = checkRegex(ts, pattern, pattern.text);
        if (!/\(\?<[A-Za-z_]/.test(regex.source)) {
          ts.fail(
            ['a named group such as (?P<name>…)'],
            pattern,
            'regexp needs at least one named group (?P<name>…)',
          );
        }
        return { kind: 'regexp', pattern: pattern.text };
      }
      case 'pattern': {
        const pattern = ts.expectKind('string', 'a quoted pattern');
        try {
          parsePattern(pattern.text);
        } catch (error) {
          if (error instanceof PatternError) failInString(ts, pattern, error.message);
          throw error;
        }
        return { kind: 'pattern', pattern: pattern.text };
      }
      case 'line_format': {
        const template = ts.expectKind('string', 'a quoted template');
        try {
          parseLineTemplate(template.text);
        } catch (error) {
          if (error instanceof LineTemplateError) failInString(ts, template, error.message);
          throw error;
        }
        return { kind: 'line_format', template: template.text };
      }
      case 'drop':
      case 'keep':
        return { kind: head.text, labels: parseNameList(ts) };
      default:
        return parseUnwrap(ts);
    }
  }
  if (head.kind !== 'ident' && !ts.isPunct('(')) {
    ts.fail([
      'a parser (json, logfmt, regexp, pattern)',
      'line_format',
      'drop',
      'keep',
      'unwrap',
      'a label filter',
    ]);
  }
  return { kind: 'label_filter', filter: parseLabelFilter(ts) };
}

function parseNameList(ts: TokenStream): string[] {
  const names = [ts.expectKind('ident', 'a label name').text];
  while (ts.isPunct(',')) {
    ts.next();
    names.push(ts.expectKind('ident', 'a label name').text);
  }
  return names;
}

function parseUnwrap(ts: TokenStream): Stage {
  const first = ts.expectKind('ident', 'a label name');
  let conversion: UnwrapConversion = 'none';
  let label = first.text;
  if (ts.isPunct('(')) {
    if (first.text === 'duration' || first.text === 'duration_seconds') conversion = 'duration';
    else if (first.text === 'bytes') conversion = 'bytes';
    else ts.fail(['"duration("', '"duration_seconds("', '"bytes("'], first);
    ts.next();
    label = ts.expectKind('ident', 'a label name').text;
    ts.expectPunct(')');
  }
  return { kind: 'unwrap', label, conversion };
}

/**
 * `and`/`or`/`,` chain with equal precedence, left to right; parentheses override
 * (LogQL docs: `a or b and c` is `(a or b) and c`).
 */
export function parseLabelFilter(ts: TokenStream): LabelFilter {
  let left = parseFilterPrimary(ts);
  for (;;) {
    if (ts.isIdent('and') || ts.isPunct(',')) {
      ts.next();
      left = { kind: 'and', left, right: parseFilterPrimary(ts) };
    } else if (ts.isIdent('or')) {
      ts.next();
      left = { kind: 'or', left, right: parseFilterPrimary(ts) };
    } else {
      return left;
    }
  }
}

function parseFilterPrimary(ts: TokenStream): LabelFilter {
  if (ts.isPunct('(')) {
    ts.next();
    const inner = parseLabelFilter(ts);
    ts.expectPunct(')');
    return inner;
  }
  const name = ts.expectKind('ident', 'a label name').text;
  const opToken = ts.peek();
  if (!isCompare(opToken)) ts.fail(compareOps.map((o) => JSON.stringify(o)));
  ts.next();
  const op = opToken.text as (typeof compareOps)[number];
  const value = ts.next();
  if (value.kind === 'string') {
    if (op === '=~' || op === '!~') checkRegex(ts, value, value.text);
    else if (op !== '=' && op !== '==' && op !== '!=') {
      ts.fail(['a number, duration or byte size after ' + JSON.stringify(op)], value);
    }
    return { kind: 'string', name, op: op === '==' ? '=' : op, value: value.text };
  }
  if (value.kind !== 'number' && value.kind !== 'duration' && value.kind !== 'bytes') {
    ts.fail(['a quoted string', 'a number', 'a duration', 'a byte size'], value);
  }
  if (op === '=~' || op === '!~') ts.fail(['a quoted regular expression after ' + JSON.stringify(op)], value);
  const cmp: CompareOp = op === '=' ? '==' : op;
  const number = value.value ?? Number.NaN;
  if (value.kind === 'number') return { kind: 'number', name, op: cmp, value: number };
  if (value.kind === 'duration') return { kind: 'duration', name, op: cmp, valueSeconds: number };
  return { kind: 'bytes', name, op: cmp, value: number };
}

function checkRegex(ts: TokenStream, token: Token, pattern: string): RegExp {
  try {
    return compileRe2(pattern);
  } catch (error) {
    if (error instanceof Re2SubsetError)
      failInString(ts, token, `invalid regular expression ${JSON.stringify(pattern)}: ${error.message}`);
    throw error;
  }
}

function failInString(ts: TokenStream, token: Token, detail: string): never {
  return ts.failAt(token.offset, ['a valid string'], JSON.stringify(token.text), detail);
}
