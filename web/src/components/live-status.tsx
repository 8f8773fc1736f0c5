import type { JSX } from 'preact';
import type { LiveState } from '../api';

const labels: Readonly<Record<LiveState, string>> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
  closed: 'not live',
};

/**
 * The state of a live view (SSE), announced when it changes so a dropped connection is noticed.
 *
 * @example
 * const [live, setLive] = useState<LiveState>('connecting');
 * useEffect(() => subscribe(path, onEvent, setLive), [path]);
 * <LiveStatus state={live} />
 */
export function LiveStatus({ state }: { state: LiveState }): JSX.Element {
  return (
    <span class={`live live-${state}`} role="status" aria-live="polite">
      <span class="live-dot" aria-hidden="true" />
      {labels[state]}
    </span>
  );
}
