import type { RestartPolicySpec } from './app-spec.js';
import { composeError, describe } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import type { LoadContext } from './load-context.js';
import { parseRestart } from './parse-restart.js';
import { readString } from './read-scalar.js';

/**
 * The service's restart policy. `deploy.restart_policy` wins over `restart` (as `docker compose`
 * does, with a warning when both are set). With neither, Berth uses Swarm's default `any`: Berth
 * deploys long-running services and keeps them up; one-shot jobs should say `restart: "no"`.
 */
export function loadRestart(
  node: ComposeNode | undefined,
  deployPolicy: RestartPolicySpec | undefined,
  ctx: LoadContext,
): RestartPolicySpec {
  if (node === undefined) return deployPolicy ?? { condition: 'any' };
  // `restart: no` is the string "no" in YAML 1.2, but `false` in YAML 1.1 documents.
  const text = node.kind === 'scalar' && node.value === false ? 'no' : readString(node);
  const parsed = parseRestart(text);
  if (!parsed.ok) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      node,
      `${describe(node)} is not a restart policy`,
      'Use "no", "always", "on-failure", "on-failure:3" or "unless-stopped".',
    );
  }
  if (deployPolicy === undefined) return parsed.value;
  ctx.warn(`${node.path}: ignored because deploy.restart_policy is also set (deploy.restart_policy wins)`);
  return deployPolicy;
}
