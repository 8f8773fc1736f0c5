import type { JSX, TargetedKeyboardEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApi } from '../../api';
import { setQuery, useQuery, type PageProps } from '../../router';
import './logs.css';
import './results.css';
import { addLabelFilter, appOfQuery, errorPosition, isLogQuery, quoted } from './logql-text';
import { PatternsTab } from './patterns-tab';
import { QueryEditor } from './query-editor';
import { loadHistory, pushHistory, saveHistory } from './query-history';
import { HistogramCard, QueryResults } from './query-results';
import { limits, QueryToolbar } from './query-toolbar';
import { rangeFromQuery, rangeToQuery, type RangeSpec } from './time-range';
import { TimeRangePicker } from './time-range-picker';
import { LogList } from './log-list';
import { tailCap, useLiveTail } from './use-live-tail';
import { useLogQuery, type QueryRun } from './use-log-query';

const defaultLimit = 1000;
type Tab = 'query' | 'patterns';

function Tabs({ tab, onTab }: { tab: Tab; onTab: (tab: Tab) => void }): JSX.Element {
  const tabs: [Tab, string][] = [
    ['query', 'Query'],
    ['patterns', 'Patterns'],
  ];
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = tab === 'query' ? 'patterns' : 'query';
    onTab(next);
    document.getElementById(`logs-tab-${next}`)?.focus();
  };
  return (
    <div class="logs-tabs" role="tablist" aria-label="Logs views" onKeyDown={onKeyDown}>
      {tabs.map(([key, label]) => (
        <button
          key={key}
          id={`logs-tab-${key}`}
          type="button"
          role="tab"
          class="logs-tab"
          aria-selected={tab === key}
          aria-controls="logs-panel"
          tabIndex={tab === key ? 0 : -1}
          onClick={() => onTab(key)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/** Starting points when no query is set: one selector per app that has lines. */
function Starters({ onPick }: { onPick: (query: string) => void }): JSX.Element {
  const apps = useApi<{ values: string[] }>('/logs/labels/app/values');
  const values = apps.data?.values ?? [];
  return (
    <div class="card logs-start">
      <p>
        Write a LogQL query above, for example <code class="mono">{'{app="shop"} |= "error"'}</code>, and
        press <kbd>Ctrl</kbd>+<kbd>Enter</kbd>.
      </p>
      {values.length > 0 ? (
        <>
          <p class="muted">Or start with the lines of an app:</p>
          <ul class="chips">
            {values.slice(0, 30).map((app) => (
              <li key={app}>
                <button
                  type="button"
                  class="button button-small mono"
                  onClick={() => onPick(`{app=${quoted(app)}}`)}
                >
                  {`{app=${quoted(app)}}`}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/**
 * Logs (issue 7): LogQL with suggestions and in-place syntax errors, a time range kept in the URL, a
 * histogram of matching lines that zooms on click, a virtualised list of lines with expandable fields,
 * metric queries as series, live tail over SSE, and the patterns of an app.
 */
export function LogsPage(_props: PageProps): JSX.Element {
  const url = useQuery();
  const urlQuery = url.get('query') ?? '';
  const spec = rangeFromQuery(url);
  const limitParam = Number(url.get('limit'));
  const limit = (limits as readonly number[]).includes(limitParam) ? limitParam : defaultLimit;
  const direction = url.get('direction') === 'forward' ? 'forward' : 'backward';
  const tab: Tab = url.get('tab') === 'patterns' ? 'patterns' : 'query';
  const logQuery = urlQuery !== '' && isLogQuery(urlQuery);
  const live = url.get('live') === '1' && logQuery;

  const [draft, setDraft] = useState(urlQuery);
  const [generation, setGeneration] = useState(0);
  const [history, setHistory] = useState(loadHistory);
  useEffect(() => setDraft(urlQuery), [urlQuery]);

  const run: QueryRun | undefined =
    urlQuery && tab === 'query' && !live
      ? { query: urlQuery, spec, limit, direction, generation }
      : undefined;
  const { result, error, loading, histogram, loadMore, loadingMore, moreError } = useLogQuery(run);
  const tail = useLiveTail(live && tab === 'query' ? urlQuery : undefined);

  const remember = (query: string): void => {
    const next = pushHistory(history, query);
    setHistory(next);
    saveHistory(next);
  };
  const runQuery = (text: string): void => {
    const query = text.trim();
    if (!query) return;
    remember(query);
    if (query === urlQuery) setGeneration((g) => g + 1);
    if (query !== urlQuery || tab !== 'query') setQuery({ query, tab: null, spage: null }, { push: true });
  };
  const filterBy = (key: string, value: string): void =>
    runQuery(addLabelFilter(urlQuery || draft, key, value));
  const zoom = (startMs: number, endMs: number): void =>
    setQuery(rangeToQuery({ kind: 'absolute', startMs, endMs }), { push: true });
  const setRange = (next: RangeSpec): void => setQuery(rangeToQuery(next), { push: true });
  // A tail that the API refused (a 4xx) shows its error like a query's; a dropped connection only shows
  // as "reconnecting…".
  const shownError = live ? (tail.state === 'closed' ? tail.error : undefined) : error;

  return (
    <section class="page logs-page" aria-labelledby="page-title">
      <header class="page-header">
        <h1 id="page-title">Logs</h1>
        <Tabs tab={tab} onTab={(next) => setQuery({ tab: next === 'query' ? null : next }, { push: true })} />
      </header>
      <div id="logs-panel" role="tabpanel" aria-labelledby={`logs-tab-${tab}`} class="logs-panel">
        {tab === 'patterns' ? (
          <PatternsTab
            app={url.get('app') ?? appOfQuery(urlQuery)}
            spec={spec}
            onQuery={runQuery}
            rangePicker={<TimeRangePicker key={JSON.stringify(spec)} spec={spec} onChange={setRange} />}
          />
        ) : (
          <>
            <QueryEditor
              value={draft}
              onChange={setDraft}
              onRun={() => runQuery(draft)}
              error={shownError}
              position={errorPosition(shownError, urlQuery)}
              errorText={urlQuery}
            />
            <QueryToolbar
              spec={spec}
              onRange={setRange}
              limit={limit}
              onLimit={(n) => setQuery({ limit: n === defaultLimit ? null : n })}
              direction={direction}
              onDirection={(d) => setQuery({ direction: d === 'backward' ? null : d })}
              history={history}
              onHistory={setDraft}
              onClearHistory={() => {
                setHistory([]);
                saveHistory([]);
              }}
              live={live}
              liveBlocked={
                urlQuery && !logQuery
                  ? 'Live tail follows log queries, not metric queries.'
                  : !urlQuery
                    ? 'Run a log query first.'
                    : undefined
              }
              liveNote={urlQuery !== ''}
              liveState={tail.state}
              onLive={(on) => setQuery({ live: on ? '1' : null })}
              running={loading}
              onRun={() => runQuery(draft)}
            />
            {!urlQuery ? <Starters onPick={runQuery} /> : null}
            {live ? (
              <div class="card log-results" data-testid="live-tail">
                <p class="log-summary muted" role="status">
                  <strong>{tail.received.toLocaleString()}</strong> new lines since tailing started
                  {tail.received > tailCap ? `, keeping the newest ${tailCap.toLocaleString()}` : ''}; newest
                  at the bottom.
                </p>
                {tail.lines.length === 0 ? (
                  <p class="empty">Waiting for new lines matching the query…</p>
                ) : null}
                <LogList lines={tail.lines} label="Live log lines" follow onFilter={filterBy} />
              </div>
            ) : (
              <>
                {histogram && urlQuery && !error ? (
                  <HistogramCard histogram={histogram} onZoom={zoom} />
                ) : null}
                {!error ? (
                  <QueryResults
                    result={result}
                    loading={loading}
                    direction={direction}
                    loadMore={loadMore}
                    loadingMore={loadingMore}
                    moreError={moreError}
                    onFilter={filterBy}
                  />
                ) : null}
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}
