import { describe, expect, it } from 'vitest';
import { NdjsonLines } from './ndjson-lines';

describe('NdjsonLines', () => {
  it('hands out each value once its line is complete', () => {
    const lines = new NdjsonLines();

    expect(lines.push('{"progress":"pulling web"}\n{"progress":')).toEqual([{ progress: 'pulling web' }]);
    expect(lines.push('"checking ports"}\n\n{"release":{"number":4}}')).toEqual([
      { progress: 'checking ports' },
    ]);
    expect(lines.end()).toEqual([{ release: { number: 4 } }]);
    expect(lines.end()).toEqual([]);
  });

  it('names a line that is not JSON', () => {
    expect(() => new NdjsonLines().push('<html>oops</html>\n')).toThrow('not JSON: <html>oops</html>');
  });
});
