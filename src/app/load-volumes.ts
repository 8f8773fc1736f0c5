import type { VolumeSpec } from './app-spec.js';
import type { ComposeNode } from './compose-tree.js';
import { readMap } from './read-collection.js';
import { resourceDefinition } from './resource-definition.js';

/** Top-level `volumes`, named `<project>_<key>` unless `external: true` (then `name` or the key). */
export function loadVolumes(node: ComposeNode | undefined, project: string): Record<string, VolumeSpec> {
  const volumes = new Map<string, VolumeSpec>();
  const entries = node === undefined ? [] : readMap(node, 'Write volumes as a mapping of names.').entries;
  for (const entry of entries) {
    const def = resourceDefinition(entry, ['external', 'name', 'driver', 'labels'], project, [
      'driver',
      'labels',
    ]);
    volumes.set(entry.key, {
      engineName: def.engineName,
      external: def.external,
      ...def.driver,
      labels: def.labels,
    });
  }
  return Object.fromEntries(volumes);
}
