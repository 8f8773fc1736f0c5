import { asArray, asText } from '../plain-value.js';
import type { ComposeOffense, ServiceContext } from './service-check.js';
import { parseVolumeMount } from './volume-mount.js';

/** Container engine API sockets: whoever can write to one controls the host (CIS 5.32). */
const engineSocket = /(?:^|\/)(?:docker|podman|containerd|crio)\.sock$/;

/** Host directories that must not be mounted themselves (CIS 5.6 plus /var/run, /run and /root). */
const sensitiveDirectories = new Set([
  '/',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib64',
  '/proc',
  '/sys',
  '/usr',
  '/root',
  '/run',
  '/var/run',
  '/var/lib/docker',
]);

/** Trees where any path is sensitive: kernel interfaces, devices, runtime sockets, root's home, Docker's data. */
const sensitiveTrees = [
  '/boot/',
  '/dev/',
  '/proc/',
  '/sys/',
  '/root/',
  '/run/',
  '/var/run/',
  '/var/lib/docker/',
];

function isSensitive(hostPath: string): boolean {
  return sensitiveDirectories.has(hostPath) || sensitiveTrees.some((tree) => hostPath.startsWith(tree));
}

/** BC301-BC305: engine sockets, sensitive host paths, shared propagation and devices. */
export function mountChecks({ name, service, path }: ServiceContext): ComposeOffense[] {
  const offenses: ComposeOffense[] = [];
  asArray(service.volumes).forEach((entry, index) => {
    const mount = parseVolumeMount(entry);
    if (mount === undefined) return;
    const at = [...path, 'volumes', index];
    const { hostPath } = mount;
    if (hostPath !== undefined && engineSocket.test(hostPath)) {
      offenses.push({
        rule: 'BC301',
        path: at,
        message: `service "${name}" mounts the container engine socket "${hostPath}": it can start privileged containers on the host`,
      });
    } else if (hostPath !== undefined && isSensitive(hostPath)) {
      offenses.push({
        rule: mount.readOnly ? 'BC303' : 'BC302',
        path: at,
        message: `service "${name}" mounts host path "${hostPath}" ${mount.readOnly ? 'read-only' : 'read-write'}`,
      });
    }
    if (mount.propagation === 'shared' || mount.propagation === 'rshared') {
      offenses.push({
        rule: 'BC305',
        path: at,
        message: `service "${name}" mounts a volume with ${mount.propagation} propagation`,
      });
    }
  });
  asArray(service.devices).forEach((entry, index) => {
    const device = asText(entry) ?? JSON.stringify(entry);
    offenses.push({
      rule: 'BC304',
      path: [...path, 'devices', index],
      message: `service "${name}" maps host device "${device}"`,
    });
  });
  return offenses;
}
