import type { ResourceSpec, RestartPolicySpec, UpdateConfigSpec } from './app-spec.js';
import { composeError, describe } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import { checkKeys, readMap } from './read-collection.js';
import { readBytes, readDuration, readEnum, readInt, readNumber, readString } from './read-scalar.js';

export interface LoadedDeploy {
  replicas: number;
  limits: ResourceSpec;
  reservations: ResourceSpec;
  restartPolicy?: RestartPolicySpec;
  updateConfig: UpdateConfigSpec;
}

const deployKeys = ['mode', 'replicas', 'resources', 'restart_policy', 'update_config'] as const;
const deployHints: Record<string, string> = {
  // deploy.labels label the Swarm service object, which Berth does not create; only container labels exist.
  labels: 'Put the labels under the service\'s own "labels:" key; deploy.labels are not supported.',
  placement: 'Berth places every replica on its one engine; remove placement.',
};
const mapHint = (path: string): string => `Write ${path} as a mapping.`;

/**
 * Swarm's defaults, except `failure_action`: Swarm pauses, Berth rolls back to the last verified release
 * (what it did before the failure policy existed, issue 3).
 */
export const defaultUpdateConfig: UpdateConfigSpec = {
  parallelism: 1,
  delayMs: 0,
  failureAction: 'rollback',
  monitorMs: 5000,
  maxFailureRatio: 0,
  order: 'stop-first',
};

/** `deploy` (Compose Deploy Specification) with Swarm's defaults for what is left out. */
export function loadDeploy(node: ComposeNode | undefined): LoadedDeploy {
  const loaded: LoadedDeploy = {
    replicas: 1,
    limits: {},
    reservations: {},
    updateConfig: defaultUpdateConfig,
  };
  if (node === undefined) return loaded;
  const fields = checkKeys(readMap(node, mapHint('deploy')), deployKeys, { hints: deployHints });
  const mode = fields.get('mode');
  if (mode !== undefined && readString(mode) !== 'replicated') {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      mode,
      `mode ${describe(mode)} is not supported`,
      'Berth runs replicated services only: remove mode (or write mode: replicated) and set deploy.replicas.',
    );
  }
  const replicas = fields.get('replicas');
  if (replicas !== undefined) loaded.replicas = readInt(replicas, { min: 0 });
  const resources = fields.get('resources');
  if (resources !== undefined) {
    const parts = checkKeys(readMap(resources, mapHint('resources')), ['limits', 'reservations']);
    const limits = parts.get('limits');
    const reservations = parts.get('reservations');
    if (limits !== undefined) loaded.limits = loadResources(limits, ['cpus', 'memory', 'pids']);
    if (reservations !== undefined) loaded.reservations = loadResources(reservations, ['cpus', 'memory']);
  }
  const restartPolicy = fields.get('restart_policy');
  if (restartPolicy !== undefined) loaded.restartPolicy = loadRestartPolicy(restartPolicy);
  const updateConfig = fields.get('update_config');
  if (updateConfig !== undefined) loaded.updateConfig = loadUpdateConfig(updateConfig);
  return loaded;
}

function loadResources(node: ComposeNode, keys: readonly string[]): ResourceSpec {
  const fields = checkKeys(readMap(node, mapHint('resources')), keys);
  const cpus = fields.get('cpus');
  const memory = fields.get('memory');
  const pids = fields.get('pids');
  return {
    ...(cpus === undefined
      ? {}
      : { cpus: readNumber(cpus, { min: 0, hint: 'Write a number of cores, e.g. "0.5" or 2.' }) }),
    ...(memory === undefined ? {} : { memoryBytes: readBytes(memory) }),
    ...(pids === undefined ? {} : { pids: readInt(pids, { min: 1 }) }),
  };
}

function loadRestartPolicy(node: ComposeNode): RestartPolicySpec {
  const keys = ['condition', 'delay', 'max_attempts', 'window'];
  const fields = checkKeys(readMap(node, mapHint('restart_policy')), keys);
  const condition = fields.get('condition');
  const delay = fields.get('delay');
  const maxAttempts = fields.get('max_attempts');
  const window = fields.get('window');
  return {
    condition: condition === undefined ? 'any' : readEnum(condition, ['none', 'on-failure', 'any']),
    ...(delay === undefined ? {} : { delayMs: readDuration(delay) }),
    ...(maxAttempts === undefined ? {} : { maxAttempts: readInt(maxAttempts, { min: 0 }) }),
    ...(window === undefined ? {} : { windowMs: readDuration(window) }),
  };
}

function loadUpdateConfig(node: ComposeNode): UpdateConfigSpec {
  const keys = ['parallelism', 'delay', 'failure_action', 'monitor', 'max_failure_ratio', 'order'];
  const fields = checkKeys(readMap(node, mapHint('update_config')), keys);
  const get = <T>(key: string, read: (n: ComposeNode) => T, fallback: T): T => {
    const value = fields.get(key);
    return value === undefined ? fallback : read(value);
  };
  const d = defaultUpdateConfig;
  return {
    parallelism: get('parallelism', (n) => readInt(n, { min: 0 }), d.parallelism),
    delayMs: get('delay', (n) => readDuration(n), d.delayMs),
    failureAction: get(
      'failure_action',
      (n) => readEnum(n, ['continue', 'rollback', 'pause']),
      d.failureAction,
    ),
    monitorMs: get('monitor', (n) => readDuration(n), d.monitorMs),
    maxFailureRatio: get('max_failure_ratio', (n) => readNumber(n, { min: 0, max: 1 }), d.maxFailureRatio),
    order: get('order', (n) => readEnum(n, ['stop-first', 'start-first']), d.order),
  };
}
