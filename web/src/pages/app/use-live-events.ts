import { useEffect, useRef, useState } from 'preact/hooks';
import { subscribe, type ApiError, type AppEvent, type LiveState } from '../../api';

/** Events kept in memory; the feed pages through them (the store keeps about 5,000 per app). */
const keep = 1000;
/** Events asked for when (re)connecting; older ones are not shown. */
const backlog = 300;

export interface LiveEvents {
  /** Newest first, without duplicates. */
  events: AppEvent[];
  live: LiveState;
  /** Why the feed stopped (`closed`), or the last connection error while reconnecting. */
  error: ApiError | undefined;
}

/**
 * Merges a batch into the list: by id (a reconnect sends recent events again), newest first, at most
 * `keep`.
 */
export function mergeEvents(current: readonly AppEvent[], batch: readonly AppEvent[]): AppEvent[] {
  const byId = new Map(current.map((e) => [e.id, e]));
  for (const event of batch) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, keep);
}

/**
 * Follows `GET /apps/{app}/events?follow=1` (SSE `event` events) and keeps the newest events. It
 * reconnects by itself after a daemon restart (`reconnecting`), and `onEvent` hears each new event
 * (the page reloads status and releases on them).
 */
export function useLiveEvents(app: string, onEvent?: (event: AppEvent) => void): LiveEvents {
  const [events, setEvents] = useState<AppEvent[]>([]);
  const [live, setLive] = useState<LiveState>('connecting');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  useEffect(() => {
    setEvents([]);
    setError(undefined);
    // A reconnect replays up to `backlog` events at once: gather them and render once per frame.
    let pending: AppEvent[] = [];
    let flush: ReturnType<typeof setTimeout> | undefined;
    const stop = subscribe(
      `/apps/${encodeURIComponent(app)}/events`,
      (message) => {
        const event = JSON.parse(message.data) as AppEvent;
        pending.push(event);
        onEventRef.current?.(event);
        flush ??= setTimeout(() => {
          const batch = pending;
          pending = [];
          flush = undefined;
          setEvents((current) => mergeEvents(current, batch));
        }, 50);
      },
      (state, failure) => {
        setLive(state);
        if (state === 'live') setError(undefined);
        else if (failure) setError(failure);
      },
      { events: ['event'], query: { follow: 1, limit: backlog } },
    );
    return () => {
      clearTimeout(flush);
      stop();
    };
  }, [app]);

  return { events, live, error };
}
