import type { CheckPodFn } from './check-result.js';
import {
  hostNamespacesV1Dot0,
  hostPortsV1Dot0,
  hostProbesAndHostLifecycleV1Dot34,
  windowsHostProcessV1Dot0,
} from './host-checks.js';
import {
  allowPrivilegeEscalationV1Dot25,
  allowPrivilegeEscalationV1Dot8,
  capabilitiesBaselineV1Dot0,
  capabilitiesRestrictedV1Dot22,
  capabilitiesRestrictedV1Dot25,
  privilegedV1Dot0,
} from './privilege-checks.js';
import { procMountBaselineV1Dot35, procMountStrict } from './proc-mount-checks.js';
import { appArmorProfileV1Dot0 } from './app-armor-checks.js';
import { seLinuxOptionsV1Dot0, seLinuxOptionsV1Dot31 } from './se-linux-checks.js';
import {
  seccompProfileBaselineV1Dot0,
  seccompProfileBaselineV1Dot19,
  seccompProfileRestrictedV1Dot19,
  seccompProfileRestrictedV1Dot25,
} from './seccomp-checks.js';
import {
  sysctlsV1Dot0,
  sysctlsV1Dot27,
  sysctlsV1Dot29,
  sysctlsV1Dot32,
  sysctlsV1Dot37,
} from './sysctl-checks.js';
import {
  runAsNonRootV1Dot0,
  runAsNonRootV1Dot35,
  runAsUserV1Dot23,
  runAsUserV1Dot35,
} from './user-checks.js';
import { hostPathVolumesV1Dot0, restrictedVolumesV1Dot0 } from './volume-checks.js';

export type PodSecurityLevel = 'baseline' | 'restricted';

/** Check IDs exactly as pod-security-admission names them (policy/check_*.go). */
export type PodSecurityCheckId =
  | 'windowsHostProcess'
  | 'hostNamespaces'
  | 'privileged'
  | 'capabilities_baseline'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'appArmorProfile'
  | 'seLinuxOptions'
  | 'procMount'
  | 'seccompProfile_baseline'
  | 'sysctls'
  | 'hostProbesAndHostLifecycle'
  | 'restrictedVolumes'
  | 'allowPrivilegeEscalation'
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'seccompProfile_restricted'
  | 'capabilities_restricted'
  | 'procMount_restricted';

interface VersionedCheck {
  /** First Kubernetes 1.x minor this implementation applies to; it holds until the next entry's. */
  minor: number;
  check: CheckPodFn;
  /** Baseline checks this restricted check replaces at the restricted level, from this version on. */
  overrides?: readonly PodSecurityCheckId[];
}

export interface PodSecurityCheck {
  id: PodSecurityCheckId;
  level: PodSecurityLevel;
  /** Sorted by `minor`, as the admission controller's registry requires. */
  versions: readonly VersionedCheck[];
}

/**
 * Every Pod Security Standards check with its versions, mirroring kubernetes/pod-security-admission
 * policy/check_*.go up to v1.37. The restricted level runs every baseline check except those a restricted
 * check overrides at that version (registry.go), plus the restricted checks.
 */
export const podSecurityChecks: readonly PodSecurityCheck[] = [
  { id: 'windowsHostProcess', level: 'baseline', versions: [{ minor: 0, check: windowsHostProcessV1Dot0 }] },
  { id: 'hostNamespaces', level: 'baseline', versions: [{ minor: 0, check: hostNamespacesV1Dot0 }] },
  { id: 'privileged', level: 'baseline', versions: [{ minor: 0, check: privilegedV1Dot0 }] },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    versions: [{ minor: 0, check: capabilitiesBaselineV1Dot0 }],
  },
  { id: 'hostPathVolumes', level: 'baseline', versions: [{ minor: 0, check: hostPathVolumesV1Dot0 }] },
  { id: 'hostPorts', level: 'baseline', versions: [{ minor: 0, check: hostPortsV1Dot0 }] },
  { id: 'appArmorProfile', level: 'baseline', versions: [{ minor: 0, check: appArmorProfileV1Dot0 }] },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    versions: [
      { minor: 0, check: seLinuxOptionsV1Dot0 },
      { minor: 31, check: seLinuxOptionsV1Dot31 },
    ],
  },
  {
    id: 'procMount',
    level: 'baseline',
    versions: [
      { minor: 0, check: procMountStrict },
      { minor: 35, check: procMountBaselineV1Dot35 },
    ],
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    versions: [
      { minor: 0, check: seccompProfileBaselineV1Dot0 },
      { minor: 19, check: seccompProfileBaselineV1Dot19 },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    versions: [
      { minor: 0, check: sysctlsV1Dot0 },
      { minor: 27, check: sysctlsV1Dot27 },
      { minor: 29, check: sysctlsV1Dot29 },
      { minor: 32, check: sysctlsV1Dot32 },
      { minor: 37, check: sysctlsV1Dot37 },
    ],
  },
  {
    id: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    versions: [{ minor: 34, check: hostProbesAndHostLifecycleV1Dot34 }],
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    versions: [{ minor: 0, check: restrictedVolumesV1Dot0, overrides: ['hostPathVolumes'] }],
  },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [
      { minor: 8, check: allowPrivilegeEscalationV1Dot8 },
      { minor: 25, check: allowPrivilegeEscalationV1Dot25 },
    ],
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    versions: [
      { minor: 0, check: runAsNonRootV1Dot0 },
      { minor: 35, check: runAsNonRootV1Dot35 },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    versions: [
      { minor: 23, check: runAsUserV1Dot23 },
      { minor: 35, check: runAsUserV1Dot35 },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [
      { minor: 19, check: seccompProfileRestrictedV1Dot19, overrides: ['seccompProfile_baseline'] },
      { minor: 25, check: seccompProfileRestrictedV1Dot25, overrides: ['seccompProfile_baseline'] },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [
      { minor: 22, check: capabilitiesRestrictedV1Dot22, overrides: ['capabilities_baseline'] },
      { minor: 25, check: capabilitiesRestrictedV1Dot25, overrides: ['capabilities_baseline'] },
    ],
  },
  {
    id: 'procMount_restricted',
    level: 'restricted',
    versions: [{ minor: 35, check: procMountStrict, overrides: ['procMount'] }],
  },
];

/** The checks that run for a level at a policy minor version, each with the implementation for that version. */
export function activeChecks(
  level: PodSecurityLevel,
  minor: number,
): { id: PodSecurityCheckId; check: CheckPodFn }[] {
  const atVersion = podSecurityChecks.flatMap((entry) => {
    const versioned = entry.versions.filter((version) => version.minor <= minor).at(-1);
    return versioned === undefined ? [] : [{ entry, versioned }];
  });
  const overridden = new Set(
    level === 'restricted' ? atVersion.flatMap(({ versioned }) => versioned.overrides ?? []) : [],
  );
  return atVersion
    .filter(
      ({ entry }) => (level === 'restricted' || entry.level === 'baseline') && !overridden.has(entry.id),
    )
    .map(({ entry, versioned }) => ({ id: entry.id, check: versioned.check }));
}
