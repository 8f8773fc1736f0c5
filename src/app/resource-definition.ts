import { composeError } from './compose-error.js';
import type { ComposeNode, MapEntry } from './compose-tree.js';
import { checkKeys, readListOrDict, readMap } from './read-collection.js';
import { readBool, readString } from './read-scalar.js';

const nameHint =
  'Berth names resources <project>_<key> so apps cannot collide; use `name` only together with `external: true`.';

export interface ResourceDefinition {
  fields: Map<string, ComposeNode>;
  external: boolean;
  /** `<project>_<key>`, or for an external resource its `name` (else the key) as is. */
  engineName: string;
  driver: { driver?: string };
  labels: Record<string, string>;
}

/**
 * The parts shared by top-level `networks` and `volumes` entries (Compose Specification): `external`,
 * `name` (external only), `driver` and `labels`. Settings that would change an external resource are
 * errors, as in Compose.
 */
export function resourceDefinition(
  entry: MapEntry,
  keys: readonly string[],
  project: string,
  notWithExternal: readonly string[],
): ResourceDefinition {
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
  const conflicting = external ? notWithExternal.find((key) => fields.has(key)) : undefined;
  const conflictNode = conflicting === undefined ? undefined : fields.get(conflicting);
  if (conflictNode !== undefined) {
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      conflictNode,
      `"${conflicting}" cannot be set on an external resource`,
      'External resources are created outside Berth; remove the key or drop `external: true`.',
    );
  }
  const driverNode = fields.get('driver');
  const labelsNode = fields.get('labels');
  return {
    fields,
    external,
    engineName: external
      ? nameNode === undefined
        ? entry.key
        : readString(nameNode)
      : `${project}_${entry.key}`,
    driver: driverNode === undefined ? {} : { driver: readString(driverNode) },
    labels: Object.fromEntries(
      (labelsNode === undefined ? [] : readListOrDict(labelsNode, 'labels')).map((l) => [
        l.key,
        l.value ?? '',
      ]),
    ),
  };
}
