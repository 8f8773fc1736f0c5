/**
 * Splits a stream of decoded text into newline-delimited JSON values (https://github.com/ndjson/ndjson-spec):
 * `push` returns the values the chunk completed, `end` the last one if the stream did not end in a
 * newline. Blank lines are skipped; a line that is not JSON throws SyntaxError naming it.
 *
 * @example
 * const lines = new NdjsonLines();
 * lines.push('{"progress":"pulling"}\n{"rel'); // [{ progress: 'pulling' }]
 * lines.push('ease":{}}\n'); // [{ release: {} }]
 */
export class NdjsonLines {
  #pending = '';

  push(chunk: string): unknown[] {
    const parts = (this.#pending + chunk).split('\n');
    this.#pending = parts.pop() ?? '';
    return parts.flatMap((line) => parse(line));
  }

  end(): unknown[] {
    const rest = this.#pending;
    this.#pending = '';
    return parse(rest);
  }
}

function parse(line: string): unknown[] {
  const trimmed = line.trim();
  if (trimmed === '') return [];
  try {
    return [JSON.parse(trimmed)];
  } catch {
    throw new SyntaxError(`the stream sent a line that is not JSON: ${trimmed.slice(0, 120)}`);
  }
}
