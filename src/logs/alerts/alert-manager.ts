import type { Logger } from 'pino';
import type { AlertRuleSpec } from '../../app/index.js';
import { parseLogql, type MetricQuery } from '../logql/index.js';
import { executeMetricQuery, scopeQuery, type EntrySource } from '../query/index.js';
import { alertNotification, postWebhook } from './notify-webhook.js';
import { stepAlert, type ActiveAlert, type AlertTransition } from './step-alert.js';

export interface AlertManagerDeps {
  source: EntrySource;
  /** Every deployed app's alert rules (read again every few seconds, so a new release takes effect). */
  rules: () => { app: string; rules: readonly AlertRuleSpec[] }[];
  /** Records a firing or resolved alert as an app event (the API, dashboard and rollouts read them). */
  record: (app: string, kind: string, message: string, data: Record<string, unknown>) => void;
  logger: Logger;
  /** Where the notification links to (the daemon's URL). */
  externalUrl: string;
  now?: () => number;
  post?: typeof postWebhook;
}

/** A rule's state as the API shows it. */
export interface RuleStatus {
  name: string;
  expr: string;
  severity: AlertRuleSpec['severity'];
  forMs: number;
  state: 'inactive' | 'pending' | 'firing';
  active: ActiveAlert[];
  lastEvaluatedMs?: number;
  lastError?: string;
}

interface RuleLoop {
  app: string;
  spec: AlertRuleSpec;
  query: MetricQuery;
  timer: NodeJS.Timeout;
  active: Map<string, ActiveAlert>;
  running: boolean;
  lastEvaluatedMs?: number;
  lastError?: string;
}

/**
 * Evaluates every app's `x-berth.alerts` rules on their own interval against the log store, keeps
 * pending/firing state per series (Prometheus semantics), records transitions as events and calls the
 * rule's webhook. State lives in memory: after a daemon restart a still-true condition fires again
 * once its `for` has passed.
 */
export class AlertManager {
  readonly #deps: AlertManagerDeps;
  readonly #loops = new Map<string, RuleLoop>();
  #syncTimer: NodeJS.Timeout | undefined;

  constructor(deps: AlertManagerDeps) {
    this.#deps = deps;
  }

  start(syncEveryMs = 5000): void {
    this.sync();
    this.#syncTimer ??= setInterval(() => this.sync(), syncEveryMs);
    this.#syncTimer.unref();
  }

  stop(): void {
    clearInterval(this.#syncTimer);
    this.#syncTimer = undefined;
    for (const loop of this.#loops.values()) clearInterval(loop.timer);
    this.#loops.clear();
  }

  /** Starts loops for new or changed rules and stops those of removed rules or apps. */
  sync(): void {
    const wanted = new Map<string, { app: string; spec: AlertRuleSpec }>();
    for (const { app, rules } of this.#deps.rules()) {
      for (const spec of rules) wanted.set(`${app}/${spec.name}`, { app, spec });
    }
    for (const [key, loop] of this.#loops) {
      const next = wanted.get(key);
      if (next && JSON.stringify(next.spec) === JSON.stringify(loop.spec)) continue;
      clearInterval(loop.timer);
      this.#loops.delete(key);
    }
    for (const [key, { app, spec }] of wanted) {
      if (this.#loops.has(key)) continue;
      const query = scopeQuery(parseLogql(spec.expr) as MetricQuery, app);
      const loop: RuleLoop = {
        app,
        spec,
        query,
        active: new Map(),
        running: false,
        timer: setInterval(() => void this.evaluate(key), spec.everyMs),
      };
      loop.timer.unref();
      this.#loops.set(key, loop);
    }
  }

  status(app: string): RuleStatus[] {
    return [...this.#loops.values()]
      .filter((loop) => loop.app === app)
      .map((loop) => {
        const active = [...loop.active.values()];
        return {
          name: loop.spec.name,
          expr: loop.spec.expr,
          severity: loop.spec.severity,
          forMs: loop.spec.forMs,
          state: active.some((a) => a.state === 'firing')
            ? 'firing'
            : active.length > 0
              ? 'pending'
              : 'inactive',
          active,
          ...(loop.lastEvaluatedMs === undefined ? {} : { lastEvaluatedMs: loop.lastEvaluatedMs }),
          ...(loop.lastError === undefined ? {} : { lastError: loop.lastError }),
        };
      });
  }

  /** Runs one evaluation of a rule now (the interval timer calls this; tests may too). */
  async evaluate(key: string): Promise<AlertTransition[]> {
    const loop = this.#loops.get(key);
    if (!loop || loop.running) return [];
    loop.running = true;
    const now = (this.#deps.now ?? Date.now)();
    try {
      const result = await executeMetricQuery(this.#deps.source, loop.query, {
        startMs: now,
        endMs: now,
        stepMs: 1000,
      });
      const points = result.series.flatMap((s) => {
        const point = s.points.find(([t]) => t === now);
        return point ? [{ labels: s.labels, value: point[1] }] : [];
      });
      const step = stepAlert(loop.active, points, loop.spec.forMs, now);
      loop.active = step.active;
      loop.lastEvaluatedMs = now;
      delete loop.lastError;
      for (const transition of step.transitions) this.#announce(loop, transition);
      return step.transitions;
    } catch (error) {
      loop.lastError = error instanceof Error ? error.message : String(error);
      this.#deps.logger.warn({ err: error, app: loop.app, alert: loop.spec.name }, 'alert evaluation failed');
      return [];
    } finally {
      loop.running = false;
    }
  }

  #announce(loop: RuleLoop, transition: AlertTransition): void {
    const labels = Object.entries(transition.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    const message = `alert ${loop.spec.name} ${transition.kind}${labels ? ` {${labels}}` : ''} (value ${transition.value})`;
    this.#deps.record(loop.app, `alert.${transition.kind}`, message, {
      alert: loop.spec.name,
      severity: loop.spec.severity,
      labels: transition.labels,
      value: transition.value,
      activeSinceMs: transition.activeSinceMs,
    });
    const webhook = loop.spec.webhook;
    if (webhook === undefined) return;
    const body = alertNotification(
      { app: loop.app, rule: loop.spec, externalUrl: this.#deps.externalUrl },
      transition,
    );
    (this.#deps.post ?? postWebhook)(webhook, body).then(
      (status) =>
        this.#deps.logger.info({ app: loop.app, alert: loop.spec.name, status }, 'alert webhook called'),
      (error: unknown) =>
        this.#deps.logger.warn({ err: error, app: loop.app, alert: loop.spec.name }, 'alert webhook failed'),
    );
  }
}
