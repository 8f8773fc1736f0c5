import type { NetworkSpec, VolumeSpec } from './app-spec.js';
import { composeError } from './compose-error.js';
import type { ComposeNode, MapEntry } from './compose-tree.js';
import { checkKeys, readListOrDict, readMap } from './read-collection.js';
import { readBool, readString } from './read-scalar.js';

const nameHint =
  'Berth names resources <project>_<key> so apps cannot collide; use `name` only together with `external: true`.';

/**
 * Top-level `networks`. Berth-managed networks are named `<project>_<key>`; `external: true` ones use
 * `name` (or the key) as is. `default` always exists, as in Compose.
 */
export function loadNetworks(node: ComposeNode | undefined, project: string): Record<string, NetworkSpec> {
  const networks = new Map<string, NetworkSpec>();
  const entries = node === undefined ? [] : readMap(node, 'Write networks as a mapping of names.').entries;
  for (const entry of entries) {
    const f = definition(entry, ['external', 'name', 'driver', 'internal', 'labels']);
    const external = f.external;
    const internal = f.fields.get('internal');
    networks.set(entry.key, {
      engineName: f.engineName(project),
      external,
      internal: internal === undefined ? false : readBool(internal),
      ...f.driver,
      labels: f.labels,
    });
    if (external) f.rejectWithExternal(['driver', 'internal', 'labels']);
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

/** Top-level `volumes`, named `<project>_<key>` unless `external: true`. */
export function loadVolumes(node: ComposeNode | undefined, project: string): Record<string, VolumeSpec> {
  const volumes = new Map<string, VolumeSpec>();
  const entries = node === undefined ? [] : readMap(node, 'Write volumes as a mapping of names.').entries;
  for (const entry of entries) {
    const f = definition(entry, ['external', 'name', 'driver', 'labels']);
    volumes.set(entry.key, {
      engineName: f.engineName(project),
      external: f.external,
      ...f.driver,
      labels: f.labels,
    });
    if (f.external) f.rejectWithExternal(['driver', 'labels']);
  }
  return Object.fromEntries(volumes);
}

function definition(entry: MapEntry, keys: readonly string[]) {
  const fields = checkKeys(
    readMap(entry.node, `Write ${entry.node.path} as a mapping or leave it empty.`),
    keys,
  );
  const externalNode = fields.get('external');
  const external = externalNode === undefined ? false : readBool(externalNode);
  const nameNode = fields.get('name');
  if (nameNode !== undefined && !external) {
    throw composeError(
      'BERTH_COMPOSE_UNSUPPORTED_KEY',
      nameNode,
      `"name" is only supported with external: true`,
      nameHint,
    );
  }
  const driverNode = fields.get('driver');
  const labelsNode = fields.get('labels');
  return {
    fields,
    external,
    engineName: (project: string): string =>
      external ? (nameNode === undefined ? entry.key : readString(nameNode)) : `${project}_${entry.key}`,
    driver: driverNode === undefined ? {} : { driver: readString(driverNode) },
    labels: Object.fromEntries(
      (labelsNode === undefined ? [] : readListOrDict(labelsNode, 'labels')).map((l) => [
        l.key,
        l.value ?? '',
      ]),
    ),
    rejectWithExternal: (conflicting: readonly string[]): void => {
      const key = conflicting.find((k) => fields.has(k));
      const node = key === undefined ? undefined : fields.get(key);
      if (key === undefined || node === undefined) return;
      throw composeError(
        'BERTH_COMPOSE_INVALID',
        node,
        `"${key}" cannot be set on an external resource`,
        'External resources are created outside Berth; remove the key or drop `external: true`.',
      );
    },
  };
}
