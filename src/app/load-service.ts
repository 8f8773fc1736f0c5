import type { ServiceSpec } from './app-spec.js';
import { composeError } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import { loadBuild } from './load-build.js';
import { loadCommand } from './load-command.js';
import type { LoadContext } from './load-context.js';
import { loadDependsOn, type LoadedDependencies } from './load-depends-on.js';
import { loadDeploy } from './load-deploy.js';
import { loadEnvironment } from './load-environment.js';
import { loadHealthcheck } from './load-healthcheck.js';
import { loadMounts } from './load-mounts.js';
import { loadPorts } from './load-ports.js';
import { loadServiceNetworks } from './load-service-networks.js';
import { loadRestart } from './load-restart.js';
import { checkKeys, readListOrDict, readMap, readSeq, readStringList } from './read-collection.js';
import { readBool, readDuration, readEnum, readString } from './read-scalar.js';
import { serviceKeys, unsupportedServiceKeyHints } from './service-keys.js';
import { loadXBerth } from './x-berth.js';
import { defaultRollout } from './x-berth-rollout.js';

export interface LoadedService {
  spec: ServiceSpec;
  dependencies: LoadedDependencies;
}

const listHint = 'Write a list of strings.';

/** One entry of `services`, validated key by key and normalised into a `ServiceSpec`. */
export function loadService(
  name: string,
  node: ComposeNode,
  services: ReadonlySet<string>,
  ctx: LoadContext,
): LoadedService {
  const map = readMap(node, 'Write the service as a mapping with at least `image:` or `build:`.');
  const f = checkKeys(map, serviceKeys, { hints: unsupportedServiceKeyHints });
  const optional = <T>(key: string, read: (n: ComposeNode) => T): T | undefined => {
    const value = f.get(key);
    return value === undefined ? undefined : read(value);
  };

  const build = optional('build', (n) => loadBuild(n, ctx));
  const image = optional('image', (n) => readString(n, 'Write an image reference, e.g. nginx:1.27.'));
  if (image === undefined && build === undefined) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      map,
      'the service has neither "image" nor "build"',
      'Add `image: <reference>` to run an existing image or `build: .` to build one.',
    );
  }
  const pullPolicy =
    optional('pull_policy', (n) => readEnum(n, ['always', 'never', 'missing', 'build', 'if_not_present'])) ??
    (image === undefined ? 'build' : 'missing');
  optional('expose', (n) => readSeq(n, 'Write expose as a list of container ports.'));

  const deploy = loadDeploy(f.get('deploy'));
  const ports = optional('ports', loadPorts) ?? [];
  const published = ports.find((p) => p.port.published !== undefined);
  const xBerth = optional('x-berth', loadXBerth) ?? {};
  if (
    xBerth.ingress !== undefined &&
    !ports.some((p) => p.port.published !== undefined && p.port.protocol === 'tcp')
  ) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      f.get('x-berth') ?? map,
      'x-berth.ingress needs a published TCP port to listen on',
      'Add e.g. `ports: ["8080:80"]`: the proxy listens on 8080 and sends requests to port 80 of the ready replicas.',
    );
  }
  if (published !== undefined && deploy.replicas > 1 && xBerth.ingress === undefined) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      published.node,
      `host port ${published.port.published} cannot be published by ${deploy.replicas} replicas`,
      'Route the port through Berth\'s proxy with `x-berth: { ingress: {} }`, or publish an ephemeral port (e.g. "80").',
    );
  }
  const restart = loadRestart(f.get('restart'), deploy.restartPolicy, ctx);
  const labels = optional('labels', (n) => readListOrDict(n, 'labels')) ?? [];
  const dependencies = loadDependsOn(f.get('depends_on'), services, ctx);
  const command = loadCommand(f.get('command'));
  const entrypoint = loadCommand(f.get('entrypoint'));
  const healthcheck = optional('healthcheck', loadHealthcheck);
  const user = optional('user', (n) => readString(n));
  const workingDir = optional('working_dir', (n) => readString(n));
  const stopSignal = optional('stop_signal', (n) => readString(n));
  const init = optional('init', readBool);
  const cpuset = optional('cpuset', (n) => readCpuset(n));

  const spec: ServiceSpec = {
    name,
    image: image ?? `${ctx.projectName}-${name}`.toLowerCase(),
    ...(build === undefined ? {} : { build }),
    pullPolicy: pullPolicy === 'if_not_present' ? 'missing' : pullPolicy,
    ...(command === undefined ? {} : { command }),
    ...(entrypoint === undefined ? {} : { entrypoint }),
    environment: loadEnvironment(f.get('environment'), f.get('env_file'), ctx),
    ports: ports.map((p) => p.port),
    mounts: loadMounts(f.get('volumes'), f.get('tmpfs'), ctx),
    networks: loadServiceNetworks(f.get('networks'), ctx),
    ...(healthcheck === undefined ? {} : { healthcheck }),
    dependsOn: dependencies.dependsOn,
    ...(user === undefined ? {} : { user }),
    ...(workingDir === undefined ? {} : { workingDir }),
    readOnly: optional('read_only', readBool) ?? false,
    capAdd: optional('cap_add', (n) => readStringList(n, listHint)) ?? [],
    capDrop: optional('cap_drop', (n) => readStringList(n, listHint)) ?? [],
    securityOpt: optional('security_opt', (n) => readStringList(n, listHint)) ?? [],
    labels: Object.fromEntries(labels.map((l) => [l.key, l.value ?? ''])),
    replicas: deploy.replicas,
    limits: deploy.limits,
    reservations: deploy.reservations,
    restartPolicy: restart,
    updateConfig: deploy.updateConfig,
    stopGracePeriodMs: optional('stop_grace_period', (n) => readDuration(n)) ?? 10_000,
    ...(stopSignal === undefined ? {} : { stopSignal }),
    ...(init === undefined ? {} : { init }),
    ...(cpuset === undefined ? {} : { cpuset }),
    probes: {
      ...(xBerth.readiness === undefined ? {} : { readiness: xBerth.readiness }),
      ...(xBerth.liveness === undefined ? {} : { liveness: xBerth.liveness }),
    },
    ...(xBerth.ingress === undefined ? {} : { ingress: xBerth.ingress }),
    rollout: xBerth.rollout ?? defaultRollout,
    ...(xBerth.autoscale === undefined ? {} : { autoscale: xBerth.autoscale }),
    ...(xBerth.logs === undefined ? {} : { logs: xBerth.logs }),
    ...(xBerth.priority === undefined ? {} : { priority: xBerth.priority }),
  };
  return { spec, dependencies };
}

/** Compose `cpuset`: CPUs the replicas may run on, e.g. "0-1" or "0,2" (Docker CpusetCpus). */
function readCpuset(node: ComposeNode): string {
  const value = readString(node, 'Write CPUs as a list or ranges, e.g. "0-1" or "0,2".');
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(value)) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      node,
      `cpuset "${value}" is not a CPU list`,
      'Write CPUs as a list or ranges, e.g. "0-1" or "0,2".',
    );
  }
  return value;
}
