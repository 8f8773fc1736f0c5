/** One server-sent event. `type` is the `event:` field, `message` when the server sent none. */
export interface SseEvent {
  type: string;
  data: string;
  id?: string;
}

/**
 * An incremental parser for `text/event-stream` (WHATWG HTML §9.2.6): feed it decoded chunks as they
 * arrive, get back the events they complete. Comments (`:` lines) and unknown fields are ignored.
 *
 * @example
 * const parser = new SseParser();
 * parser.push('event: entry\ndata: {"line":"hi"}\n\n'); // [{ type: 'entry', data: '{"line":"hi"}' }]
 */
export class SseParser {
  #buffer = '';
  #type = '';
  #data: string[] = [];
  #id: string | undefined;
  /** The last `retry:` value the server asked for, in milliseconds. */
  retryMs: number | undefined;

  push(chunk: string): SseEvent[] {
    this.#buffer += chunk;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      // A lone \r at the end may be the first half of \r\n: wait for more.
      if (!match || (match[0] === '\r' && match.index === this.#buffer.length - 1)) break;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      const event = this.#line(line);
      if (event) events.push(event);
    }
    return events;
  }

  #line(line: string): SseEvent | undefined {
    if (line === '') {
      if (this.#data.length === 0) {
        this.#type = '';
        return undefined;
      }
      const event: SseEvent = {
        type: this.#type || 'message',
        data: this.#data.join('\n'),
        ...(this.#id === undefined ? {} : { id: this.#id }),
      };
      this.#type = '';
      this.#data = [];
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.#type = value;
    else if (field === 'data') this.#data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return undefined;
  }
}

/**
 * How long to wait before reconnect attempt `attempt` (0-based): doubling from `initialMs` up to
 * `maxMs`, with ±20 % jitter so many tabs do not reconnect to a restarted daemon in step.
 */
export function backoffDelayMs(
  attempt: number,
  {
    initialMs = 500,
    maxMs = 15_000,
    random = Math.random,
  }: { initialMs?: number; maxMs?: number; random?: () => number } = {},
): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (0.8 + 0.4 * random()));
}
