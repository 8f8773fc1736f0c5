import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { subscribe, type ApiError, type LiveState } from '../../api';
import { parseRunEvent, RunStream } from './run-stream';

export interface RunStreamState {
  live: RunStream;
  /** Changes whenever `live` does (at most once per animation frame). */
  version: number;
  state: LiveState;
  error: ApiError | undefined;
  /** The stream sent `end`: the run is over and every line is in. */
  ended: boolean;
}

/** The event names of a run's log stream (docs/pipelines.md); EventSource delivers only named ones it was told. */
const events = ['run', 'step', 'log', 'end'] as const;

/**
 * Follows `GET /apps/{app}/pipelines/runs/{n}/logs?follow=1` (SSE) while `enabled`: every step's status
 * and lines. The daemon replays the run's history on each connection, so a reconnect (daemon restart)
 * starts from a clean slate and nothing is shown twice. `onChange` is called for status events (the
 * view reloads the run for exact timings) and at `end`. The daemon ends the stream of a run that has
 * not started yet at once, so the view passes a new `restartKey` when the run leaves `queued`.
 */
export function useRunStream(
  app: string,
  run: string,
  enabled: boolean,
  onChange: () => void,
  restartKey = '',
): RunStreamState {
  const live = useMemo(() => new RunStream(), [app, run]);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<LiveState>('connecting');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [ended, setEnded] = useState(false);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    if (!enabled) return undefined;
    setEnded(false);
    let frame: number | undefined;
    const redraw = (): void => {
      frame ??= requestAnimationFrame(() => {
        frame = undefined;
        setVersion(live.version);
      });
    };
    const stop = subscribe(
      `/apps/${encodeURIComponent(app)}/pipelines/runs/${encodeURIComponent(run)}/logs`,
      (message) => {
        if (message.type === 'end') {
          stop();
          setEnded(true);
          changed.current();
          return;
        }
        const event = parseRunEvent(message.data);
        if (!event) return;
        live.apply(event);
        if (event.type !== 'log') changed.current();
        redraw();
      },
      (next, failure) => {
        if (next === 'live') {
          live.reset();
          redraw();
        }
        setState(next);
        setError(failure);
      },
      { events, query: { follow: 1 } },
    );
    return () => {
      stop();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [app, run, enabled, live, restartKey]);

  return { live, version, state, error, ended };
}
