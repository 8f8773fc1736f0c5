import { asArray, asText, isTrue } from '../plain-value.js';
import type { ComposeOffense, ServiceContext } from './service-check.js';
import { keyOrService } from './service-check.js';

/**
 * Capabilities that give a container root-equivalent power over the host or its network (beyond Docker's
 * default set); see capabilities(7) and the CIS Docker Benchmark 5.4 rationale.
 */
const dangerousCapabilities = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_BOOT',
  'SYS_TIME',
  'DAC_READ_SEARCH',
  'BPF',
  'PERFMON',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'LINUX_IMMUTABLE',
  'SYSLOG',
]);

/** Compose accepts `SYS_ADMIN`, `sys_admin` and `CAP_SYS_ADMIN` alike. */
export function normalizeCapability(value: unknown): string | undefined {
  const text = asText(value)?.trim().toUpperCase();
  if (text === undefined || text === '') return undefined;
  return text.startsWith('CAP_') ? text.slice(4) : text;
}

/** `no-new-privileges`, `no-new-privileges:true` or `no-new-privileges=true`. */
function isNoNewPrivileges(value: unknown): boolean {
  const text = asText(value)?.trim().toLowerCase();
  return (
    text === 'no-new-privileges' || text === 'no-new-privileges:true' || text === 'no-new-privileges=true'
  );
}

/** BC101-BC106: privileged mode, capabilities, no-new-privileges and the user the service runs as. */
export function privilegeChecks(context: ServiceContext): ComposeOffense[] {
  const { name, service, path } = context;
  const offenses: ComposeOffense[] = [];
  if (isTrue(service.privileged)) {
    offenses.push({
      rule: 'BC101',
      path: [...path, 'privileged'],
      message: `service "${name}" sets privileged: true, which gives it every capability and every host device`,
    });
  }
  asArray(service.cap_add).forEach((value, index) => {
    const capability = normalizeCapability(value);
    if (capability === undefined) return;
    const dangerous = dangerousCapabilities.has(capability);
    offenses.push({
      rule: dangerous ? 'BC102' : 'BC103',
      path: [...path, 'cap_add', index],
      message: `service "${name}" adds capability "${capability}"${dangerous ? ', which is close to root on the host' : ''}`,
    });
  });
  if (!asArray(service.cap_drop).some((value) => normalizeCapability(value) === 'ALL')) {
    offenses.push({
      rule: 'BC104',
      path: keyOrService(context, 'cap_drop'),
      message: `service "${name}" keeps Docker's default capabilities: cap_drop does not include ALL`,
    });
  }
  if (!asArray(service.security_opt).some(isNoNewPrivileges)) {
    offenses.push({
      rule: 'BC105',
      path: keyOrService(context, 'security_opt'),
      message: `service "${name}" does not set security_opt no-new-privileges:true`,
    });
  }
  offenses.push(...userCheck(context));
  return offenses;
}

function userCheck({ name, service, path }: ServiceContext): ComposeOffense[] {
  if (!('user' in service)) {
    return [
      {
        rule: 'BC106',
        path,
        message: `service "${name}" has no user: it runs as the image's USER, which is root unless the image sets another`,
      },
    ];
  }
  const user = asText(service.user)?.trim() ?? '';
  const account = user.split(':')[0] ?? '';
  if (account === '0' || account === 'root') {
    return [
      { rule: 'BC106', path: [...path, 'user'], message: `service "${name}" runs as user "${user}" (root)` },
    ];
  }
  return [];
}
