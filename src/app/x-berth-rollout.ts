import type { IngressSpec, RolloutSpec, VerifySpec } from './app-spec.js';
import { composeError } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import { checkKeys, readMap, readStringList } from './read-collection.js';
import { loadCanary } from './x-berth-rollout-canary.js';
import { readBool, readDuration, readInt, readNumber } from './read-scalar.js';

const strict = { extensions: false } as const;
const hostPattern = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

export const defaultRollout: RolloutSpec = { progressDeadlineMs: 600_000, autoRollback: true };

/**
 * `x-berth.ingress: { host, drain }`: route the service's published ports through Berth's HTTP proxy,
 * which sends traffic only to ready replicas. `ingress: {}` (or `true`) turns it on with defaults.
 */
export function loadIngress(node: ComposeNode): IngressSpec {
  if (node.kind === 'scalar' && readBool(node)) return { hosts: [], drainMs: 2000 };
  const fields = checkKeys(
    readMap(node, 'Write ingress: { host: shop.example.com, drain: 2s }.'),
    ['host', 'drain'],
    strict,
  );
  const hostNode = fields.get('host');
  const hosts =
    hostNode === undefined ? [] : readStringList(hostNode, 'Write host as a name or a list of names.', true);
  for (const host of hosts) {
    if (!hostPattern.test(host)) {
      throw composeError(
        'BERTH_COMPOSE_INVALID',
        hostNode ?? node,
        `"${host}" is not a host name`,
        'Write a lowercase DNS name such as shop.example.com or *.example.com.',
      );
    }
  }
  const drain = fields.get('drain');
  return { hosts, drainMs: drain === undefined ? 2000 : readDuration(drain) };
}

/**
 * `x-berth.rollout: { progressDeadline, autoRollback, maxSurge, maxUnavailable, verify, strategy, steps }`.
 * `context.ingress` says whether the service has `x-berth.ingress`, which a canary needs.
 */
export function loadRollout(
  node: ComposeNode,
  context: { ingress: boolean } = { ingress: false },
): RolloutSpec {
  const fields = checkKeys(
    readMap(node, 'Write rollout: { progressDeadline: 5m, autoRollback: true }.'),
    ['progressDeadline', 'autoRollback', 'maxSurge', 'maxUnavailable', 'verify', 'strategy', 'steps'],
    strict,
  );
  const canary = loadCanary(fields.get('strategy'), fields.get('steps'), context);
  const deadline = fields.get('progressDeadline');
  const auto = fields.get('autoRollback');
  const surge = fields.get('maxSurge');
  const unavailable = fields.get('maxUnavailable');
  const verify = fields.get('verify');
  return {
    ...(canary === undefined ? {} : { canary }),
    ...(verify === undefined ? {} : { verify: loadVerify(verify) }),
    ...(surge === undefined ? {} : { maxSurge: readIntOrPercent(surge) }),
    ...(unavailable === undefined ? {} : { maxUnavailable: readIntOrPercent(unavailable) }),
    progressDeadlineMs:
      deadline === undefined
        ? defaultRollout.progressDeadlineMs
        : readDuration(deadline, { min: 1000, hint: 'Write a deadline of at least 1s, e.g. 5m.' }),
    autoRollback: auto === undefined ? defaultRollout.autoRollback : readBool(auto),
  };
}

/** A replica count (0, 2) or a percentage of the replicas ("25%"), as Kubernetes' IntOrString. */
function readIntOrPercent(node: ComposeNode): number | `${number}%` {
  const hint = 'Write a whole number of replicas (e.g. 1) or a percentage (e.g. "25%").';
  if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.endsWith('%')) {
    const percent = Number(node.value.slice(0, -1));
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
      throw composeError(
        'BERTH_COMPOSE_INVALID',
        node,
        `"${node.value}" is not a percentage from 0% to 100%`,
        hint,
      );
    }
    return `${percent}%`;
  }
  return readInt(node, { min: 0, hint });
}

/**
 * `rollout.verify: { window, interval, maxErrorRate, maxP99, maxErrorRateIncrease, maxP99Ratio,
 * failureLimit, minRequests }`: judged on the ingress access log of the new release's replicas (Flagger
 * analysis semantics); the relative limits compare with the previous release before the deploy.
 */
function loadVerify(node: ComposeNode): VerifySpec {
  const hint =
    'Write e.g. verify: { window: 1m, interval: 10s, maxErrorRate: 1, maxP99: 500ms, failureLimit: 2 }.';
  const f = checkKeys(
    readMap(node, hint),
    [
      'window',
      'interval',
      'maxErrorRate',
      'maxP99',
      'maxErrorRateIncrease',
      'maxP99Ratio',
      'failureLimit',
      'minRequests',
    ],
    strict,
  );
  const get = <T>(key: string, read: (n: ComposeNode) => T): T | undefined => {
    const value = f.get(key);
    return value === undefined ? undefined : read(value);
  };
  const percent = (n: ComposeNode): number =>
    readNumber(n, { min: 0, max: 100, hint: 'Write a percent from 0 to 100.' });
  const maxErrorRate = get('maxErrorRate', percent);
  const maxP99Ms = get('maxP99', (n) => readDuration(n));
  const maxErrorRateIncrease = get('maxErrorRateIncrease', percent);
  const maxP99Ratio = get('maxP99Ratio', (n) =>
    readNumber(n, { min: 1, hint: 'Write how many times slower the new p99 may be, e.g. 1.5.' }),
  );
  const limits = [maxErrorRate, maxP99Ms, maxErrorRateIncrease, maxP99Ratio];
  if (limits.every((limit) => limit === undefined)) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      node,
      'verify needs maxErrorRate, maxP99, maxErrorRateIncrease or maxP99Ratio',
      hint,
    );
  }
  return {
    windowMs: get('window', (n) => readDuration(n, { min: 1000, hint })) ?? 60_000,
    intervalMs: get('interval', (n) => readDuration(n, { min: 1000, hint })) ?? 10_000,
    ...(maxErrorRate === undefined ? {} : { maxErrorRate }),
    ...(maxP99Ms === undefined ? {} : { maxP99Ms }),
    ...(maxErrorRateIncrease === undefined ? {} : { maxErrorRateIncrease }),
    ...(maxP99Ratio === undefined ? {} : { maxP99Ratio }),
    failureLimit: get('failureLimit', (n) => readInt(n, { min: 1, hint })) ?? 1,
    minRequests: get('minRequests', (n) => readInt(n, { min: 1, hint })) ?? 10,
  };
}
