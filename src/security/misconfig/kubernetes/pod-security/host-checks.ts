import type { FieldPath } from '../../field-path.js';
import {
  allowed,
  containersPhrase,
  forbidden,
  joinQuote,
  pluralize,
  sortedSet,
  type CheckResult,
  type FieldViolation,
  type PodView,
} from './check-result.js';
import type { Container } from './pod-spec.js';
import { visitContainers } from './visit-containers.js';

/** windowsHostProcess (baseline, 1.0+): no `windowsOptions.hostProcess: true` on the pod or a container. */
export function windowsHostProcessV1Dot0({ spec }: PodView): CheckResult {
  const setters: string[] = [];
  const fields: FieldViolation[] = [];
  if (spec.securityContext?.windowsOptions?.hostProcess === true) {
    setters.push('pod');
    fields.push({
      path: ['spec', 'securityContext', 'windowsOptions', 'hostProcess'],
      message: 'pod must not set securityContext.windowsOptions.hostProcess=true',
    });
  }
  const bad: string[] = [];
  for (const { container, name, path } of visitContainers(spec)) {
    if (container.securityContext?.windowsOptions?.hostProcess !== true) continue;
    bad.push(name);
    fields.push({
      path: [...path, 'securityContext', 'windowsOptions', 'hostProcess'],
      message: `container "${name}" must not set securityContext.windowsOptions.hostProcess=true`,
    });
  }
  if (bad.length > 0) setters.push(containersPhrase(bad));
  if (setters.length === 0) return allowed;
  return forbidden(
    'hostProcess',
    `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
    fields,
  );
}

/** hostNamespaces (baseline, 1.0+): `hostNetwork`, `hostPID` and `hostIPC` must not be true. */
export function hostNamespacesV1Dot0({ spec }: PodView): CheckResult {
  const set = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((key) => spec[key] === true);
  if (set.length === 0) return allowed;
  return forbidden(
    'host namespaces',
    set.map((key) => `${key}=true`).join(', '),
    set.map((key) => ({ path: ['spec', key], message: `pod must not set ${key}=true` })),
  );
}

/** hostPorts (baseline, 1.0+): `ports[*].hostPort` must be unset or 0. */
export function hostPortsV1Dot0({ spec }: PodView): CheckResult {
  const bad: string[] = [];
  const ports: string[] = [];
  const fields: FieldViolation[] = [];
  for (const { container, name, path } of visitContainers(spec)) {
    let valid = true;
    (container.ports ?? []).forEach((port, index) => {
      if (port.hostPort === undefined || port.hostPort === 0) return;
      valid = false;
      ports.push(String(port.hostPort));
      fields.push({
        path: [...path, 'ports', index, 'hostPort'],
        message: `container "${name}" must not use hostPort ${port.hostPort}`,
      });
    });
    if (!valid) bad.push(name);
  }
  if (bad.length === 0) return allowed;
  const distinct = sortedSet(ports);
  return forbidden(
    'hostPort',
    `${containersPhrase(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
    fields,
  );
}

type Handler = NonNullable<Container['livenessProbe']>;

const probeKeys = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const lifecycleKeys = ['postStart', 'preStop'] as const;
const handlerKinds = ['httpGet', 'tcpSocket'] as const;

/**
 * hostProbesAndHostLifecycle (baseline, 1.34+): probes and lifecycle handlers must not set `host`, which
 * would let the kubelet connect to an arbitrary address on the pod's behalf.
 */
export function hostProbesAndHostLifecycleV1Dot34({ spec }: PodView): CheckResult {
  const bad = new Set<string>();
  const hosts: string[] = [];
  const fields: FieldViolation[] = [];
  for (const { container, name, path } of visitContainers(spec)) {
    const handlers: [FieldPath, Handler | undefined][] = [
      ...probeKeys.map((key): [FieldPath, Handler | undefined] => [[...path, key], container[key]]),
      ...lifecycleKeys.map((key): [FieldPath, Handler | undefined] => [
        [...path, 'lifecycle', key],
        container.lifecycle?.[key],
      ]),
    ];
    for (const [at, handler] of handlers) {
      for (const kind of handlerKinds) {
        const host = handler?.[kind]?.host;
        if (host === undefined || host === '') continue;
        bad.add(name);
        hosts.push(host);
        fields.push({
          path: [...at, kind, 'host'],
          message: `container "${name}" must not set ${String(at.at(-1))}.${kind}.host ("${host}")`,
        });
      }
    }
  }
  if (bad.size === 0) return allowed;
  const names = sortedSet(bad);
  const distinct = sortedSet(hosts);
  return forbidden(
    'probe or lifecycle host',
    `${containersPhrase(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', distinct.length)} ${joinQuote(distinct)}`,
    fields,
  );
}
