import { composeError, describe } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import type { LoadContext } from './load-context.js';
import { checkKeys, readStringList } from './read-collection.js';
import { readString } from './read-scalar.js';

const hint = 'Write networks as a list ([front, back]) or a mapping ({ front: { aliases: [api] } }).';

/**
 * A service's `networks` (list, or map with `aliases`). Every network must be declared at the top
 * level except `default`; a service without `networks` joins `default` (Compose Specification).
 */
export function loadServiceNetworks(
  node: ComposeNode | undefined,
  ctx: LoadContext,
): Record<string, { aliases: string[] }> {
  if (node === undefined) return { default: { aliases: [] } };
  const joined = new Map<string, { aliases: string[] }>();
  if (node.kind === 'map') {
    for (const entry of node.entries) {
      declared(entry.key, { path: entry.node.path, pos: entry.keyPos }, ctx);
      const value = entry.node;
      if (value.kind === 'scalar' && value.value === null) {
        joined.set(entry.key, { aliases: [] });
        continue;
      }
      if (value.kind !== 'map') {
        throw composeError(
          'BERTH_COMPOSE_INVALID',
          value,
          `expected a mapping, got ${describe(value)}`,
          hint,
        );
      }
      const aliases = checkKeys(value, ['aliases']).get('aliases');
      const aliasHint = 'Write aliases as a list of host names, e.g. aliases: [api].';
      joined.set(entry.key, { aliases: aliases === undefined ? [] : readStringList(aliases, aliasHint) });
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) {
      const name = readString(item, hint);
      declared(name, item, ctx);
      joined.set(name, { aliases: [] });
    }
  } else {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      node,
      `expected a list or a mapping, got ${describe(node)}`,
      hint,
    );
  }
  return Object.fromEntries(joined);
}

function declared(name: string, at: Pick<ComposeNode, 'path' | 'pos'>, ctx: LoadContext): void {
  if (ctx.networks.has(name)) return;
  throw composeError(
    'BERTH_COMPOSE_INVALID',
    at,
    `network "${name}" is not declared under top-level networks`,
    `Add it at the top level: networks: { ${name}: {} }.`,
  );
}
