import type { JSX } from 'preact';

/** A busy indicator with its reason for screen readers. */
export function Spinner({
  label = 'Loading…',
  inline = false,
}: {
  label?: string;
  inline?: boolean;
}): JSX.Element {
  return (
    <span class={inline ? 'spinner spinner-inline' : 'spinner'} role="status">
      <span class="spinner-ring" aria-hidden="true" />
      <span class={inline ? 'visually-hidden' : 'spinner-label'}>{label}</span>
    </span>
  );
}

/**
 * A long operation's progress: a bar (determinate when `value` and `max` are known) and the latest
 * progress lines (e.g. from `postWithProgress`), announced politely as they change.
 *
 * @example
 * <Progress label="Deploying shop" lines={lines} />
 */
export function Progress({
  label,
  value,
  max,
  lines = [],
  maxLines = 6,
}: {
  label: string;
  value?: number;
  max?: number;
  lines?: readonly string[];
  maxLines?: number;
}): JSX.Element {
  const shown = lines.slice(-maxLines);
  return (
    <div class="progress">
      <div class="progress-head">
        <span>{label}</span>
        {value !== undefined && max ? <span class="muted">{Math.round((value / max) * 100)} %</span> : null}
      </div>
      <progress aria-label={label} {...(value !== undefined ? { value, max: max ?? 1 } : {})} />
      {shown.length > 0 ? (
        <ol class="progress-lines mono" aria-live="polite">
          {shown.map((line, i) => (
            <li key={lines.length - shown.length + i}>{line}</li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
