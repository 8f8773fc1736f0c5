import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Store } from '../../store/index.js';

/**
 * How often a follower asks the store for newer events. The event table has no change feed; one
 * indexed `id > ?` query per follower every 500 ms costs microseconds and keeps the feed live enough.
 */
const pollMs = 500;
/** A comment line this often keeps proxies from closing an idle stream (as /logs/tail does). */
const keepAliveMs = 15_000;

/** Whether a GET /apps/{app}/events call asks to follow: `follow=1|true` or `Accept: text/event-stream`. */
export function wantsFollow(c: Context): boolean {
  return (
    ['1', 'true'].includes(c.req.query('follow') ?? '') ||
    (c.req.header('accept') ?? '').includes('text/event-stream')
  );
}

/**
 * Streams an app's events as Server-Sent Events: first the events a plain GET would answer (oldest
 * first), then each new one as it is recorded, each as an `event` event whose `id` is the event id. A
 * client that reconnects with `Last-Event-ID` (or `after`) gets only what it missed, so a daemon
 * restart loses nothing the store kept.
 *
 * @example
 * routes.get('/:app/events', (c) => (wantsFollow(c) ? followEvents(c, store, app, { limit, afterId }) : …));
 */
export function followEvents(
  c: Context,
  store: Store,
  app: string,
  options: { limit: number; afterId: number },
): Response {
  const resumeFrom = Number(c.req.header('last-event-id'));
  let afterId = Number.isSafeInteger(resumeFrom) && resumeFrom > 0 ? resumeFrom : options.afterId;
  return streamSSE(c, async (stream) => {
    let open = true;
    stream.onAbort(() => {
      open = false;
    });
    let quietMs = 0;
    // The first batch is the newest `limit` (as GET answers); later batches take everything newer.
    let limit = options.limit;
    while (open) {
      let events;
      try {
        events = store.events.list(app, { limit, afterId }).reverse();
      } catch {
        // The store closes while the daemon stops: end the stream; the client reconnects with Last-Event-ID.
        return;
      }
      limit = 1000;
      for (const event of events) {
        await stream.writeSSE({ event: 'event', id: String(event.id), data: JSON.stringify(event) });
        afterId = Math.max(afterId, event.id);
      }
      if (events.length > 0) quietMs = 0;
      else if ((quietMs += pollMs) >= keepAliveMs) {
        quietMs = 0;
        await stream.write(': keep-alive\n\n');
      }
      if (events.length < limit) await stream.sleep(pollMs);
    }
  });
}
