import type { LoadContext } from './load-context.js';
import { readTemplate } from './load-context.js';
import { pipelineError } from './pipeline-error.js';
import type { EnvValue } from './pipeline-spec.js';
import { checkKeys, readMap, readStringList } from './read-collection.js';
import { readName } from './read-scalar.js';
import type { YamlNode } from './yaml-tree.js';

/** Environment variable and secret names (POSIX shell names). */
export const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;
const envHint = 'Write environment as a mapping: NAME: value, or NAME: { from_secret: secret_name }.';
const secretHint = 'Secret names use letters, digits and _, and start with a letter or _.';

/** `environment`: values are text (numbers and booleans as written) or `{ from_secret: NAME }`. */
export function loadEnvironment(node: YamlNode | undefined, ctx: LoadContext): Record<string, EnvValue> {
  const environment: Record<string, EnvValue> = {};
  if (node === undefined) return environment;
  for (const entry of readMap(node, envHint).entries) {
    if (!envName.test(entry.key)) {
      throw pipelineError(
        entry.keyAt,
        `"${entry.key}" is not a valid variable name`,
        'Use letters, digits and _, starting with a letter or _.',
      );
    }
    environment[entry.key] = readEnvValue(entry.node, ctx, envHint);
  }
  return environment;
}

/** A text value or `{ from_secret: NAME }`. */
export function readEnvValue(node: YamlNode, ctx: LoadContext, hint: string): EnvValue {
  if (node.kind === 'map') return readSecretRef(node);
  if (node.kind === 'scalar' && (node.value === null || node.value === '')) return '';
  if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.text;
  return readTemplate(node, ctx, hint);
}

/** `{ from_secret: NAME }`. */
export function readSecretRef(node: YamlNode): { fromSecret: string } {
  const hint = 'Write { from_secret: secret_name }.';
  const f = checkKeys(readMap(node, hint), ['from_secret'], 'a secret reference');
  const name = f.get('from_secret');
  if (name === undefined) throw pipelineError(node, '"from_secret" is missing', hint);
  return { fromSecret: readName(name, envName, 'secret name', secretHint) };
}

/** `secrets: [NAME, ...]`: each secret becomes the environment variable of the same name. */
export function loadSecrets(node: YamlNode | undefined, environment: Record<string, EnvValue>): string[] {
  if (node === undefined) return [];
  const names = readStringList(node, secretHint);
  const items = node.kind === 'seq' ? node.items : [node];
  names.forEach((name, i) => {
    const at = items[i] ?? node;
    if (!envName.test(name)) throw pipelineError(at, `"${name}" is not a valid secret name`, secretHint);
    if (Object.hasOwn(environment, name)) {
      throw pipelineError(at, `secret "${name}" is also set in environment`, 'Remove one of the two.');
    }
    if (names.indexOf(name) !== i)
      throw pipelineError(at, `secret "${name}" is listed twice`, 'Remove the duplicate.');
  });
  return names;
}
