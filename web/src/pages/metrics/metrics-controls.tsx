import type { JSX } from 'preact';
import { defaultRange, ranges, type RangeKey } from './chart-data';
import type { Grouping } from './types';

export interface MetricsControlsProps {
  /** Apps the user can see (deployed ones). */
  apps: readonly string[];
  app: string | null;
  range: RangeKey;
  grouping: Grouping;
  /** A patch for the URL query: the view is always what the URL says. */
  onChange: (patch: Record<string, string | null>) => void;
}

/** Toggle buttons that act like radio buttons, announced with `aria-pressed`. */
function Choice<T extends string>({
  label,
  options,
  value,
  onPick,
}: {
  label: string;
  options: readonly { key: T; label: string }[];
  value: T;
  onPick: (key: T) => void;
}): JSX.Element {
  return (
    <div class="segmented" role="group" aria-label={label}>
      {options.map((o) => (
        <button
          key={o.key}
          type="button"
          class="button button-small"
          aria-pressed={o.key === value}
          onClick={() => onPick(o.key)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** Which app, over which range, one line per service or per replica. */
export function MetricsControls({ apps, app, range, grouping, onChange }: MetricsControlsProps): JSX.Element {
  // An app from the URL that is not deployed (taken down) still gets its option, so it stays shown.
  const options = app !== null && !apps.includes(app) ? [app, ...apps] : apps;
  return (
    <div class="metric-controls">
      <div class="field metric-app">
        <label for="metrics-app">App</label>
        <select
          id="metrics-app"
          value={app ?? ''}
          disabled={options.length === 0}
          onChange={(e) => onChange({ app: e.currentTarget.value, series: null })}
        >
          {options.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <Choice
        label="Time range"
        options={ranges}
        value={range}
        onPick={(key) => onChange({ range: key === defaultRange ? null : key })}
      />
      <Choice
        label="Lines"
        options={[
          { key: 'service', label: 'Per service' },
          { key: 'replica', label: 'Per replica' },
        ]}
        value={grouping}
        onPick={(key) => onChange({ by: key === 'service' ? null : key, series: null })}
      />
    </div>
  );
}
