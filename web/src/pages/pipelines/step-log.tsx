import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { LogLine } from './run-stream';

/** Lines drawn at first; "Show earlier lines" adds this many more (the stream keeps up to 5,000). */
const pageLines = 500;

/**
 * A step's output in a monospace, capped view: the newest lines, with stderr marked, following the end
 * while the reader is at the bottom (scrolling up stops following; scrolling back down resumes).
 */
export function StepLog({
  lines,
  total,
  label,
  version,
}: {
  lines: readonly LogLine[];
  total: number;
  label: string;
  version: number;
}): JSX.Element {
  const [shown, setShown] = useState(pageLines);
  const box = useRef<HTMLPreElement>(null);
  const following = useRef(true);
  useEffect(() => setShown(pageLines), [label]);
  useLayoutEffect(() => {
    const el = box.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [version, label, shown]);

  const visible = lines.slice(-shown);
  const hiddenKept = lines.length - visible.length;
  const dropped = total - lines.length;
  return (
    <div class="step-log-block">
      {hiddenKept > 0 || dropped > 0 ? (
        <p class="step-log-note muted">
          Showing the last {visible.length.toLocaleString()} of {total.toLocaleString()} lines
          {dropped > 0 ? ` (the oldest ${dropped.toLocaleString()} are not kept in the page)` : ''}.{' '}
          {hiddenKept > 0 ? (
            <button
              type="button"
              class="button button-small button-ghost"
              onClick={() => setShown((n) => n + pageLines * 4)}
            >
              Show earlier lines
            </button>
          ) : null}
        </p>
      ) : null}
      <pre
        ref={box}
        class="step-log mono"
        tabIndex={0}
        role="region"
        aria-label={label}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {visible.length === 0 ? (
          <span class="muted">No output yet.</span>
        ) : (
          visible.map((line) => (
            <div key={line.n} class={line.stream === 'stderr' ? 'log-line log-stderr' : 'log-line'}>
              <span class="log-n" aria-hidden="true">
                {line.n}
              </span>
              <span class="log-text">{line.text}</span>
            </div>
          ))
        )}
      </pre>
    </div>
  );
}
