import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { toEngineError } from './engine-errors.js';
import type { EngineEvent } from './engine-types.js';
import { ndjsonLines, readStream } from './stream-reading.js';

/** A line of the Engine API's `/events` stream. */
interface RawEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano: number;
}

/**
 * Streams the events of containers carrying `label` until `signal` aborts; after a drop it reconnects
 * a second later with `since` = the last event's time, so no event window is lost.
 */
export async function watchContainerEvents(
  engine: { docker: Docker; label: string; dockerHost: string },
  onEvent: (event: EngineEvent) => void,
  onError: (error: unknown) => void,
  signal: AbortSignal,
): Promise<void> {
  let since = Math.floor(Date.now() / 1000);
  while (!signal.aborted) {
    try {
      const stream = (await engine.docker.getEvents({
        since,
        filters: { type: ['container'], label: [engine.label] },
        abortSignal: signal,
      } as Docker.GetEventsOptions)) as Readable;
      await readStream(
        stream,
        ndjsonLines<RawEvent>((raw) => {
          since = raw.time;
          onEvent({
            type: raw.Type,
            action: raw.Action,
            id: raw.Actor.ID,
            labels: raw.Actor.Attributes ?? {},
            timeNano: raw.timeNano,
          });
        }),
        signal,
      );
    } catch (error) {
      if (signal.aborted) return;
      onError(toEngineError(error, 'watch events', engine.dockerHost));
    }
    if (!signal.aborted) await new Promise((r) => setTimeout(r, 1000));
  }
}
