import type { ComposeNode, MapNode } from './compose-tree.js';
import { checkKeys } from './read-collection.js';

const topLevelKeys = ['name', 'services', 'networks', 'volumes', 'version'] as const;
const supported = `supported top-level keys are: ${topLevelKeys.join(', ')} and x-* extensions`;
const hints: Readonly<Record<string, string>> = {
  configs: `Configs are not supported yet; bind-mount the file with a service's volumes instead (${supported}).`,
  secrets: `Secrets are not supported yet; pass them through environment or env_file (${supported}).`,
  include: `include is not supported; merge the included file into this one (${supported}).`,
};

/**
 * Checks the top-level keys (Compose Specification): `x-*` extensions are ignored, `version` is
 * accepted with Compose's "obsolete" warning, anything else Berth does not support is an error.
 */
export function checkTopLevelKeys(root: MapNode, warnings: string[]): Map<string, ComposeNode> {
  const fields = checkKeys(root, topLevelKeys, { hints });
  if (fields.has('version')) {
    warnings.push(
      'version: the attribute "version" is obsolete, it will be ignored; remove it to avoid confusion',
    );
  }
  return fields;
}
