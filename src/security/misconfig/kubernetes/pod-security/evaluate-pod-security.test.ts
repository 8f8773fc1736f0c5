import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../../errors/index.js';
import { evaluatePodSecurity } from './evaluate-pod-security.js';
import type { PodSecurityCheckId, PodSecurityLevel } from './pod-security-checks.js';
import type { Container, PodMetadata, PodSpec } from './pod-spec.js';

/** A container that meets the restricted level. */
const hardenedContainer: Container = {
  name: 'app',
  image: 'registry.k8s.io/pause',
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
};

/** A pod that meets the restricted level at every version. */
const hardenedPod: PodSpec = {
  containers: [hardenedContainer],
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
};

function withContainer(securityContext: Container['securityContext'], pod: Partial<PodSpec> = {}): PodSpec {
  return {
    ...hardenedPod,
    ...pod,
    containers: [
      { ...hardenedContainer, securityContext: { ...hardenedContainer.securityContext, ...securityContext } },
    ],
  };
}

const deniedBy = (
  spec: PodSpec,
  level: PodSecurityLevel,
  version: string,
  metadata?: PodMetadata,
): string[] =>
  evaluatePodSecurity(spec, level, version, metadata).violations.map((violation) => violation.check);

describe('evaluatePodSecurity', () => {
  it.each(['v1.0', 'v1.22', 'v1.30', 'latest'])('allows a hardened pod at restricted %s', (version) => {
    expect(evaluatePodSecurity(hardenedPod, 'restricted', version)).toEqual({
      allowed: true,
      violations: [],
    });
  });

  it('names the check, the reason and the offending fields', () => {
    const spec = withContainer({ privileged: true });
    expect(evaluatePodSecurity(spec, 'baseline')).toEqual({
      allowed: false,
      violations: [
        {
          check: 'privileged',
          message: 'privileged (container "app" must not set securityContext.privileged=true)',
          fields: [
            {
              path: ['spec', 'containers', 0, 'securityContext', 'privileged'],
              message: 'container "app" must not set securityContext.privileged=true',
            },
          ],
        },
      ],
    });
  });

  it('runs only baseline checks at the baseline level', () => {
    expect(deniedBy({ containers: [{ name: 'app' }] }, 'baseline', 'latest')).toEqual([]);
    expect(deniedBy({ containers: [{ name: 'app' }] }, 'restricted', 'latest')).toEqual([
      'allowPrivilegeEscalation',
      'runAsNonRoot',
      'seccompProfile_restricted',
      'capabilities_restricted',
    ]);
  });

  it('visits init and ephemeral containers too', () => {
    const spec: PodSpec = {
      containers: [{ name: 'app' }],
      initContainers: [{ name: 'init', securityContext: { privileged: true } }],
      ephemeralContainers: [{ name: 'debug', ports: [{ hostPort: 80 }] }],
    };
    expect(deniedBy(spec, 'baseline', 'latest')).toEqual(['privileged', 'hostPorts']);
  });

  // Each row: pod, level, version where it is allowed, version where it is denied, the denying check.
  it.each<[string, PodSpec, PodSecurityLevel, string, string, PodSecurityCheckId]>([
    [
      'tcp_keepalive_time becomes a safe sysctl in 1.29',
      {
        ...hardenedPod,
        securityContext: { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }] },
      },
      'baseline',
      'v1.29',
      'v1.28',
      'sysctls',
    ],
    [
      'ip_local_reserved_ports becomes a safe sysctl in 1.27',
      {
        ...hardenedPod,
        securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports', value: '' }] },
      },
      'baseline',
      'v1.27',
      'v1.26',
      'sysctls',
    ],
    [
      'tcp_rmem becomes a safe sysctl in 1.32',
      {
        ...hardenedPod,
        securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }] },
      },
      'baseline',
      'v1.32',
      'v1.31',
      'sysctls',
    ],
    [
      'tcp_notsent_lowat becomes a safe sysctl in 1.37',
      {
        ...hardenedPod,
        securityContext: { sysctls: [{ name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }] },
      },
      'baseline',
      'latest',
      'v1.36',
      'sysctls',
    ],
    [
      'container_engine_t becomes an allowed SELinux type in 1.31',
      withContainer({ seLinuxOptions: { type: 'container_engine_t' } }),
      'baseline',
      'v1.31',
      'v1.30',
      'seLinuxOptions',
    ],
    [
      'an unmasked /proc is allowed in a user namespace from 1.35',
      withContainer({ procMount: 'Unmasked' }, { hostUsers: false }),
      'baseline',
      'v1.35',
      'v1.34',
      'procMount',
    ],
    [
      'runAsUser: 0 is denied from 1.23',
      withContainer({ runAsUser: 0 }),
      'restricted',
      'v1.22',
      'v1.23',
      'runAsUser',
    ],
    [
      'runAsUser: 0 is allowed in a user namespace from 1.35',
      withContainer({ runAsUser: 0 }, { hostUsers: false }),
      'restricted',
      'v1.35',
      'v1.34',
      'runAsUser',
    ],
    [
      'runAsNonRoot may be unset in a user namespace from 1.35',
      {
        containers: [hardenedContainer],
        hostUsers: false,
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      },
      'restricted',
      'v1.35',
      'v1.34',
      'runAsNonRoot',
    ],
    [
      'dropping ALL capabilities is required from 1.22',
      withContainer({ capabilities: {} }),
      'restricted',
      'v1.21',
      'v1.22',
      'capabilities_restricted',
    ],
    [
      'Windows pods are exempt from the Linux-only restricted checks from 1.25',
      { os: { name: 'windows' }, containers: [{ name: 'app' }], securityContext: { runAsNonRoot: true } },
      'restricted',
      'v1.25',
      'v1.24',
      'allowPrivilegeEscalation',
    ],
    [
      'probe hosts are denied from 1.34',
      {
        ...hardenedPod,
        containers: [{ ...hardenedContainer, livenessProbe: { httpGet: { host: '10.0.0.1' } } }],
      },
      'baseline',
      'v1.33',
      'v1.34',
      'hostProbesAndHostLifecycle',
    ],
    [
      'allowPrivilegeEscalation is required from 1.8',
      { containers: [{ name: 'app' }], securityContext: { runAsNonRoot: true } },
      'restricted',
      'v1.7',
      'v1.8',
      'allowPrivilegeEscalation',
    ],
    [
      'a seccomp profile is required from 1.19',
      withContainer({}, { securityContext: { runAsNonRoot: true } }),
      'restricted',
      'v1.18',
      'v1.19',
      'seccompProfile_restricted',
    ],
  ])('%s', (_title, spec, level, allowedAt, deniedAt, check) => {
    expect(deniedBy(spec, level, allowedAt)).toEqual([]);
    expect(deniedBy(spec, level, deniedAt)).toContain(check);
  });

  it('checks the seccomp alpha annotations before 1.19 and the field from 1.19', () => {
    const metadata = { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } };
    const spec = withContainer({ seccompProfile: { type: 'Unconfined' } });
    expect(deniedBy(spec, 'baseline', 'v1.18', metadata)).toEqual(['seccompProfile_baseline']);
    expect(deniedBy({ containers: [{ name: 'app' }] }, 'baseline', 'v1.19', metadata)).toEqual([]);
    expect(deniedBy(spec, 'baseline', 'v1.19', metadata)).toEqual(['seccompProfile_baseline']);
  });

  it('keeps capabilities_baseline at the restricted level before capabilities_restricted exists', () => {
    const spec = withContainer({ capabilities: { add: ['NET_RAW'] } });
    expect(deniedBy(spec, 'restricted', 'v1.21')).toEqual(['capabilities_baseline']);
    expect(deniedBy(spec, 'restricted', 'v1.22')).toEqual(['capabilities_restricted']);
  });

  it('denies AppArmor Unconfined set through the securityContext field', () => {
    const spec = withContainer({ appArmorProfile: { type: 'Unconfined' } });
    const [violation] = evaluatePodSecurity(spec, 'baseline').violations;
    expect(violation?.check).toBe('appArmorProfile');
    expect(violation?.message).toBe(
      'forbidden AppArmor profile (container "app" must not set AppArmor profile type to "Unconfined")',
    );
  });

  it('treats a version newer than every check like latest', () => {
    const spec = withContainer({ procMount: 'Unmasked' }, { hostUsers: false });
    expect(evaluatePodSecurity(spec, 'restricted', 'v1.99')).toEqual(
      evaluatePodSecurity(spec, 'restricted', 'latest'),
    );
  });

  it.each(['v2.0', '1.x', '', 'v1.025', 'next'])(
    'rejects the policy version %j with BERTH_CONFIG',
    (version) => {
      expect(() => evaluatePodSecurity(hardenedPod, 'baseline', version)).toThrow(BerthError);
      expect(() => evaluatePodSecurity(hardenedPod, 'baseline', version)).toThrow(/pod security version/);
    },
  );
});
