import type { LoadContext } from './load-context.js';
import { readTemplate } from './load-context.js';
import { approverRoles, type ApprovalStep, type StepBase } from './pipeline-spec.js';
import { readEnum } from './read-scalar.js';
import type { YamlNode } from './yaml-tree.js';

/** `kind: approval`: the run waits for a user with `role` (admins too) to approve or reject. */
export function loadApprovalStep(
  base: StepBase,
  f: ReadonlyMap<string, YamlNode>,
  _at: YamlNode,
  ctx: LoadContext,
): ApprovalStep {
  const message = f.get('message');
  const role = f.get('role');
  return {
    ...base,
    kind: 'approval',
    role: role === undefined ? 'deployer' : readEnum(role, approverRoles),
    ...(message === undefined
      ? {}
      : { message: readTemplate(message, ctx, 'Write the question shown to approvers.') }),
  };
}
