import type { ComponentChildren, JSX } from 'preact';
import { api, useApi, useAsync, type AppStatus } from '../../api';
import { DataTable, ErrorBanner, Spinner, TimeAgo } from '../../components';
import { setQuery, useQuery } from '../../router';
import { patternQuery } from './logql-text';
import { describeRange, resolveRange, type RangeSpec } from './time-range';
import type { Pattern, PatternsAnswer } from './types';

const fmt = new Intl.NumberFormat();

/**
 * The patterns view of one app (`GET /apps/{app}/patterns`): templates mined from its lines with their
 * counts over the time range, newest-release templates highlighted. A click on a template runs the
 * query for its lines.
 */
export function PatternsTab({
  app,
  spec,
  onQuery,
  rangePicker,
}: {
  app: string | undefined;
  spec: RangeSpec;
  onQuery: (query: string) => void;
  /** The page's time range control, shown first in this tab's toolbar. */
  rangePicker: ComponentChildren;
}): JSX.Element {
  const apps = useApi<{ apps: AppStatus[] }>('/apps');
  const names = (apps.data?.apps ?? []).map((a) => a.app).sort();
  const chosen = app ?? names[0];
  const onlyNew = useQuery().get('new') === '1';
  const patterns = useAsync(
    (signal) => {
      if (chosen === undefined) return new Promise<PatternsAnswer>(() => undefined);
      const range = resolveRange(spec, Date.now());
      return api.get<PatternsAnswer>(`/apps/${encodeURIComponent(chosen)}/patterns`, {
        signal,
        query: { start: range.startMs, end: range.endMs, limit: 10_000 },
      });
    },
    `${chosen ?? ''}|${JSON.stringify(spec)}`,
  );
  const rows = (patterns.data?.patterns ?? []).filter((p) => !onlyNew || p.new);
  const top = Math.max(1, ...rows.map((p) => p.count));
  const newCount = (patterns.data?.patterns ?? []).filter((p) => p.new).length;

  return (
    <div class="patterns" data-testid="patterns">
      <div class="patterns-toolbar">
        {rangePicker}
        <div class="range-select">
          <label for="patterns-app">App</label>
          <select
            id="patterns-app"
            value={chosen ?? ''}
            onChange={(e) => setQuery({ app: e.currentTarget.value, ppage: null })}
            disabled={names.length === 0}
          >
            {chosen !== undefined && !names.includes(chosen) ? (
              <option value={chosen}>{chosen}</option>
            ) : null}
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={onlyNew}
            onChange={(e) => setQuery({ new: e.currentTarget.checked ? '1' : null, ppage: null })}
          />
          Only new since the latest release
        </label>
        <button
          type="button"
          class="button button-small"
          onClick={patterns.reload}
          disabled={patterns.loading}
        >
          Refresh
        </button>
      </div>
      {apps.error ? (
        <ErrorBanner error={apps.error} onRetry={apps.reload} title="Apps could not be listed" />
      ) : null}
      {chosen === undefined && !apps.loading ? (
        <p class="empty">No app is deployed yet, so there are no patterns.</p>
      ) : null}
      {patterns.error ? <ErrorBanner error={patterns.error} onRetry={patterns.reload} /> : null}
      {chosen !== undefined && patterns.loading && !patterns.data ? (
        <Spinner label="Mining patterns…" />
      ) : null}
      {patterns.data ? (
        <div class="card">
          <p class="muted patterns-summary">
            {fmt.format(patterns.data.total)} templates in {patterns.data.app},{' '}
            {describeRange(spec).toLowerCase()}
            {newCount > 0 ? (
              <>
                {' '}
                · <strong class="pattern-new-count">{newCount} new since the latest release</strong>
              </>
            ) : null}
          </p>
          <DataTable<Pattern>
            caption={`Log patterns of ${patterns.data.app}`}
            rows={rows}
            rowKey={(p) => p.templateId}
            pageSize={25}
            pageParam="ppage"
            empty={
              <p class="empty">{onlyNew ? 'No new templates in this range.' : 'No lines in this range.'}</p>
            }
            columns={[
              {
                key: 'template',
                header: 'Template (click to see its lines)',
                render: (p) => (
                  <div class={`pattern${p.new ? ' pattern-is-new' : ''}`}>
                    {p.new ? <span class="chip chip-warn">new</span> : null}
                    <button
                      type="button"
                      class="pattern-template mono"
                      title="Show the lines of this template"
                      onClick={() => onQuery(patternQuery(patterns.data?.app ?? chosen ?? '', p.template))}
                    >
                      {p.template}
                    </button>
                  </div>
                ),
              },
              {
                key: 'count',
                header: 'Lines',
                align: 'end',
                render: (p) => (
                  <span class="pattern-count">
                    <span class="pattern-meter" aria-hidden="true">
                      <span style={{ width: `${(p.count / top) * 100}%` }} />
                    </span>
                    {fmt.format(p.count)}
                  </span>
                ),
              },
              {
                key: 'first',
                header: 'First seen',
                hideOnNarrow: true,
                render: (p) => <TimeAgo at={p.firstSeenMs} />,
              },
              {
                key: 'last',
                header: 'Last seen',
                hideOnNarrow: true,
                render: (p) => <TimeAgo at={p.lastSeenMs} />,
              },
            ]}
          />
        </div>
      ) : null}
    </div>
  );
}
