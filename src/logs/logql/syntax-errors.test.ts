import { describe, expect, it } from 'vitest';
import { LogqlSyntaxError } from './logql-syntax-error.js';
import { parseLogql } from './parse-query.js';

function syntaxError(query: string): LogqlSyntaxError {
  try {
    parseLogql(query);
  } catch (error) {
    if (error instanceof LogqlSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${query} to fail`);
}

describe('parseLogql() syntax errors', () => {
  it.each<[string, number, number, string[], string]>([
    ['{app="shop"', 1, 12, ['","', '"}"'], 'end of query'],
    ['{app "shop"}', 1, 6, ['"="', '"!="', '"=~"', '"!~"'], 'string "shop"'],
    ['{app=shop}', 1, 6, ['a quoted string'], 'identifier "shop"'],
    ['{}', 1, 2, ['a label matcher such as app="shop"'], '"}"'],
    ['{app="shop"} |= 5', 1, 17, ['a quoted string'], 'number 5'],
    [
      '{app="shop"}\n  | json\n  | status >',
      3,
      13,
      ['a quoted string', 'a number', 'a duration', 'a byte size'],
      'end of query',
    ],
    ['{app="shop"} | status > "x"', 1, 25, ['a number, duration or byte size after ">"'], 'string "x"'],
    ['{app="shop"} | drop', 1, 20, ['a label name'], 'end of query'],
    [
      '{app="shop"} | 5',
      1,
      16,
      ['a parser (json, logfmt, regexp, pattern)', 'line_format', 'drop', 'keep', 'unwrap', 'a label filter'],
      'number 5',
    ],
    ['{app="shop"} [5m]', 1, 14, ['"|"', '"|="', '"!="', '"|~"', '"!~"', 'end of query'], '"["'],
    ['rate({app="shop"})', 1, 18, ['a range such as [5m]', '"|"', '"|="', '"!="', '"|~"', '"!~"'], '")"'],
    ['rate({app="shop"}[5])', 1, 19, ['a positive duration such as 5m'], 'number 5'],
    ['sum by (app (rate({app="shop"}[5m]))', 1, 13, ['","', '")"'], '"("'],
    ['topk(rate({app="shop"}[5m]))', 1, 6, ['a positive whole number k for topk'], 'identifier "rate"'],
    [
      'foo({app="shop"}[5m])',
      1,
      1,
      ['"{"', 'a range aggregation such as rate or count_over_time', 'a vector aggregation such as sum'],
      'identifier "foo"',
    ],
    ['sum(rate({app="shop"}[5m])) extra', 1, 29, ['end of query'], 'identifier "extra"'],
  ])('%j fails at line %i, column %i', (query, line, column, expected, found) => {
    const error = syntaxError(query);
    expect(error.position).toMatchObject({ line, column });
    expect(error.expected).toEqual(expected);
    expect(error.found).toBe(found);
    expect(error.code).toBe('BERTH_BAD_REQUEST');
  });

  it('says what was expected and what was found, with the position', () => {
    expect(() => parseLogql('{app="shop",\n  env=}')).toThrow(
      'expected a quoted string but found "}" at line 2, column 7',
    );
    expect(syntaxError('{app="shop",\n  env=}').position).toEqual({
      file: '<query>',
      offset: 19,
      line: 2,
      column: 7,
    });
  });

  it.each<[string, number, number, RegExp]>([
    ['{app="shop"} |~ "a(?=b)"', 1, 17, /lookahead and lookbehind assertions are not supported by RE2/],
    ['{app="shop"} |~ `(a)\\1`', 1, 17, /backreferences such as "\\1" are not supported by RE2/],
    ['{app="shop", x=~"(?<!a)b"}', 1, 17, /lookahead and lookbehind/],
    ['{app="shop"} |~ "a(?i)b"', 1, 17, /only supported as a leading \(\?i\)/],
    ['{app="shop"} |~ "(unclosed"', 1, 17, /invalid regular expression/],
    ['{app="shop"} | regexp "(\\\\d+)"', 1, 23, /at least one named group/],
    ['{app="shop"} | pattern "<_> <_>"', 1, 24, /at least one named capture/],
    ['{app="shop"} | pattern "<a><b>"', 1, 24, /two captures must be separated/],
    ['{app="shop"} | line_format "{{ .a | upper }}"', 1, 28, /unsupported template action/],
    ['{app="shop"} |= "bad \\q escape"', 1, 22, /invalid escape "\\\\q"/],
    ['{app="shop"} |= "open', 1, 22, /unterminated string/],
    ['{app="shop"} | size > 10XB', 1, 23, /invalid number, duration or byte size "10XB"/],
    ['{app="shop"} | unwrap x', 1, 16, /unwrap is only allowed inside a range aggregation/],
    [
      'count_over_time({app="shop"} | unwrap x [5m])',
      1,
      1,
      /count_over_time does not accept an unwrapped range/,
    ],
    ['sum_over_time({app="shop"}[5m])', 1, 1, /sum_over_time needs an unwrapped range/],
    ['sum_over_time({app="shop"} | unwrap x | json [5m])', 1, 41, /expected a label filter or a range/],
  ])('%j is rejected at line %i, column %i', (query, line, column, message) => {
    const error = syntaxError(query);
    expect(error.position).toMatchObject({ line, column });
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(new RegExp(`at line ${line}, column ${column}$`));
  });
});

describe('comparison syntax errors', () => {
  it('points at what follows a comparison operator when it is not a number', () => {
    expect(() => parseLogql('rate({app="a"}[1m]) > high')).toThrow(
      'expected a number to compare with but found identifier "high" at line 1, column 23',
    );
  });
});
