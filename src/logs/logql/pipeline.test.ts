import { describe, expect, it } from 'vitest';
import type { LogQuery } from './ast.js';
import { parseLogql } from './parse-query.js';
import { compilePipeline, type LogEntry } from './pipeline.js';

const stream = { app: 'shop', stream: 'stdout' };

function run(query: string, line: string, labels: Record<string, string> = stream) {
  const ast = parseLogql(query) as LogQuery;
  const entry: LogEntry = { labels, timestampMs: 0, line };
  return compilePipeline(ast.pipeline)(entry);
}

describe('line filters', () => {
  it.each<[string, string, boolean]>([
    ['|= "error"', 'an error here', true],
    ['|= "error"', 'an ERROR here', false],
    ['!= "error"', 'all good', true],
    ['!= "error"', 'an error here', false],
    ['|~ "err(or)?"', 'err', true],
    ['|~ "(?i)error"', 'ERROR', true],
    ['|~ "^GET"', 'POST /', false],
    ['!~ "^GET"', 'POST /', true],
    ['|= "a" |= "b"', 'a only', false],
    ['|= "a" != "b"', 'a only', true],
    ['|= `\\d`', 'literal \\d', true],
  ])('{…} %s keeps %j: %s', (filter, line, kept) => {
    expect(run(`{app="shop"} ${filter}`, line) !== undefined).toBe(kept);
  });
});

describe('parsers', () => {
  it('json extracts every property, flattens objects with _ and skips arrays', () => {
    const out = run(
      '{app="shop"} | json',
      '{"status":500,"req":{"method":"GET","path":"/a"},"tags":[1],"ok":false,"n":null}',
    );
    expect(out?.labels).toEqual({
      ...stream,
      status: '500',
      req_method: 'GET',
      req_path: '/a',
      ok: 'false',
      n: '',
    });
  });

  it('json renames a key that clashes with a stream label to <key>_extracted and sanitises names', () => {
    const out = run('{app="shop"} | json', '{"app":"other","user-id":7,"1st":"x"}');
    expect(out?.labels).toEqual({ ...stream, app_extracted: 'other', user_id: '7', _1st: 'x' });
  });

  it('json marks an invalid line with __error__ and keeps it', () => {
    const out = run('{app="shop"} | json', 'not json');
    expect(out?.labels.__error__).toBe('JSONParserErr');
    expect(out?.labels.__error_details__).toEqual(expect.any(String));
  });

  it('logfmt extracts pairs, quoted values and skips standalone keys', () => {
    const out = run('{app="shop"} | logfmt', 'level=info msg="hello \\"world\\"" flag took=12ms');
    expect(out?.labels).toEqual({ ...stream, level: 'info', msg: 'hello "world"', took: '12ms' });
  });

  it('logfmt marks an unterminated quote with __error__', () => {
    expect(run('{app="shop"} | logfmt', 'msg="open')?.labels.__error__).toBe('LogfmtParserErr');
  });

  it('regexp turns named groups into labels and leaves non-matching lines unchanged', () => {
    const query = '{app="shop"} | regexp `(?P<method>\\w+) (?P<path>\\S+)`';
    expect(run(query, 'GET /cart 200')?.labels).toEqual({ ...stream, method: 'GET', path: '/cart' });
    expect(run(query, '!!')?.labels).toEqual(stream);
  });

  it('pattern captures up to the next literal and skips <_>', () => {
    const query = '{app="shop"} | pattern `<ip> - <_> "<method> <path> <_>" <status> <size>`';
    const line = '10.0.0.1 - - "GET /cart HTTP/1.1" 200 512';
    expect(run(query, line)?.labels).toEqual({
      ...stream,
      ip: '10.0.0.1',
      method: 'GET',
      path: '/cart',
      status: '200',
      size: '512',
    });
    expect(run(query, 'garbage')?.labels).toEqual(stream);
  });
});

describe('label filters', () => {
  const line = '{"status":"503","took":"1.5s","size":"12KB","path":"/api/cart","ratio":"0.25"}';
  it.each<[string, boolean]>([
    ['status = "503"', true],
    ['status != "503"', false],
    ['path =~ "/api/.*"', true],
    ['path =~ "/api"', false],
    ['path !~ "/health"', true],
    ['status >= 500', true],
    ['status == 503', true],
    ['status < 500', false],
    ['ratio <= 0.25', true],
    ['took > 1s', true],
    ['took > 1m30s', false],
    ['took == 1500ms', true],
    ['size > 10KB', true],
    ['size > 10KiB', true],
    ['size < 12KB', false],
    ['missing > 1', false],
    ['missing = ""', true],
    ['status >= 500 and path = "/api/cart"', true],
    ['status >= 500, path = "/x"', false],
    ['status < 500 or path = "/api/cart"', true],
    ['status < 500 or path = "/x" and took > 1s', false],
    ['status < 500 or (path = "/api/cart" and took > 1s)', true],
  ])('| json | %s keeps the line: %s', (filter, kept) => {
    expect(run(`{app="shop"} | json | ${filter}`, line) !== undefined).toBe(kept);
  });

  it('keeps a line whose value does not convert and marks it LabelFilterErr', () => {
    const out = run('{app="shop"} | json | status > 10s', '{"status":"abc"}');
    expect(out?.labels.__error__).toBe('LabelFilterErr');
  });

  it('lets __error__="" drop lines that failed to parse', () => {
    expect(run('{app="shop"} | json | __error__ = ""', 'oops')).toBeUndefined();
    expect(run('{app="shop"} | json | __error__ = ""', '{}')).toBeDefined();
  });
});

describe('formatting and label stages', () => {
  it('line_format rewrites the line from labels; a missing label renders empty', () => {
    const out = run(
      '{app="shop"} | json | line_format "{{.status}} {{ .path }} [{{.nope}}] {{__line__}}"',
      '{"status":200,"path":"/"}',
    );
    expect(out?.line).toBe('200 / [] {"status":200,"path":"/"}');
  });

  it('drop removes labels and keep retains only the listed ones plus __error__', () => {
    expect(run('{app="shop"} | logfmt | drop a, stream', 'a=1 b=2')?.labels).toEqual({ app: 'shop', b: '2' });
    expect(run('{app="shop"} | logfmt | keep b', 'a=1 b=2')?.labels).toEqual({ b: '2' });
    expect(run('{app="shop"} | json | keep b', 'bad')?.labels).toEqual({
      __error__: 'JSONParserErr',
      __error_details__: expect.any(String),
    });
  });
});
