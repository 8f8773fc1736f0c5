import type {
  AutoscaleConfig,
  IngressSpec,
  PrioritySpec,
  ProbeHandler,
  ProbeSpec,
  RolloutSpec,
  ServiceLogsSpec,
} from './app-spec.js';
import { loadAutoscale } from './x-berth-autoscale.js';
import { composeError } from './compose-error.js';
import type { ComposeNode, MapNode } from './compose-tree.js';
import { checkKeys, readMap, readStringList } from './read-collection.js';
import { loadIngress, loadRollout } from './x-berth-rollout.js';
import { readDuration, readEnum, readInt, readString } from './read-scalar.js';

const probeKeys = [
  'http',
  'tcp',
  'exec',
  'initialDelay',
  'period',
  'timeout',
  'successThreshold',
  'failureThreshold',
] as const;
const probeHint =
  'Give exactly one of http: { port, path }, tcp: { port } or exec: { command }, e.g. readiness: { http: { port: 8080, path: /healthz } }.';
const strict = { extensions: false } as const;

/**
 * Berth's own service extension `x-berth: { readiness, liveness }`: Kubernetes-style probes
 * (k8s.io/api/core/v1 Probe: defaults period 10s, timeout 1s, success 1, failure 3; liveness must have
 * successThreshold 1). Unlike Compose's `x-*` keys it is strict: unknown keys are errors.
 */
export function loadXBerth(node: ComposeNode): XBerth {
  const fields = checkKeys(
    readMap(node, 'Write x-berth as a mapping.'),
    ['readiness', 'liveness', 'ingress', 'rollout', 'autoscale', 'logs', 'priority', 'preemptionPolicy'],
    strict,
  );
  const priority = loadPriority(fields.get('priority'), fields.get('preemptionPolicy'));
  const logs = fields.get('logs');
  const readiness = fields.get('readiness');
  const liveness = fields.get('liveness');
  const ingress = fields.get('ingress');
  const hasIngress = ingress !== undefined && !(ingress.kind === 'scalar' && ingress.value === false);
  const rollout = fields.get('rollout');
  const autoscale = fields.get('autoscale');
  return {
    ...(logs === undefined ? {} : { logs: loadServiceLogs(logs) }),
    ...(autoscale === undefined ? {} : { autoscale: loadAutoscale(autoscale) }),
    ...(readiness === undefined ? {} : { readiness: loadProbe(readiness, 'readiness') }),
    ...(liveness === undefined ? {} : { liveness: loadProbe(liveness, 'liveness') }),
    ...(!hasIngress ? {} : { ingress: loadIngress(ingress) }),
    ...(rollout === undefined ? {} : { rollout: loadRollout(rollout, { ingress: hasIngress }) }),
    ...(priority === undefined ? {} : { priority }),
  };
}

/** Kubernetes' range for user priority classes (higher values are reserved for system-critical pods). */
const priorityRange = { min: -2_147_483_648, max: 1_000_000_000 } as const;

/**
 * `x-berth.priority` and `x-berth.preemptionPolicy`, the two PodSpec fields a Kubernetes PriorityClass
 * fills in (scheduling.k8s.io/v1: value, preemptionPolicy PreemptLowerPriority | Never).
 */
function loadPriority(
  value: ComposeNode | undefined,
  policy: ComposeNode | undefined,
): PrioritySpec | undefined {
  if (value === undefined && policy === undefined) return undefined;
  return {
    value:
      value === undefined
        ? 0
        : readInt(value, {
            ...priorityRange,
            hint: 'Write an integer priority from -2147483648 to 1000000000 (higher wins; the default is 0), e.g. priority: 1000.',
          }),
    preemptionPolicy:
      policy === undefined ? 'PreemptLowerPriority' : readEnum(policy, ['PreemptLowerPriority', 'Never']),
  };
}

const multilineHint =
  'Write logs: { multiline: stacktrace } (Java, Python, Node and Go traces) or logs: { multiline: { start: "^\\\\d{4}-" } } (a line matching start begins a new entry).';

/** `x-berth.logs`: how the collector groups this service's lines into entries. */
function loadServiceLogs(node: ComposeNode): ServiceLogsSpec {
  const fields = checkKeys(readMap(node, multilineHint), ['multiline'], strict);
  const multiline = fields.get('multiline');
  if (multiline === undefined) return {};
  if (multiline.kind === 'scalar') {
    return { multiline: readEnum(multiline, ['off', 'stacktrace'] as const) };
  }
  const start = checkKeys(readMap(multiline, multilineHint), ['start'], strict).get('start');
  if (start === undefined)
    throw composeError('BERTH_COMPOSE_INVALID', multiline, 'multiline needs "start"', multilineHint);
  const pattern = readString(start);
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      start,
      `"${pattern}" is not a valid regular expression (${(error as Error).message})`,
      multilineHint,
    );
  }
  return { multiline: { start: pattern } };
}

export interface XBerth {
  logs?: ServiceLogsSpec;
  readiness?: ProbeSpec;
  liveness?: ProbeSpec;
  ingress?: IngressSpec;
  rollout?: RolloutSpec;
  autoscale?: AutoscaleConfig;
  priority?: PrioritySpec;
}

function loadProbe(node: ComposeNode, kind: 'readiness' | 'liveness'): ProbeSpec {
  const map = readMap(node, probeHint);
  const fields = checkKeys(map, probeKeys, strict);
  const handlers = (['http', 'tcp', 'exec'] as const).filter((key) => fields.has(key));
  const [handlerKey] = handlers;
  if (handlers.length !== 1 || handlerKey === undefined) {
    const found = handlers.length === 0 ? 'none' : handlers.join(' and ');
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      map,
      `a probe needs exactly one of http, tcp, exec (found ${found})`,
      probeHint,
    );
  }
  const get = <T>(key: string, read: (n: ComposeNode) => T, fallback: T): T => {
    const value = fields.get(key);
    return value === undefined ? fallback : read(value);
  };
  const successThreshold = get('successThreshold', (n) => readInt(n, { min: 1 }), 1);
  if (kind === 'liveness' && successThreshold !== 1) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      fields.get('successThreshold') ?? map,
      `successThreshold must be 1 for a liveness probe, got ${successThreshold}`,
      'Remove successThreshold from the liveness probe (Kubernetes requires 1).',
    );
  }
  return {
    handler: loadHandler(handlerKey, fields.get(handlerKey) as ComposeNode),
    initialDelayMs: get('initialDelay', (n) => readDuration(n), 0),
    periodMs: get(
      'period',
      (n) => readDuration(n, { min: 1000, hint: 'Write a period of at least 1s.' }),
      10_000,
    ),
    timeoutMs: get(
      'timeout',
      (n) => readDuration(n, { min: 1000, hint: 'Write a timeout of at least 1s.' }),
      1000,
    ),
    successThreshold,
    failureThreshold: get('failureThreshold', (n) => readInt(n, { min: 1 }), 3),
  };
}

function loadHandler(type: 'http' | 'tcp' | 'exec', node: ComposeNode): ProbeHandler {
  const map: MapNode = readMap(node, probeHint);
  if (type === 'exec') {
    const command = checkKeys(map, ['command'], strict).get('command');
    if (command === undefined)
      throw composeError('BERTH_COMPOSE_INVALID', map, 'exec needs a "command"', probeHint);
    // The string form runs in a shell, like Kubernetes users write `sh -c "..."` by hand.
    if (command.kind === 'scalar') return { type, command: ['sh', '-c', readString(command)] };
    return { type, command: readStringList(command, 'Write command as a string or a list of strings.') };
  }
  const keys = type === 'http' ? ['port', 'path', 'scheme', 'headers'] : ['port'];
  const fields = checkKeys(map, keys, strict);
  const portNode = fields.get('port');
  if (portNode === undefined)
    throw composeError('BERTH_COMPOSE_INVALID', map, `${type} needs a "port"`, probeHint);
  const port = readInt(portNode, { min: 1, max: 65535 });
  if (type === 'tcp') return { type, port };
  const pathNode = fields.get('path');
  const path = pathNode === undefined ? '/' : readString(pathNode);
  if (pathNode !== undefined && !path.startsWith('/')) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      pathNode,
      `path "${path}" does not start with "/"`,
      'Write e.g. /healthz.',
    );
  }
  const scheme = fields.get('scheme');
  const headers = fields.get('headers');
  return {
    type,
    port,
    path,
    scheme: scheme === undefined ? 'http' : readEnum(scheme, ['http', 'https']),
    headers: Object.fromEntries(
      (headers === undefined ? [] : readMap(headers, 'Write headers as a mapping.').entries).map((e) => [
        e.key,
        readString(e.node),
      ]),
    ),
  };
}
