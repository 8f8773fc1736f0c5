import { LogqlSyntaxError, parseLogql } from '../logs/logql/index.js';
import type { AlertRuleSpec, AppLogsSpec } from './app-spec.js';
import { composeError } from './compose-error.js';
import type { ComposeNode, MapNode } from './compose-tree.js';
import { checkKeys, readMap, readSeq } from './read-collection.js';
import { readBytes, readDuration, readEnum, readString } from './read-scalar.js';

const strict = { extensions: false } as const;
const severities = ['info', 'warning', 'critical'] as const;

/**
 * The app-level `x-berth` block at the top of the Compose file: `logs` (retention of this app's logs
 * and metrics) and `alerts` (rules on LogQL metric queries). Strict like the service-level block.
 */
export function loadAppExtension(root: MapNode): { logs?: AppLogsSpec; alerts?: AlertRuleSpec[] } {
  const node = root.entries.find((e) => e.key === 'x-berth')?.node;
  if (node === undefined) return {};
  const fields = checkKeys(readMap(node, 'Write x-berth as a mapping.'), ['logs', 'alerts'], strict);
  const logs = fields.get('logs');
  const alerts = fields.get('alerts');
  return {
    ...(logs === undefined ? {} : { logs: loadLogs(logs) }),
    ...(alerts === undefined ? {} : { alerts: loadAlerts(alerts) }),
  };
}

function loadLogs(node: ComposeNode): AppLogsSpec {
  const fields = checkKeys(
    readMap(node, 'Write logs: { retention: 7d, maxSize: 500m }.'),
    ['retention', 'maxSize'],
    strict,
  );
  const retention = fields.get('retention');
  const maxSize = fields.get('maxSize');
  return {
    ...(retention === undefined ? {} : { retentionMs: readDuration(retention, { min: 60_000 }) }),
    ...(maxSize === undefined ? {} : { maxBytes: readBytes(maxSize) }),
  };
}

const alertKeys = ['name', 'expr', 'for', 'every', 'severity', 'webhook', 'summary'] as const;
const alertHint =
  'Write e.g. - { name: errors, expr: \'sum(count_over_time({service="web"} |= "ERROR" [1m])) > 5\', for: 1m, webhook: https://hooks.example.com/berth }.';

function loadAlerts(node: ComposeNode): AlertRuleSpec[] {
  const names = new Set<string>();
  return readSeq(node, alertHint).items.map((item) => {
    const fields = checkKeys(readMap(item, alertHint), alertKeys, strict);
    const required = (key: (typeof alertKeys)[number]): ComposeNode => {
      const value = fields.get(key);
      if (value === undefined)
        throw composeError('BERTH_COMPOSE_INVALID', item, `an alert needs "${key}"`, alertHint);
      return value;
    };
    const nameNode = required('name');
    const name = readString(nameNode);
    if (!/^[A-Za-z][A-Za-z0-9_.-]{0,62}$/.test(name)) {
      throw composeError(
        'BERTH_COMPOSE_INVALID',
        nameNode,
        `alert name "${name}" is not valid`,
        'Use letters, digits, ".", "_" and "-", starting with a letter.',
      );
    }
    if (names.has(name))
      throw composeError(
        'BERTH_COMPOSE_INVALID',
        nameNode,
        `alert "${name}" is defined twice`,
        'Give each alert its own name.',
      );
    names.add(name);
    const exprNode = required('expr');
    const expr = readString(exprNode);
    checkExpr(exprNode, expr);
    const forNode = fields.get('for');
    const everyNode = fields.get('every');
    const severity = fields.get('severity');
    const webhook = fields.get('webhook');
    const summary = fields.get('summary');
    return {
      name,
      expr,
      forMs: forNode === undefined ? 0 : readDuration(forNode),
      everyMs: everyNode === undefined ? 15_000 : readDuration(everyNode, { min: 1000 }),
      severity: severity === undefined ? 'warning' : readEnum(severity, severities),
      ...(webhook === undefined ? {} : { webhook: readWebhook(webhook) }),
      ...(summary === undefined ? {} : { summary: readString(summary) }),
    };
  });
}

/** The rule must be a LogQL metric query; a syntax error points into the expression. */
function checkExpr(node: ComposeNode, expr: string): void {
  try {
    const query = parseLogql(expr);
    if (query.kind === 'log_query') {
      throw composeError(
        'BERTH_COMPOSE_INVALID',
        node,
        'an alert expression must be a metric query, not a log query',
        'Wrap the selector in a range aggregation, e.g. sum(count_over_time({service="web"} |= "ERROR" [5m])) > 10.',
      );
    }
  } catch (error) {
    if (!(error instanceof LogqlSyntaxError)) throw error;
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      node,
      `invalid LogQL: ${error.message}`,
      'See docs/logs.md for the LogQL Berth understands.',
    );
  }
}

function readWebhook(node: ComposeNode): string {
  const text = readString(node);
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      node,
      `webhook "${text}" is not an http(s) URL`,
      'Write a full URL such as https://hooks.example.com/berth.',
    );
  }
  return url.toString();
}
