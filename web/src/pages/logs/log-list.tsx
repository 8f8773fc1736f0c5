import type { JSX } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { LogRow } from './log-row';
import type { LogLine } from './types';
import { indexOfSeq, rowTop, totalHeight, visibleRows, type ExpandedRow } from './virtual-window';

/** Every collapsed row is this tall (logs.css sets the same height), which makes the list virtualisable. */
export const rowPx = 28;
const overscan = 12;
const dayMs = 86_400_000;

export interface LogListProps {
  lines: readonly LogLine[];
  /** What the list shows, for screen readers. */
  label: string;
  /** Live tail: stick to the newest line at the bottom until the user scrolls up. */
  follow?: boolean;
  onFilter: (key: string, value: string) => void;
}

/**
 * The result lines, virtualised: only the rows in the viewport plus a few either side are in the DOM,
 * so 100,000 lines scroll as smoothly as 100. Rows are one fixed height; an expanded row is measured and
 * the rows below it move down by its extra height. In `follow` mode it keeps the newest line in view and
 * pauses (with a "jump to newest" button) when the user scrolls up.
 */
export function LogList({ lines, label, follow = false, onFilter }: LogListProps): JSX.Element {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportPx, setViewportPx] = useState(600);
  const [open, setOpen] = useState<ReadonlyMap<number, number>>(new Map());
  const stuck = useRef(true);
  const [paused, setPaused] = useState<{ lastSeq: number } | undefined>(undefined);
  const firstSeq = useRef<number | undefined>(undefined);

  const expanded: ExpandedRow[] = useMemo(() => {
    const rows: ExpandedRow[] = [];
    for (const [seq, extraPx] of open) {
      const index = indexOfSeq(lines, seq);
      if (index >= 0) rows.push({ index, extraPx });
    }
    return rows.sort((a, b) => a.index - b.index);
  }, [open, lines]);

  const count = lines.length;
  const total = totalHeight(count, rowPx, expanded);
  const { first, last } = visibleRows(scrollTop, viewportPx, count, rowPx, expanded, overscan);
  const top = rowTop(first, rowPx, expanded);
  const bottom = total - rowTop(last, rowPx, expanded);
  const spanMs =
    count > 1 ? Math.abs((lines[count - 1]?.timestampMs ?? 0) - (lines[0]?.timestampMs ?? 0)) : 0;

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewportPx(element.clientHeight));
    observer.observe(element);
    setViewportPx(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  // Measure expanded rows after they render; their height feeds the positions above.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element || open.size === 0) return;
    let changed = false;
    const next = new Map(open);
    for (const row of element.querySelectorAll<HTMLElement>('.log-row-open')) {
      const seq = Number(row.dataset.logRow);
      const extra = Math.max(0, row.offsetHeight - rowPx);
      if (next.has(seq) && next.get(seq) !== extra) {
        next.set(seq, extra);
        changed = true;
      }
    }
    if (changed) setOpen(next);
  });

  // Follow mode: keep the bottom in view, and keep the view still when old lines drop off the top.
  useLayoutEffect(() => {
    const element = viewport.current;
    const head = lines[0]?.seq;
    if (!element || !follow) return;
    if (stuck.current) {
      element.scrollTop = element.scrollHeight;
    } else if (head !== undefined && firstSeq.current !== undefined && head > firstSeq.current) {
      element.scrollTop = Math.max(0, element.scrollTop - (head - firstSeq.current) * rowPx);
    }
    firstSeq.current = head;
  }, [lines, follow]);

  const onScroll = (): void => {
    const element = viewport.current;
    if (!element) return;
    setScrollTop(element.scrollTop);
    if (!follow) return;
    const atBottom = element.scrollTop + element.clientHeight >= element.scrollHeight - rowPx;
    stuck.current = atBottom;
    setPaused(atBottom ? undefined : (p) => p ?? { lastSeq: lines[count - 1]?.seq ?? 0 });
  };
  const jumpToNewest = (): void => {
    const element = viewport.current;
    stuck.current = true;
    setPaused(undefined);
    if (element) element.scrollTop = element.scrollHeight;
  };
  const toggle = (seq: number): void =>
    setOpen((current) => {
      const next = new Map(current);
      if (next.has(seq)) next.delete(seq);
      else next.set(seq, 0);
      return next;
    });

  const newLines = paused ? (lines[count - 1]?.seq ?? 0) - paused.lastSeq : 0;
  return (
    <div class="log-list">
      <div
        class="log-viewport"
        ref={viewport}
        onScroll={onScroll}
        tabIndex={0}
        role="list"
        aria-label={label}
        data-testid="log-viewport"
      >
        <div style={{ height: `${top}px` }} aria-hidden="true" />
        {lines.slice(first, last).map((line, i) => (
          <LogRow
            key={line.seq}
            line={line}
            index={first + i}
            count={count}
            expanded={open.has(line.seq)}
            withDate={spanMs > dayMs / 2}
            onToggle={toggle}
            onFilter={onFilter}
          />
        ))}
        <div style={{ height: `${bottom}px` }} aria-hidden="true" />
      </div>
      {follow && paused ? (
        <div class="log-paused" role="status">
          <span>
            Auto-scroll paused{newLines > 0 ? `: ${newLines.toLocaleString()} new lines below` : ''}
          </span>
          <button type="button" class="button button-small button-primary" onClick={jumpToNewest}>
            Jump to newest
          </button>
        </div>
      ) : null}
    </div>
  );
}
