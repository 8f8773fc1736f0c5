import type { LabelMatcher, LogqlQuery, MetricQuery, Stage } from '../logql/index.js';

/**
 * Restricts every stream selector of a query to one app (`app="<name>"` replaces any app matcher the
 * user wrote), so a query sent for an app can never read another app's streams. Given a list (a user
 * scoped to some apps), the user's own matchers stay and `app=~"a|b"` is added: the query can only
 * narrow that set, never widen it.
 */
export function scopeQuery<Q extends LogqlQuery>(query: Q, app: string | readonly string[]): Q {
  const scope = (selector: readonly LabelMatcher[]): LabelMatcher[] =>
    typeof app === 'string'
      ? [{ name: 'app', op: '=', value: app }, ...selector.filter((m) => m.name !== 'app')]
      : [...selector, appsMatcher(app)];
  const metric = (q: MetricQuery): MetricQuery => {
    switch (q.kind) {
      case 'range_aggregation':
        return { ...q, range: { ...q.range, selector: scope(q.range.selector) } };
      case 'vector_aggregation':
      case 'comparison':
        return { ...q, expr: metric(q.expr) };
    }
  };
  return (query.kind === 'log_query' ? { ...query, selector: scope(query.selector) } : metric(query)) as Q;
}

/**
 * Literals every matching line must contain: the `|=` filters before the first stage that rewrites the
 * line (`line_format`). Used to skip storage blocks; the pipeline still checks every line.
 */
export function requiredLiterals(pipeline: readonly Stage[]): string[] {
  const literals: string[] = [];
  for (const stage of pipeline) {
    if (stage.kind === 'line_format') break;
    if (stage.kind === 'line_filter' && stage.op === '|=' && stage.value !== '') literals.push(stage.value);
  }
  return literals;
}

/** The one log range a metric query reads (Berth's subset has no binary operations between queries). */
export function logRangeOf(query: MetricQuery): Extract<MetricQuery, { kind: 'range_aggregation' }>['range'] {
  return query.kind === 'range_aggregation' ? query.range : logRangeOf(query.expr);
}

/**
 * `app=~"a|b"` for a list of app names (escaped). An empty list matches no stream: `/` is never an app
 * name, and RE2 (LogQL's regex dialect) has no never-matching lookahead.
 */
export function appsMatcher(apps: readonly string[]): LabelMatcher {
  const escaped = apps.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { name: 'app', op: '=~', value: apps.length === 0 ? '/' : escaped.join('|') };
}
