import {
  allowed,
  containersPhrase,
  forbidden,
  joinQuote,
  sortedSet,
  type CheckResult,
  type FieldViolation,
  type PodView,
} from './check-result.js';
import { isUserNamespacePod, visitContainers } from './visit-containers.js';

/**
 * procMount: `securityContext.procMount` must be unset or `Default` (the masked /proc). Used by baseline
 * from 1.0 and by procMount_restricted from 1.35.
 */
export function procMountStrict({ spec }: PodView): CheckResult {
  const bad: string[] = [];
  const types: string[] = [];
  const fields: FieldViolation[] = [];
  for (const { container, name, path } of visitContainers(spec)) {
    const procMount = container.securityContext?.procMount;
    if (procMount === undefined || procMount === 'Default') continue;
    bad.push(name);
    types.push(procMount);
    fields.push({
      path: [...path, 'securityContext', 'procMount'],
      message: `container "${name}" must not set securityContext.procMount to "${procMount}"`,
    });
  }
  if (bad.length === 0) return allowed;
  return forbidden(
    'procMount',
    `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
    fields,
  );
}

/** procMount (baseline) 1.35+: any value is allowed for a pod in a user namespace (`hostUsers: false`). */
export function procMountBaselineV1Dot35(pod: PodView): CheckResult {
  return isUserNamespacePod(pod.spec) ? allowed : procMountStrict(pod);
}
