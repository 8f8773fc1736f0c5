import {
  allowed,
  forbidden,
  type CheckPodFn,
  type CheckResult,
  type FieldViolation,
  type PodView,
} from './check-result.js';

/** The namespaced "safe" sysctls, by the policy version that first allowed them (check_sysctls.go). */
const safeSysctlsV1Dot0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const safeSysctlsV1Dot27 = [...safeSysctlsV1Dot0, 'net.ipv4.ip_local_reserved_ports'];
const safeSysctlsV1Dot29 = [
  ...safeSysctlsV1Dot27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const safeSysctlsV1Dot32 = [...safeSysctlsV1Dot29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const safeSysctlsV1Dot37 = [
  ...safeSysctlsV1Dot32,
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
];

function sysctls(safe: readonly string[]): CheckPodFn {
  const allowedNames = new Set(safe);
  return ({ spec }: PodView): CheckResult => {
    const bad: string[] = [];
    const fields: FieldViolation[] = [];
    (spec.securityContext?.sysctls ?? []).forEach((sysctl, index) => {
      if (allowedNames.has(sysctl.name)) return;
      bad.push(sysctl.name);
      fields.push({
        path: ['spec', 'securityContext', 'sysctls', index],
        message: `pod must not set sysctl "${sysctl.name}"`,
      });
    });
    if (bad.length === 0) return allowed;
    return forbidden('forbidden sysctls', bad.join(', '), fields);
  };
}

/** sysctls (baseline): only the safe set of the policy version. */
export const sysctlsV1Dot0 = sysctls(safeSysctlsV1Dot0);
export const sysctlsV1Dot27 = sysctls(safeSysctlsV1Dot27);
export const sysctlsV1Dot29 = sysctls(safeSysctlsV1Dot29);
export const sysctlsV1Dot32 = sysctls(safeSysctlsV1Dot32);
export const sysctlsV1Dot37 = sysctls(safeSysctlsV1Dot37);
