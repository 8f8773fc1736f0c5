import type { JSX, TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { fromLocalInput, presets, resolveRange, toLocalInput, type RangeSpec } from './time-range';

/**
 * The time range: a preset (last 5 min … 7 days) or a custom window picked with two local-time inputs.
 * The page keeps the choice in the URL.
 */
export function TimeRangePicker({
  spec,
  onChange,
}: {
  spec: RangeSpec;
  onChange: (spec: RangeSpec) => void;
}): JSX.Element {
  const [custom, setCustom] = useState(spec.kind === 'absolute');
  const resolved = resolveRange(spec, Date.now());
  const [from, setFrom] = useState(toLocalInput(resolved.startMs));
  const [to, setTo] = useState(toLocalInput(resolved.endMs));
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const choose = (value: string): void => {
    const preset = presets.find((p) => p.since === value);
    if (preset) {
      setCustom(false);
      setProblem(undefined);
      onChange({ kind: 'relative', since: preset.since });
      return;
    }
    setFrom(toLocalInput(resolved.startMs));
    setTo(toLocalInput(resolved.endMs));
    setCustom(true);
  };
  const apply = (event: TargetedEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const startMs = fromLocalInput(from);
    const endMs = fromLocalInput(to);
    if (startMs === undefined || endMs === undefined) return setProblem('Enter both times.');
    if (startMs >= endMs) return setProblem('"From" must be before "To".');
    setProblem(undefined);
    onChange({ kind: 'absolute', startMs, endMs });
  };

  return (
    <div class="range-picker">
      <div class="range-select">
        <label for="logs-range">Time range</label>
        <select
          id="logs-range"
          value={custom || spec.kind === 'absolute' ? 'custom' : spec.since}
          onChange={(e) => choose(e.currentTarget.value)}
        >
          {presets.map((p) => (
            <option key={p.since} value={p.since}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom range…</option>
        </select>
      </div>
      {custom || spec.kind === 'absolute' ? (
        <form class="range-custom" onSubmit={apply} aria-label="Custom time range">
          <div class="range-field">
            <label for="logs-from">From</label>
            <input
              id="logs-from"
              type="datetime-local"
              value={from}
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          </div>
          <div class="range-field">
            <label for="logs-to">To</label>
            <input
              id="logs-to"
              type="datetime-local"
              value={to}
              onInput={(e) => setTo(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button button-small">
            Apply range
          </button>
          {problem ? (
            <p class="help range-problem" role="alert">
              {problem}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
