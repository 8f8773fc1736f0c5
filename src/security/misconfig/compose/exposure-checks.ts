import { mutableImageTag } from '../image-reference.js';
import { asArray, asText, isRecord } from '../plain-value.js';
import { isInterpolated, isTrivialValue, looksLikeSecretName, maskSecret } from '../secret-env.js';
import type { ComposeOffense, ServiceContext } from './service-check.js';

const allInterfaces = new Set(['', '0.0.0.0', '::', '[::]']);

/**
 * The host address of a `ports:` entry; `''` when none is given. Short syntax is
 * `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` with IPv6 addresses in brackets (Compose spec, ports).
 */
export function portHostIp(entry: unknown): string | undefined {
  if (isRecord(entry)) return asText(entry.host_ip)?.trim() ?? '';
  const text = asText(entry)?.trim();
  if (text === undefined) return undefined;
  if (text.startsWith('[')) return text.slice(1, text.indexOf(']'));
  const parts = text.split(':');
  return parts.length >= 3 ? parts.slice(0, parts.length - 2).join(':') : '';
}

/** BC601-BC603: ports on every interface, mutable image tags and literal secrets in `environment`. */
export function exposureChecks(context: ServiceContext): ComposeOffense[] {
  return [...portChecks(context), ...imageChecks(context), ...environmentChecks(context)];
}

function portChecks({ name, service, path }: ServiceContext): ComposeOffense[] {
  // With network_mode: host, `ports` is ignored: the host-network rule already covers the exposure.
  if (asText(service.network_mode)?.trim() === 'host') return [];
  const offenses: ComposeOffense[] = [];
  asArray(service.ports).forEach((entry, index) => {
    const hostIp = portHostIp(entry);
    if (hostIp === undefined || !allInterfaces.has(hostIp)) return;
    const shown = asText(entry) ?? JSON.stringify(entry);
    offenses.push({
      rule: 'BC601',
      path: [...path, 'ports', index],
      message: `service "${name}" publishes port "${shown}" on all host interfaces`,
    });
  });
  return offenses;
}

function imageChecks({ name, service, path }: ServiceContext): ComposeOffense[] {
  const image = asText(service.image);
  if (image === undefined) return [];
  const problem = mutableImageTag(image);
  if (problem === undefined) return [];
  const why = problem === 'latest' ? 'the tag "latest"' : 'no tag, which means "latest"';
  return [
    {
      rule: 'BC602',
      path: [...path, 'image'],
      message: `service "${name}" uses image "${image}" with ${why}; each pull may run different code`,
    },
  ];
}

function environmentChecks({ name, service, path }: ServiceContext): ComposeOffense[] {
  const environment = service.environment;
  const entries: { key: string | number; variable: string; value: string | undefined }[] = [];
  if (isRecord(environment)) {
    for (const [variable, value] of Object.entries(environment)) {
      entries.push({ key: variable, variable, value: asText(value) });
    }
  } else {
    asArray(environment).forEach((item, index) => {
      const text = asText(item);
      if (text === undefined) return;
      const equals = text.indexOf('=');
      // `- NAME` without `=` takes the value from the host environment.
      if (equals === -1) return;
      entries.push({ key: index, variable: text.slice(0, equals).trim(), value: text.slice(equals + 1) });
    });
  }
  const offenses: ComposeOffense[] = [];
  for (const { key, variable, value } of entries) {
    if (value === undefined || !looksLikeSecretName(variable)) continue;
    if (isInterpolated(value) || isTrivialValue(value)) continue;
    offenses.push({
      rule: 'BC603',
      path: [...path, 'environment', key],
      message: `service "${name}" sets ${variable}="${maskSecret(value)}" as a literal value in the Compose file`,
    });
  }
  return offenses;
}
