import { asText } from '../plain-value.js';
import type { ComposeRuleId } from './compose-rules.js';
import type { ComposeOffense, ServiceContext } from './service-check.js';

/** Service keys whose value `host` joins a host namespace, and the rule each breaks. */
const hostNamespaceKeys = [
  ['network_mode', 'BC201', 'network'],
  ['pid', 'BC202', 'process'],
  ['ipc', 'BC203', 'IPC'],
  ['uts', 'BC204', 'UTS'],
  ['userns_mode', 'BC205', 'user'],
] as const satisfies readonly (readonly [string, ComposeRuleId, string])[];

/** BC201-BC205: `network_mode`, `pid`, `ipc`, `uts` or `userns_mode` set to `host`. */
export function namespaceChecks({ name, service, path }: ServiceContext): ComposeOffense[] {
  const offenses: ComposeOffense[] = [];
  for (const [key, rule, namespace] of hostNamespaceKeys) {
    if (asText(service[key])?.trim().toLowerCase() !== 'host') continue;
    offenses.push({
      rule,
      path: [...path, key],
      message: `service "${name}" sets ${key}: host and shares the host's ${namespace} namespace`,
    });
  }
  return offenses;
}
