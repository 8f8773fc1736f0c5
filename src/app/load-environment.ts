import path from 'node:path';
import { composeError } from './compose-error.js';
import type { ComposeNode } from './compose-tree.js';
import { parseDotenv } from './dotenv.js';
import type { LoadContext } from './load-context.js';
import { checkKeys, readListOrDict, readSeq } from './read-collection.js';
import { readBool, readString } from './read-scalar.js';

const envFileHint =
  'Write `env_file: .env.web`, a list of paths, or `env_file: [{ path: .env.local, required: false }]`.';

/**
 * A service's container environment: `env_file` files in order (later files win), then `environment`
 * on top (Compose Specification: "environment has precedence over env_file"). A bare `KEY` takes its
 * value from the project environment and is left out when unset.
 */
export function loadEnvironment(
  environment: ComposeNode | undefined,
  envFile: ComposeNode | undefined,
  ctx: LoadContext,
): Record<string, string> {
  const result = new Map<string, string>();
  for (const file of envFile === undefined ? [] : envFiles(envFile, ctx.projectDir)) {
    const content = ctx.readFile(file.path);
    if (content === undefined) {
      if (!file.required) continue;
      throw composeError(
        'BERTH_FILE_NOT_FOUND',
        file.node,
        `env file "${file.path}" does not exist`,
        'Create the file, fix the path (relative paths start at the project directory), or mark it `required: false`.',
      );
    }
    const parsed = parseDotenv(content, { file: file.path, lookup: ctx.lookup });
    ctx.noteVariables(parsed.used, parsed.unset, file.path);
    for (const [key, value] of Object.entries(parsed.values)) result.set(key, value);
  }
  for (const entry of environment === undefined ? [] : readListOrDict(environment, 'environment')) {
    const value = entry.value ?? ctx.lookup(entry.key);
    // An unresolved bare `KEY` does not erase a value from env_file (compose-go drops it before merging).
    if (value !== undefined) result.set(entry.key, value);
  }
  return Object.fromEntries(result);
}

interface EnvFile {
  path: string;
  required: boolean;
  node: ComposeNode;
}

function envFiles(node: ComposeNode, projectDir: string): EnvFile[] {
  const items = node.kind === 'scalar' && node.value !== null ? [node] : readSeq(node, envFileHint).items;
  return items.map((item) => {
    if (item.kind !== 'map')
      return { path: path.resolve(projectDir, readString(item, envFileHint)), required: true, node: item };
    const fields = checkKeys(item, ['path', 'required']);
    const pathNode = fields.get('path');
    const requiredNode = fields.get('required');
    if (pathNode === undefined) {
      throw composeError('BERTH_COMPOSE_INVALID', item, 'env_file entry has no "path"', envFileHint);
    }
    return {
      path: path.resolve(projectDir, readString(pathNode, envFileHint)),
      required: requiredNode === undefined ? true : readBool(requiredNode),
      node: pathNode,
    };
  });
}
