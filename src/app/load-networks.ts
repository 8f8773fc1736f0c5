import type { NetworkSpec } from './app-spec.js';
import type { ComposeNode } from './compose-tree.js';
import { readMap } from './read-collection.js';
import { readBool } from './read-scalar.js';
import { resourceDefinition } from './resource-definition.js';

/**
 * Top-level `networks`. Berth-managed networks are named `<project>_<key>`; `external: true` ones use
 * `name` (or the key) as is. `default` always exists, as in Compose.
 */
export function loadNetworks(node: ComposeNode | undefined, project: string): Record<string, NetworkSpec> {
  const networks = new Map<string, NetworkSpec>();
  const entries = node === undefined ? [] : readMap(node, 'Write networks as a mapping of names.').entries;
  for (const entry of entries) {
    const keys = ['external', 'name', 'driver', 'internal', 'labels'];
    const def = resourceDefinition(entry, keys, project, ['driver', 'internal', 'labels']);
    const internal = def.fields.get('internal');
    networks.set(entry.key, {
      engineName: def.engineName,
      external: def.external,
      internal: internal === undefined ? false : readBool(internal),
      ...def.driver,
      labels: def.labels,
    });
  }
  if (!networks.has('default')) {
    networks.set('default', {
      engineName: `${project}_default`,
      external: false,
      internal: false,
      labels: {},
    });
  }
  return Object.fromEntries(networks);
}
