import { composeError, describe } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import { readStringList } from './read-collection.js';
import { shellSplit } from './shell-split.js';

const hint = 'Write a list (["npm", "start"]) or a string that is split like a shell would ("npm start").';

/**
 * `command` / `entrypoint`: a list is used as is; a string is split into argv with shell-like quoting,
 * as Compose does (it is not wrapped in `sh -c`). An empty value is undefined (use the image's).
 */
export function loadCommand(node: ComposeNode | undefined): string[] | undefined {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const split = shellSplit(node.text);
    if (!split.ok)
      throw composeError('BERTH_COMPOSE_INVALID', node, `${describe(node)}: ${split.reason}`, hint);
    return split.value;
  }
  return readStringList(node, hint);
}
