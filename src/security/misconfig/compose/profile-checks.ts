import { asArray, asText } from '../plain-value.js';
import type { ComposeOffense, ServiceContext } from './service-check.js';

/** Splits a `security_opt` entry; Docker accepts both `seccomp:unconfined` and `seccomp=unconfined`. */
function splitOption(value: unknown): [string, string] | undefined {
  const text = asText(value)?.trim();
  if (text === undefined) return undefined;
  const separator = text.search(/[:=]/);
  if (separator === -1) return [text.toLowerCase(), ''];
  return [
    text.slice(0, separator).toLowerCase(),
    text
      .slice(separator + 1)
      .trim()
      .toLowerCase(),
  ];
}

/** BC401-BC403: seccomp or AppArmor unconfined, SELinux labelling disabled. */
export function profileChecks({ name, service, path }: ServiceContext): ComposeOffense[] {
  const offenses: ComposeOffense[] = [];
  asArray(service.security_opt).forEach((entry, index) => {
    const option = splitOption(entry);
    if (option === undefined) return;
    const [key, value] = option;
    const at = [...path, 'security_opt', index];
    if (key === 'seccomp' && value === 'unconfined') {
      offenses.push({ rule: 'BC401', path: at, message: `service "${name}" runs without a seccomp profile` });
    } else if (key === 'apparmor' && value === 'unconfined') {
      offenses.push({
        rule: 'BC402',
        path: at,
        message: `service "${name}" runs without an AppArmor profile`,
      });
    } else if (key === 'label' && value === 'disable') {
      offenses.push({ rule: 'BC403', path: at, message: `service "${name}" disables SELinux labelling` });
    }
  });
  return offenses;
}
