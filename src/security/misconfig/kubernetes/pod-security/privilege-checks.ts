import {
  allowed,
  containersPhrase,
  forbidden,
  joinQuote,
  sortedSet,
  type CheckResult,
  type FieldViolation,
  type PodView,
} from './check-result.js';
import { isWindowsPod, visitContainers } from './visit-containers.js';

/** privileged (baseline, 1.0+): `securityContext.privileged` must be unset or false. */
export function privilegedV1Dot0({ spec }: PodView): CheckResult {
  const bad: string[] = [];
  const fields: FieldViolation[] = [];
  for (const { container, name, path } of visitContainers(spec)) {
    if (container.securityContext?.privileged !== true) continue;
    bad.push(name);
    fields.push({
      path: [...path, 'securityContext', 'privileged'],
      message: `container "${name}" must not set securityContext.privileged=true`,
    });
  }
  if (bad.length === 0) return allowed;
  return forbidden(
    'privileged',
    `${containersPhrase(bad)} must not set securityContext.privileged=true`,
    fields,
  );
}

/** The capabilities baseline allows to add: Docker's historical default set minus NET_RAW (case-sensitive). */
const baselineCapabilities = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** capabilities_baseline (baseline, 1.0+): `capabilities.add` only from the default set. */
export function capabilitiesBaselineV1Dot0({ spec }: PodView): CheckResult {
  const bad: string[] = [];
  const added: string[] = [];
  const fields: FieldViolation[] = [];
  for (const { container, name, path } of visitContainers(spec)) {
    let valid = true;
    (container.securityContext?.capabilities?.add ?? []).forEach((capability, index) => {
      if (baselineCapabilities.has(capability)) return;
      valid = false;
      added.push(capability);
      fields.push({
        path: [...path, 'securityContext', 'capabilities', 'add', index],
        message: `container "${name}" must not add capability "${capability}"`,
      });
    });
    if (!valid) bad.push(name);
  }
  if (bad.length === 0) return allowed;
  return forbidden(
    'non-default capabilities',
    `${containersPhrase(bad)} must not include ${joinQuote(sortedSet(added))} in securityContext.capabilities.add`,
    fields,
  );
}

/**
 * capabilities_restricted (restricted, 1.22+): every container drops `ALL` and adds at most
 * `NET_BIND_SERVICE`. Replaces capabilities_baseline at the restricted level.
 */
export function capabilitiesRestrictedV1Dot22({ spec }: PodView): CheckResult {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const added: string[] = [];
  const fields: FieldViolation[] = [];
  for (const { container, name, path } of visitContainers(spec)) {
    const capabilities = container.securityContext?.capabilities;
    const capabilitiesPath = [...path, 'securityContext', 'capabilities'];
    if (!(capabilities?.drop ?? []).includes('ALL')) {
      missingDropAll.push(name);
      fields.push({
        path: [...capabilitiesPath, 'drop'],
        message: `container "${name}" must set securityContext.capabilities.drop=["ALL"]`,
      });
    }
    let addsForbidden = false;
    (capabilities?.add ?? []).forEach((capability, index) => {
      if (capability === 'NET_BIND_SERVICE') return;
      addsForbidden = true;
      added.push(capability);
      fields.push({
        path: [...capabilitiesPath, 'add', index],
        message: `container "${name}" must not add capability "${capability}" (only NET_BIND_SERVICE is allowed)`,
      });
    });
    if (addsForbidden) addingForbidden.push(name);
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) {
    details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  }
  if (addingForbidden.length > 0) {
    details.push(
      `${containersPhrase(addingForbidden)} must not include ${joinQuote(sortedSet(added))} in securityContext.capabilities.add`,
    );
  }
  if (details.length === 0) return allowed;
  return forbidden('unrestricted capabilities', details.join('; '), fields);
}

/** capabilities_restricted 1.25+: Windows pods (`spec.os.name: windows`) are exempt. */
export function capabilitiesRestrictedV1Dot25(pod: PodView): CheckResult {
  return isWindowsPod(pod.spec) ? allowed : capabilitiesRestrictedV1Dot22(pod);
}

/** allowPrivilegeEscalation (restricted, 1.8+): every container sets `allowPrivilegeEscalation: false`. */
export function allowPrivilegeEscalationV1Dot8({ spec }: PodView): CheckResult {
  const bad: string[] = [];
  const fields: FieldViolation[] = [];
  for (const { container, name, path } of visitContainers(spec)) {
    if (container.securityContext?.allowPrivilegeEscalation === false) continue;
    bad.push(name);
    fields.push({
      path: [...path, 'securityContext', 'allowPrivilegeEscalation'],
      message: `container "${name}" must set securityContext.allowPrivilegeEscalation=false`,
    });
  }
  if (bad.length === 0) return allowed;
  return forbidden(
    'allowPrivilegeEscalation != false',
    `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false`,
    fields,
  );
}

/** allowPrivilegeEscalation 1.25+: Windows pods are exempt. */
export function allowPrivilegeEscalationV1Dot25(pod: PodView): CheckResult {
  return isWindowsPod(pod.spec) ? allowed : allowPrivilegeEscalationV1Dot8(pod);
}
