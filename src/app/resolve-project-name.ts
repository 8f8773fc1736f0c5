import { BerthError } from '../errors/index.js';
import { composeError } from './compose-error.js';
import type { ComposeNode, MapNode } from './compose-tree.js';
import { projectNameFromDir, projectNamePattern } from './project-name.js';
import { readString } from './read-scalar.js';

const rule = 'lowercase letters, digits, "-" and "_", starting with a letter or digit';

/**
 * The project name: the `-p` flag, else the top-level `name:`, else the project directory's base name
 * normalised like Compose does. Explicit names must already follow Compose's rule.
 */
export function resolveProjectName(
  input: { projectName?: string; projectDir: string },
  nameNode: ComposeNode | undefined,
  root: MapNode,
): string {
  if (input.projectName !== undefined) {
    if (projectNamePattern.test(input.projectName)) return input.projectName;
    // A command-line value has no position in the file, so this is a usage error.
    throw new BerthError('BERTH_USAGE', `project name "${input.projectName}" is invalid`, {
      hint: `Use only ${rule}, e.g. -p my-app.`,
    });
  }
  if (nameNode !== undefined) {
    const name = readString(nameNode);
    if (projectNamePattern.test(name)) return name;
    throw composeError(
      'BERTH_COMPOSE_INVALID',
      nameNode,
      `project name "${name}" is invalid`,
      `Use only ${rule}.`,
    );
  }
  const derived = projectNameFromDir(input.projectDir);
  if (derived !== '') return derived;
  throw composeError(
    'BERTH_COMPOSE_INVALID',
    root,
    `cannot derive a project name from the directory "${input.projectDir}"`,
    'Add a top-level `name: my-app` to the Compose file or pass -p my-app.',
  );
}
