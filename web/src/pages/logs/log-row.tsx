import type { JSX } from 'preact';
import { formatClock } from './time-range';
import type { LogLine } from './types';

/** Labels shown as chips on every row, in this order (the rest show when the row is expanded). */
const chipLabels = ['app', 'service', 'replica', 'stream'] as const;

/** Characters of a line drawn in a collapsed row: the row is one line high, the rest is cut anyway. */
const collapsedChars = 600;

function levelOf(line: LogLine): string | undefined {
  return line.fields.level ?? line.metadata.level;
}

function levelTone(level: string): string {
  const l = level.toLowerCase();
  if (/^(err|error|fatal|crit|critical|panic|emerg|alert)/.test(l)) return 'bad';
  if (l.startsWith('warn')) return 'warn';
  if (l.startsWith('info')) return 'info';
  return 'neutral';
}

function Chips({ line }: { line: LogLine }): JSX.Element {
  const labels = line.streamLabels;
  const known = chipLabels.filter((k) => labels[k] !== undefined);
  // Pushed streams may carry other labels: show their first two instead.
  const shown = known.length > 0 ? known : Object.keys(labels).slice(0, 2);
  const level = levelOf(line);
  return (
    <span class="log-chips">
      {level ? <span class={`chip chip-${levelTone(level)} log-level`}>{level}</span> : null}
      {shown.map((key) => (
        <span
          key={key}
          class={`chip log-chip log-chip-${key}${key === 'stream' && labels[key] === 'stderr' ? ' chip-warn' : ''}`}
          title={`${key}=${labels[key] ?? ''}`}
        >
          {key === 'replica' ? `#${labels[key] ?? ''}` : (labels[key] ?? '')}
        </span>
      ))}
    </span>
  );
}

function FieldList({
  title,
  values,
  onFilter,
}: {
  title: string;
  values: Readonly<Record<string, string>>;
  onFilter: (key: string, value: string) => void;
}): JSX.Element | null {
  const entries = Object.entries(values);
  if (entries.length === 0) return null;
  return (
    <section class="log-fields">
      {/* h2: the page has no other heading between its h1 and a row's details. */}
      <h2>{title}</h2>
      <dl>
        {entries.map(([key, value]) => (
          <div key={key} class="log-field">
            <dt class="mono">{key}</dt>
            <dd class="mono">{value}</dd>
            <dd>
              <button
                type="button"
                class="button button-ghost button-small"
                // The name starts with the visible word, so voice control users can say it (WCAG 2.5.3).
                aria-label={`Filter. Show only lines with ${key}=${value.slice(0, 60)}`}
                onClick={() => onFilter(key, value)}
              >
                Filter
              </button>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * One log line: time, level and stream chips, and the line cut to one row. Activating the row expands
 * it to the whole line and its labels, structured metadata and parsed fields, each with a filter button.
 */
export function LogRow({
  line,
  index,
  count,
  expanded,
  withDate,
  onToggle,
  onFilter,
}: {
  line: LogLine;
  index: number;
  count: number;
  expanded: boolean;
  withDate: boolean;
  onToggle: (seq: number) => void;
  onFilter: (key: string, value: string) => void;
}): JSX.Element {
  const time = new Date(line.timestampMs);
  const detailId = `log-detail-${line.seq}`;
  return (
    <div
      class={`log-row${expanded ? ' log-row-open' : ''}`}
      role="listitem"
      aria-setsize={count}
      aria-posinset={index + 1}
      data-log-row={line.seq}
    >
      <button
        type="button"
        class="log-row-main"
        aria-expanded={expanded}
        aria-controls={expanded ? detailId : undefined}
        onClick={() => onToggle(line.seq)}
      >
        <time class="log-time mono" dateTime={time.toISOString()}>
          {formatClock(line.timestampMs, withDate)}
        </time>
        <Chips line={line} />
        <span class="log-line mono">{line.line.slice(0, collapsedChars)}</span>
      </button>
      {expanded ? (
        <div class="log-detail" id={detailId}>
          <pre class="log-full mono">{line.line}</pre>
          <p class="muted log-when">
            {time.toLocaleString()} · <span class="mono">{time.toISOString()}</span>
          </p>
          <div class="log-field-groups">
            <FieldList title="Labels" values={line.streamLabels} onFilter={onFilter} />
            <FieldList title="Structured metadata" values={line.metadata} onFilter={onFilter} />
            <FieldList title="Parsed by the query" values={line.fields} onFilter={onFilter} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
