import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AlertRuleSpec, AppLogsSpec } from '../../app/index.js';
import type { DockerEngine, ManagedContainer } from '../../engine/index.js';
import { BerthError } from '../../errors/index.js';
import { AlertManager, type RuleStatus } from '../alerts/index.js';
import type { Anomaly } from '../anomaly/index.js';
import { LogCollector, type CollectedEntry, type LogCollectorOptions } from '../collector/index.js';
import { parseLokiPush } from '../ingest/index.js';
import {
  compileRe2,
  LogqlSyntaxError,
  logQueryProcessor,
  parseLogql,
  matchesSelector,
  type LogqlQuery,
} from '../logql/index.js';
import {
  executeLogQuery,
  executeMetricQuery,
  scopeQuery,
  type LogQueryResult,
  type MetricQueryResult,
} from '../query/index.js';
import { LogStore, type LogStoreStats } from '../store/index.js';
import { LogExporter, type ExportTarget } from './log-exporter.js';
import { PatternFiles } from './pattern-files.js';
import { PatternTracker, type PatternView } from './pattern-tracker.js';

type Labels = Readonly<Record<string, string>>;

export interface LogServiceOptions {
  /** `$BERTH_HOME/logs`. */
  dir: string;
  engine: Pick<DockerEngine, 'logs'>;
  logger: Logger;
  /** Records anomalies and alerts as app events. */
  record: (app: string, kind: string, message: string, data: Record<string, unknown>) => void;
  /** Each deployed app's current log settings and alert rules. */
  apps: () => { app: string; logs?: AppLogsSpec; alerts?: readonly AlertRuleSpec[] }[];
  retentionMs: number;
  maxBytes: number;
  externalUrl: string;
  /** Log systems every entry is also forwarded to (`BERTH_LOGS_EXPORT`). */
  exportTargets?: readonly ExportTarget[];
  /** A service's multiline grouping (`x-berth.logs.multiline`). */
  multiline?: LogCollectorOptions['multiline'];
  /** Drops data of other stores with the same retention (container metrics). */
  onRetention?: (perApp: Map<string, number>, defaultBeforeMs: number) => void;
}

export interface QueryRequest {
  query: string;
  /** Restricts every selector to this app, or to this set of apps (a user scoped to some apps). */
  app?: string | readonly string[];
  startMs: number;
  endMs: number;
  limit: number;
  direction: 'forward' | 'backward';
  stepMs: number;
  signal?: AbortSignal;
}

export interface TailEntry {
  labels: Labels;
  timestampMs: number;
  line: string;
  metadata?: Readonly<Record<string, string>>;
}

/** Anomalies of one key are recorded at most this often (a noisy template is one event, not hundreds). */
const anomalyQuietMs = 10 * 60_000;

/**
 * The daemon's log pillar in one place: the store, collection from containers, Loki push, LogQL
 * queries and live tail, patterns and anomalies per app, alert rules, and retention.
 */
export class LogService {
  readonly store: LogStore;
  readonly collector: LogCollector;
  readonly alerts: AlertManager;
  readonly #options: LogServiceOptions;
  readonly #live = new EventEmitter();
  readonly #patterns: Map<string, PatternTracker>;
  readonly #patternFiles: PatternFiles;
  readonly #dirty = new Set<string>();
  readonly #lastAnomaly = new Map<string, number>();
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #exporter: LogExporter;

  private constructor(options: LogServiceOptions, store: LogStore) {
    this.#options = options;
    this.store = store;
    this.#live.setMaxListeners(0);
    this.#patternFiles = new PatternFiles(join(options.dir, 'patterns'), options.logger);
    this.#patterns = this.#patternFiles.loadAll();
    this.#exporter = new LogExporter(options.exportTargets ?? [], options.logger);
    this.collector = new LogCollector({
      engine: options.engine,
      sink: store,
      logger: options.logger,
      onEntry: (labels, entry) => this.#ingested(labels, entry),
      ...(options.multiline ? { multiline: options.multiline } : {}),
    });
    this.alerts = new AlertManager({
      source: store,
      rules: () => options.apps().map((a) => ({ app: a.app, rules: a.alerts ?? [] })),
      record: options.record,
      logger: options.logger,
      externalUrl: options.externalUrl,
    });
  }

  static async open(options: LogServiceOptions): Promise<LogService> {
    const store = await LogStore.open(options.dir, {
      compileRegex: (pattern) => {
        const re = compileRe2(pattern, { anchored: true });
        return (value) => re.test(value);
      },
      onError: (error) => options.logger.error({ err: error }, 'log store flush failed'),
    });
    return new LogService(options, store);
  }

  start(): void {
    this.alerts.start();
    const every = (ms: number, fn: () => void): void => {
      const timer = setInterval(fn, ms);
      timer.unref();
      this.#timers.push(timer);
    };
    every(10_000, () => this.#advanceDetectors(Date.now()));
    every(60_000, () => this.#savePatterns());
    every(60_000, () => void this.applyRetention(Date.now()));
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.alerts.stop();
    await this.collector.stop();
    await this.#exporter.close();
    this.#savePatterns();
    await this.store.close();
  }

  /** Container observer: the orchestrator calls this after each reconcile. */
  sync(app: string, observed: readonly ManagedContainer[]): void {
    this.collector.sync(app, observed);
  }

  /** Parses and runs a LogQL query (log or metric), scoped to `app` when given. */
  async query(request: QueryRequest): Promise<LogQueryResult | MetricQueryResult> {
    const parsed = parseQuery(request.query);
    const query = request.app === undefined ? parsed : scopeQuery(parsed, request.app);
    const signal = request.signal ? { signal: request.signal } : {};
    if (query.kind === 'log_query') {
      return executeLogQuery(this.store, query, {
        startMs: request.startMs,
        endMs: request.endMs,
        limit: request.limit,
        direction: request.direction,
        ...signal,
      });
    }
    return executeMetricQuery(this.store, query, {
      startMs: request.startMs,
      endMs: request.endMs,
      stepMs: request.stepMs,
      ...signal,
    });
  }

  /** Calls `onEntry` for every new entry whose stream matches the log query's selector (live tail). */
  tail(
    queryText: string,
    app: string | readonly string[] | undefined,
    onEntry: (entry: TailEntry) => void,
    signal: AbortSignal,
  ): void {
    const parsed = parseQuery(queryText);
    if (parsed.kind !== 'log_query') {
      throw new BerthError('BERTH_LOGQL', 'live tail needs a log query such as {app="shop"} |= "error"', {
        hint: 'Drop the metric function around the selector.',
      });
    }
    const query = app === undefined ? parsed : scopeQuery(parsed, app);
    // The whole query applies, not only its selector: `|= "error"` tails errors (issue 7, logs page).
    const process = logQueryProcessor(query);
    const listener = (entry: TailEntry): void => {
      if (!matchesSelector(query.selector, entry.labels)) return;
      const labels = entry.metadata ? { ...entry.metadata, ...entry.labels } : entry.labels;
      const result = process({ labels, timestampMs: entry.timestampMs, line: entry.line }, entry.labels);
      if (result) onEntry(result.line === entry.line ? entry : { ...entry, line: result.line });
    };
    this.#live.on('entry', listener);
    signal.addEventListener('abort', () => this.#live.off('entry', listener), { once: true });
  }

  /** Loki push API (JSON body): stores every stream; returns how many entries were accepted. */
  push(body: string): { streams: number; entries: number } {
    const streams = parseLokiPush(body);
    let entries = 0;
    for (const stream of streams) {
      const lines: CollectedEntry[] = stream.entries.map((e) => ({
        timestampMs: e.timestampMs,
        line: e.line,
        ...(e.metadata ? { metadata: e.metadata } : {}),
      }));
      this.store.append(stream.labels, lines);
      for (const line of lines) this.#ingested(stream.labels, line);
      entries += lines.length;
    }
    return { streams: streams.length, entries };
  }

  patterns(app: string, sinceMs: number, untilMs: number): PatternView[] {
    return this.#patterns.get(app)?.patterns(sinceMs, untilMs) ?? [];
  }

  alertStatus(app: string): RuleStatus[] {
    return this.alerts.status(app);
  }

  async delete(selectorText: string, startMs: number, endMs: number): Promise<{ entriesDeleted: number }> {
    const parsed = parseQuery(selectorText);
    if (parsed.kind !== 'log_query' || parsed.pipeline.length > 0) {
      throw new BerthError('BERTH_LOGQL', 'delete takes a stream selector only, such as {app="shop"}', {
        hint: 'Remove line filters and parsers; deletion works on whole streams within the time range.',
      });
    }
    const result = await this.store.delete({ selector: parsed.selector, startMs, endMs });
    return { entriesDeleted: result.entriesDeleted };
  }

  stats(): LogStoreStats {
    return this.store.stats();
  }

  /** Drops logs, patterns (and, through `onRetention`, metrics) older than each app's retention. */
  async applyRetention(nowMs: number): Promise<void> {
    const perApp: Record<string, { maxAgeMs?: number; maxBytes?: number }> = {};
    const cutoffs = new Map<string, number>();
    for (const { app, logs } of this.#options.apps()) {
      const maxAgeMs = logs?.retentionMs ?? this.#options.retentionMs;
      perApp[app] = { maxAgeMs, ...(logs?.maxBytes === undefined ? {} : { maxBytes: logs.maxBytes }) };
      cutoffs.set(app, nowMs - maxAgeMs);
    }
    try {
      await this.store.applyRetention({
        nowMs,
        maxAgeMs: this.#options.retentionMs,
        maxBytes: this.#options.maxBytes,
        perApp,
      });
      for (const [app, tracker] of this.#patterns) {
        tracker.dropBefore(cutoffs.get(app) ?? nowMs - this.#options.retentionMs);
      }
      this.#options.onRetention?.(cutoffs, nowMs - this.#options.retentionMs);
    } catch (error) {
      this.#options.logger.error({ err: error }, 'log retention failed');
    }
  }

  #ingested(labels: Labels, entry: CollectedEntry): void {
    const tail: TailEntry = { labels, timestampMs: entry.timestampMs, line: entry.line };
    if (entry.metadata) tail.metadata = entry.metadata;
    this.#live.emit('entry', tail);
    this.#exporter.add(labels, entry);
    const app = labels['app'];
    if (app === undefined) return;
    let tracker = this.#patterns.get(app);
    if (!tracker) {
      tracker = new PatternTracker();
      this.#patterns.set(app, tracker);
    }
    const release = labels['release'];
    if (release !== undefined && Number(release) > Number(tracker.releaseId ?? 0)) {
      tracker.release(release, entry.timestampMs);
    }
    const message = entry.metadata?.['msg'] ?? entry.metadata?.['message'] ?? entry.line;
    for (const anomaly of tracker.add(message, entry.timestampMs, entry.metadata?.['level'])) {
      this.#anomaly(app, anomaly);
    }
    this.#dirty.add(app);
  }

  #advanceDetectors(nowMs: number): void {
    for (const [app, tracker] of this.#patterns) {
      for (const anomaly of tracker.advance(nowMs)) this.#anomaly(app, anomaly);
    }
  }

  #anomaly(app: string, anomaly: Anomaly): void {
    const key = `${app}/${anomaly.kind}/${anomaly.key}`;
    const last = this.#lastAnomaly.get(key);
    if (last !== undefined && anomaly.atMs - last < anomalyQuietMs) return;
    this.#lastAnomaly.set(key, anomaly.atMs);
    this.#options.record(app, `anomaly.${anomaly.kind}`, anomaly.message, {
      key: anomaly.key,
      score: anomaly.score,
      atMs: anomaly.atMs,
      details: anomaly.details,
    });
  }

  #savePatterns(): void {
    for (const app of this.#dirty) {
      const tracker = this.#patterns.get(app);
      if (!tracker) continue;
      try {
        this.#patternFiles.save(app, tracker);
      } catch (error) {
        this.#options.logger.warn({ err: error, app }, 'saving patterns failed');
      }
    }
    this.#dirty.clear();
  }
}

/** Parses LogQL, turning syntax errors into BERTH_LOGQL with the position. */
export function parseQuery(text: string): LogqlQuery {
  try {
    return parseLogql(text);
  } catch (error) {
    if (error instanceof LogqlSyntaxError) {
      throw new BerthError('BERTH_LOGQL', `invalid LogQL: ${error.message}`, {
        hint: 'See docs/logs.md for the LogQL Berth understands.',
        details: { position: error.position, expected: error.expected, found: error.found },
        cause: error,
      });
    }
    throw error;
  }
}
