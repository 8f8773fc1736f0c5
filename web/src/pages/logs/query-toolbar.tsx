import type { JSX } from 'preact';
import { LiveStatus } from '../../components';
import type { LiveState } from '../../api';
import { TimeRangePicker } from './time-range-picker';
import type { RangeSpec } from './time-range';

export const limits = [100, 1000, 5000, 10_000, 100_000] as const;

export interface ToolbarProps {
  spec: RangeSpec;
  onRange: (spec: RangeSpec) => void;
  limit: number;
  onLimit: (limit: number) => void;
  direction: 'backward' | 'forward';
  onDirection: (direction: 'backward' | 'forward') => void;
  history: readonly string[];
  onHistory: (query: string) => void;
  onClearHistory: () => void;
  live: boolean;
  /** Why live tail is unavailable (no query yet, a metric query), or undefined. */
  liveBlocked: string | undefined;
  /** Show `liveBlocked` beside the button, not only as its tooltip. */
  liveNote: boolean;
  liveState: LiveState;
  onLive: (live: boolean) => void;
  running: boolean;
  onRun: () => void;
}

/** Run, time range, limit, order, history and the live-tail switch, wrapping onto rows on a phone. */
export function QueryToolbar(props: ToolbarProps): JSX.Element {
  const { spec, live } = props;
  return (
    <div class="logs-toolbar">
      <button
        type="button"
        class="button button-primary"
        onClick={props.onRun}
        disabled={props.running && !live}
      >
        {props.running ? 'Running…' : 'Run query'}
      </button>
      <TimeRangePicker key={JSON.stringify(spec)} spec={spec} onChange={props.onRange} />
      <div class="range-select">
        <label for="logs-limit">Lines</label>
        <select
          id="logs-limit"
          value={props.limit}
          onChange={(e) => props.onLimit(Number(e.currentTarget.value))}
          disabled={live}
        >
          {limits.map((n) => (
            <option key={n} value={n}>
              {n.toLocaleString()}
            </option>
          ))}
        </select>
      </div>
      <div class="range-select">
        <label for="logs-order">Order</label>
        <select
          id="logs-order"
          value={props.direction}
          onChange={(e) => props.onDirection(e.currentTarget.value === 'forward' ? 'forward' : 'backward')}
          disabled={live}
        >
          <option value="backward">Newest first</option>
          <option value="forward">Oldest first</option>
        </select>
      </div>
      <div class="range-select">
        <label for="logs-history">Recent queries</label>
        <select
          id="logs-history"
          value=""
          disabled={props.history.length === 0}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (value === '\u0000clear') props.onClearHistory();
            else if (value) props.onHistory(value);
          }}
        >
          <option value="">
            {props.history.length === 0 ? 'None yet' : `${props.history.length} recent…`}
          </option>
          {props.history.map((q) => (
            <option key={q} value={q}>
              {q.length > 80 ? `${q.slice(0, 80)}…` : q}
            </option>
          ))}
          {props.history.length > 0 ? <option value={'\u0000clear'}>Clear history</option> : null}
        </select>
      </div>
      <div class="logs-live">
        <button
          type="button"
          class={`button${live ? ' button-primary' : ''}`}
          aria-pressed={live}
          disabled={props.liveBlocked !== undefined && !live}
          title={props.liveBlocked}
          onClick={() => props.onLive(!live)}
        >
          Live tail
        </button>
        {live ? <LiveStatus state={props.liveState} /> : null}
        {props.liveBlocked && props.liveNote && !live ? <span class="help">{props.liveBlocked}</span> : null}
      </div>
    </div>
  );
}
