import { ApiError } from './api-error';
import { apiUrl, credentials, request, type QueryValue } from './client';
import { backoffDelayMs, SseParser, type SseEvent } from './sse-parser';

export type { SseEvent } from './sse-parser';

/** What a live view shows: `LiveStatus` renders it. */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface SubscribeOptions {
  /**
   * Named events to deliver (the `event:` field, e.g. `entry` for /logs/tail, `step` and `end` for
   * pipeline logs) besides unnamed `message` events. EventSource only reports names it was told.
   */
  events?: readonly string[];
  query?: Record<string, QueryValue>;
}

/**
 * Follows a server-sent-event endpoint and keeps following it: when the connection drops (daemon
 * restart, network), it reconnects with backoff and reports `reconnecting` until events flow again.
 * Cookie sessions use EventSource; a pasted API token uses fetch streaming, because EventSource cannot
 * send an Authorization header. A 401 sends the app to the login page; other 4xx answers end it
 * (`closed`, with the error). Returns the function that stops following.
 *
 * @example
 * const stop = subscribe('/logs/tail', (e) => add(JSON.parse(e.data)), setLive, {
 *   events: ['entry'], query: { query: '{app="shop"}' },
 * });
 */
export function subscribe(
  path: string,
  onEvent: (event: SseEvent) => void,
  onStatus: (state: LiveState, error?: ApiError) => void,
  options: SubscribeOptions = {},
): () => void {
  const wanted = new Set(['message', ...(options.events ?? [])]);
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disconnect: (() => void) | undefined;

  const deliver = (event: SseEvent): void => {
    if (!stopped && wanted.has(event.type)) onEvent(event);
  };
  const opened = (): void => {
    attempt = 0;
    if (!stopped) onStatus('live');
  };
  const dropped = (error?: ApiError): void => {
    disconnect?.();
    disconnect = undefined;
    if (stopped) return;
    if (error && error.status >= 400 && error.status < 500) {
      stopped = true;
      onStatus('closed', error);
      return;
    }
    onStatus('reconnecting', error);
    timer = setTimeout(connect, backoffDelayMs(attempt++));
  };
  function connect(): void {
    if (stopped) return;
    disconnect =
      credentials.mode() === 'token'
        ? connectWithFetch(path, options, { deliver, opened, dropped })
        : connectWithEventSource(path, options, wanted, { deliver, opened, dropped });
  }

  onStatus('connecting');
  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    disconnect?.();
    onStatus('closed');
  };
}

interface Handlers {
  deliver: (event: SseEvent) => void;
  opened: () => void;
  dropped: (error?: ApiError) => void;
}

function connectWithEventSource(
  path: string,
  options: SubscribeOptions,
  wanted: ReadonlySet<string>,
  on: Handlers,
): () => void {
  const source = new EventSource(apiUrl(path, options.query), { withCredentials: true });
  const listener = (event: MessageEvent<string>): void =>
    on.deliver({
      type: event.type,
      data: event.data,
      ...(event.lastEventId ? { id: event.lastEventId } : {}),
    });
  for (const type of wanted) source.addEventListener(type, listener);
  source.onopen = on.opened;
  source.onerror = () => {
    source.close();
    // EventSource hides the status: ask the API whether the session is still valid. A 401 there
    // notifies the app (request() does); anything else means the daemon is away, so retry.
    request('GET', '/auth/session').then(
      () => on.dropped(),
      (error: unknown) => on.dropped(error instanceof ApiError && error.status === 401 ? error : undefined),
    );
  };
  return () => source.close();
}

function connectWithFetch(path: string, options: SubscribeOptions, on: Handlers): () => void {
  const abort = new AbortController();
  void (async () => {
    try {
      const response = await request('GET', path, undefined, {
        signal: abort.signal,
        headers: { accept: 'text/event-stream' },
        ...(options.query ? { query: options.query } : {}),
      });
      on.opened();
      const parser = new SseParser();
      const decoder = new TextDecoder();
      const reader = response.body?.getReader();
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        for (const event of parser.push(decoder.decode(chunk.value, { stream: true }))) on.deliver(event);
      }
      on.dropped();
    } catch (error) {
      if (abort.signal.aborted) return;
      on.dropped(error instanceof ApiError ? error : undefined);
    }
  })();
  return () => abort.abort();
}
