import { berthErrorFromJson, BerthError, type BerthErrorJson } from '../errors/index.js';

export interface ClientOptions {
  url: string;
  token: string | undefined;
  tokenFile: string;
}

/** A thin typed client of the Berth HTTP API, used by every CLI command. */
export class ApiClient {
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = options;
  }

  get url(): string {
    return this.#options.url;
  }

  async #fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const { url, token, tokenFile } = this.#options;
    if (token === undefined) {
      throw new BerthError(
        'BERTH_UNAUTHORIZED',
        `no API token: "${tokenFile}" is missing and BERTH_TOKEN is not set`,
        {
          hint: 'Start the daemon once on this machine (`berth server`) to create the token, or set BERTH_TOKEN and BERTH_URL.',
        },
      );
    }
    let response: Response;
    try {
      response = await fetch(`${url}/api/v1${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(init.headers as Record<string, string> | undefined),
        },
      });
    } catch (error) {
      throw new BerthError('BERTH_SERVER_UNREACHABLE', `cannot reach the Berth daemon at ${url}`, {
        hint: 'Start it with `berth server` (or `npm start` in the berth folder), or set BERTH_URL.',
        cause: error,
      });
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => undefined)) as { error?: BerthErrorJson } | undefined;
      if (body?.error) throw berthErrorFromJson(body.error);
      throw new BerthError(
        'BERTH_INTERNAL',
        `${init.method ?? 'GET'} ${path} answered HTTP ${response.status}`,
      );
    }
    return response;
  }

  async get<T>(path: string): Promise<T> {
    return (await (await this.#fetch(path)).json()) as T;
  }

  async send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await this.#fetch(path, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as T;
  }

  /** Sends a request and yields each NDJSON line of the answer as it arrives. */
  async *stream<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): AsyncGenerator<T> {
    const response = await this.#fetch(path, {
      method,
      headers: { accept: 'application/x-ndjson' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal === undefined ? {} : { signal }),
    });
    for await (const line of split(response, '\n')) {
      if (line.trim()) yield JSON.parse(line) as T;
    }
  }

  /** Opens a server-sent events stream and yields each event with its name and parsed JSON data. */
  async *events<T>(path: string, signal?: AbortSignal): AsyncGenerator<{ event: string; data: T }> {
    const response = await this.#fetch(path, {
      headers: { accept: 'text/event-stream' },
      ...(signal === undefined ? {} : { signal }),
    });
    for await (const block of split(response, '\n\n')) {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) yield { event, data: JSON.parse(data.join('\n')) as T };
    }
  }
}

/** The text of a streamed response, cut at each `separator` as it arrives (the rest at the end). */
async function* split(response: Response, separator: string): AsyncGenerator<string> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = pending.indexOf(separator)) >= 0) {
      yield pending.slice(0, end);
      pending = pending.slice(end + separator.length);
    }
  }
  if (pending !== '') yield pending;
}
