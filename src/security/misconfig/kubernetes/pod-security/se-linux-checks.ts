import type { FieldPath } from '../../field-path.js';
import {
  allowed,
  forbidden,
  joinQuote,
  pluralize,
  sortedSet,
  type CheckResult,
  type FieldViolation,
  type PodView,
} from './check-result.js';
import { settersPhrase, who, type Setter } from './setters.js';
import { visitContainers } from './visit-containers.js';

const seLinuxTypesV1Dot0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const seLinuxTypesV1Dot31 = [...seLinuxTypesV1Dot0, 'container_engine_t'];

/**
 * seLinuxOptions (baseline): `type` only from the allowed set (+`container_engine_t` from 1.31); `user` and
 * `role` unset, on the pod and on every container.
 */
function seLinuxOptions(allowedTypes: readonly string[]): (pod: PodView) => CheckResult {
  return ({ spec }) => {
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const setters: Setter[] = [];
    const fields: FieldViolation[] = [];
    const inspect = (
      options: { type?: string; user?: string; role?: string } | undefined,
      container: string | undefined,
      path: FieldPath,
    ): void => {
      if (options === undefined) return;
      const setter = { container, path, value: options.type ?? '' };
      const before = fields.length;
      if (!allowedTypes.includes(options.type ?? '')) {
        badTypes.push(options.type ?? '');
        fields.push({
          path: [...path, 'type'],
          message: `${who(setter)} must not set seLinuxOptions.type "${options.type}"`,
        });
      }
      if ((options.user ?? '') !== '') {
        setUser = true;
        fields.push({ path: [...path, 'user'], message: `${who(setter)} must not set seLinuxOptions.user` });
      }
      if ((options.role ?? '') !== '') {
        setRole = true;
        fields.push({ path: [...path, 'role'], message: `${who(setter)} must not set seLinuxOptions.role` });
      }
      if (fields.length > before) setters.push(setter);
    };
    inspect(spec.securityContext?.seLinuxOptions, undefined, ['spec', 'securityContext', 'seLinuxOptions']);
    for (const { container, name, path } of visitContainers(spec)) {
      inspect(container.securityContext?.seLinuxOptions, name, [
        ...path,
        'securityContext',
        'seLinuxOptions',
      ]);
    }
    if (setters.length === 0) return allowed;
    const data: string[] = [];
    const types = sortedSet(badTypes);
    if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return forbidden(
      'seLinuxOptions',
      `${settersPhrase(setters)} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
      fields,
    );
  };
}

export const seLinuxOptionsV1Dot0 = seLinuxOptions(seLinuxTypesV1Dot0);
export const seLinuxOptionsV1Dot31 = seLinuxOptions(seLinuxTypesV1Dot31);
