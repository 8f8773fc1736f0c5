import type { MisconfigRule } from '../misconfig-finding.js';
import type { PodSecurityCheckId } from './pod-security/index.js';

/**
 * The Kubernetes rule catalogue. IDs are `BK` + a group digit + a two-digit number and never change meaning:
 *
 * - `BK0xx` the manifest itself (not YAML, or a pod spec with wrongly typed fields),
 * - `BK1xx` Pod Security Standards, baseline level, one rule per pod-security-admission check,
 * - `BK2xx` Pod Security Standards, restricted level,
 * - `BK3xx` reliability advice (probes, resources, replicas, image tags), never part of a PSS verdict.
 *
 * `reference` is `PSS <check ID>` for the PSS rules; the check IDs are the admission controller's.
 */
export const kubernetesRules = [
  {
    id: 'BK001',
    severity: 'medium',
    title: 'Manifest is not valid',
    fix: 'Fix the YAML or the field type at the reported position; the workload was not checked.',
  },
  {
    id: 'BK101',
    severity: 'critical',
    title: 'Windows HostProcess container',
    reference: 'PSS windowsHostProcess',
    fix: 'Remove `windowsOptions.hostProcess: true`; HostProcess containers have full access to the Windows node.',
  },
  {
    id: 'BK102',
    severity: 'high',
    title: 'Pod shares host namespaces',
    reference: 'PSS hostNamespaces',
    fix: 'Remove `hostNetwork`, `hostPID` and `hostIPC` (or set them to false).',
  },
  {
    id: 'BK103',
    severity: 'critical',
    title: 'Privileged container',
    reference: 'PSS privileged',
    fix: 'Remove `securityContext.privileged: true`; add only the capabilities the container needs.',
  },
  {
    id: 'BK104',
    severity: 'high',
    title: 'Capability beyond the baseline set added',
    reference: 'PSS capabilities_baseline',
    fix: 'Remove the capability from `securityContext.capabilities.add` (NET_RAW and SYS_* are not allowed).',
  },
  {
    id: 'BK105',
    severity: 'high',
    title: 'hostPath volume',
    reference: 'PSS hostPathVolumes',
    fix: 'Replace the hostPath volume with a PersistentVolumeClaim, ConfigMap, Secret or emptyDir.',
  },
  {
    id: 'BK106',
    severity: 'medium',
    title: 'Host port used',
    reference: 'PSS hostPorts',
    fix: 'Remove `hostPort` and expose the container through a Service.',
  },
  {
    id: 'BK107',
    severity: 'high',
    title: 'AppArmor profile overridden',
    reference: 'PSS appArmorProfile',
    fix: 'Use AppArmor type `RuntimeDefault` or `Localhost` (annotations: `runtime/default` or `localhost/<profile>`).',
  },
  {
    id: 'BK108',
    severity: 'medium',
    title: 'Custom SELinux options',
    reference: 'PSS seLinuxOptions',
    fix: 'Leave `seLinuxOptions.user` and `.role` unset and use a container_* type.',
  },
  {
    id: 'BK109',
    severity: 'medium',
    title: 'Unmasked /proc',
    reference: 'PSS procMount',
    fix: 'Remove `securityContext.procMount` or set it to `Default` (or run the pod with `hostUsers: false`).',
  },
  {
    id: 'BK110',
    severity: 'high',
    title: 'Seccomp disabled',
    reference: 'PSS seccompProfile_baseline',
    fix: 'Set `seccompProfile.type` to `RuntimeDefault` or `Localhost`, never `Unconfined`.',
  },
  {
    id: 'BK111',
    severity: 'medium',
    title: 'Unsafe sysctl',
    reference: 'PSS sysctls',
    fix: 'Remove the sysctl; only the namespaced safe sysctls are allowed.',
  },
  {
    id: 'BK112',
    severity: 'medium',
    title: 'Probe or lifecycle handler targets another host',
    reference: 'PSS hostProbesAndHostLifecycle',
    fix: 'Remove `host` from the probe or lifecycle handler so the kubelet checks the pod itself.',
  },
  {
    id: 'BK201',
    severity: 'medium',
    title: 'Restricted volume type',
    reference: 'PSS restrictedVolumes',
    fix: 'Use configMap, secret, emptyDir, projected, downwardAPI, csi, ephemeral, image or persistentVolumeClaim volumes.',
  },
  {
    id: 'BK202',
    severity: 'medium',
    title: 'Privilege escalation allowed',
    reference: 'PSS allowPrivilegeEscalation',
    fix: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
  },
  {
    id: 'BK203',
    severity: 'medium',
    title: 'Container may run as root',
    reference: 'PSS runAsNonRoot',
    fix: 'Set `securityContext.runAsNonRoot: true` on the pod (or on every container).',
  },
  {
    id: 'BK204',
    severity: 'medium',
    title: 'Container runs as UID 0',
    reference: 'PSS runAsUser',
    fix: 'Set `runAsUser` to a non-zero UID or leave it unset.',
  },
  {
    id: 'BK205',
    severity: 'medium',
    title: 'Seccomp profile not set',
    reference: 'PSS seccompProfile_restricted',
    fix: 'Set `spec.securityContext.seccompProfile.type: RuntimeDefault` on the pod.',
  },
  {
    id: 'BK206',
    severity: 'medium',
    title: 'Capabilities not dropped',
    reference: 'PSS capabilities_restricted',
    fix: 'Set `securityContext.capabilities.drop: ["ALL"]` and add at most NET_BIND_SERVICE.',
  },
  {
    id: 'BK207',
    severity: 'medium',
    title: 'Unmasked /proc',
    reference: 'PSS procMount_restricted',
    fix: 'Remove `securityContext.procMount` or set it to `Default`.',
  },
  {
    id: 'BK301',
    severity: 'low',
    title: 'No liveness probe',
    fix: 'Add a `livenessProbe` so a hung container is restarted.',
  },
  {
    id: 'BK302',
    severity: 'low',
    title: 'No readiness probe',
    fix: 'Add a `readinessProbe` so traffic only reaches ready pods.',
  },
  {
    id: 'BK303',
    severity: 'low',
    title: 'No resource requests',
    fix: 'Set `resources.requests.cpu` and `resources.requests.memory` so the scheduler can place the pod.',
  },
  {
    id: 'BK304',
    severity: 'low',
    title: 'No memory limit',
    fix: 'Set `resources.limits.memory` so one container cannot exhaust the node.',
  },
  {
    id: 'BK305',
    severity: 'info',
    title: 'Single replica',
    fix: 'Run at least 2 replicas (and a PodDisruptionBudget) so a node drain does not stop the service.',
  },
  {
    id: 'BK306',
    severity: 'low',
    title: 'Image tag is mutable',
    fix: 'Pin the image to a version tag or, better, a digest (`image@sha256:…`).',
  },
  {
    id: 'BK307',
    severity: 'info',
    title: 'imagePullPolicy is not Always',
    fix: 'Set `imagePullPolicy: Always` so every start checks the registry and the pull secret (or pin a digest).',
  },
] as const satisfies readonly MisconfigRule[];

export type KubernetesRuleId = (typeof kubernetesRules)[number]['id'];

/** The rule that reports each Pod Security Standards check. */
export const podSecurityRuleIds = {
  windowsHostProcess: 'BK101',
  hostNamespaces: 'BK102',
  privileged: 'BK103',
  capabilities_baseline: 'BK104',
  hostPathVolumes: 'BK105',
  hostPorts: 'BK106',
  appArmorProfile: 'BK107',
  seLinuxOptions: 'BK108',
  procMount: 'BK109',
  seccompProfile_baseline: 'BK110',
  sysctls: 'BK111',
  hostProbesAndHostLifecycle: 'BK112',
  restrictedVolumes: 'BK201',
  allowPrivilegeEscalation: 'BK202',
  runAsNonRoot: 'BK203',
  runAsUser: 'BK204',
  seccompProfile_restricted: 'BK205',
  capabilities_restricted: 'BK206',
  procMount_restricted: 'BK207',
} as const satisfies Record<PodSecurityCheckId, KubernetesRuleId>;
