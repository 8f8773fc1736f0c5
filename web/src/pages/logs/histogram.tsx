import type { JSX, TargetedKeyboardEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Bar } from './histogram-bars';
import { formatStep, formatTick } from './time-range';

const fmt = new Intl.NumberFormat();

/**
 * Matching lines over time as CSS bars. Each bar is a button (one tab stop; arrow keys move between
 * bars) that zooms the time range to its bucket.
 */
export function Histogram({
  bars,
  stepMs,
  onZoom,
  busy,
}: {
  bars: readonly Bar[];
  stepMs: number;
  onZoom: (startMs: number, endMs: number) => void;
  busy: boolean;
}): JSX.Element {
  const [focus, setFocus] = useState(0);
  const group = useRef<HTMLDivElement>(null);
  const max = Math.max(1, ...bars.map((b) => b.count));
  const total = bars.reduce((sum, b) => sum + b.count, 0);
  const first = bars[0];
  const last = bars[bars.length - 1];
  const rangeMs = first && last ? last.endMs - first.startMs : 0;

  const move = (event: TargetedKeyboardEvent<HTMLDivElement>): void => {
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      Home: -bars.length,
      End: bars.length,
    };
    const step = moves[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(bars.length - 1, focus + step));
    setFocus(next);
    group.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  };

  return (
    <figure class={`histogram${busy ? ' histogram-busy' : ''}`} aria-busy={busy}>
      <figcaption class="histogram-caption">
        <span>
          <strong data-testid="histogram-total">{fmt.format(total)}</strong> matching lines,{' '}
          <span class="muted">
            {formatStep(stepMs)} per bar, highest {fmt.format(max === 1 && total === 0 ? 0 : max)}
          </span>
        </span>
        <span class="muted histogram-help">Click a bar to zoom in</span>
      </figcaption>
      <div
        class="histogram-bars"
        role="group"
        aria-label="Matching lines over time"
        ref={group}
        onKeyDown={move}
      >
        {bars.map((bar, i) => {
          const label = `${formatTick(bar.startMs, rangeMs)}–${formatTick(bar.endMs, rangeMs)}: ${fmt.format(bar.count)} lines`;
          return (
            <button
              key={bar.startMs}
              type="button"
              class="histogram-bar"
              tabIndex={i === focus ? 0 : -1}
              title={label}
              aria-label={`${label}. Zoom in`}
              onClick={() => onZoom(bar.startMs, bar.endMs)}
              onFocus={() => setFocus(i)}
            >
              <span style={{ height: `${bar.count === 0 ? 0 : Math.max(4, (bar.count / max) * 100)}%` }} />
            </button>
          );
        })}
      </div>
      {first && last ? (
        <div class="histogram-axis muted" aria-hidden="true">
          <span>{formatTick(first.startMs, rangeMs)}</span>
          <span>{formatTick(first.startMs + rangeMs / 2, rangeMs)}</span>
          <span>{formatTick(last.endMs, rangeMs)}</span>
        </div>
      ) : null}
    </figure>
  );
}
