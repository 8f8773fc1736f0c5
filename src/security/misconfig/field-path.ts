/** A path to a value inside a parsed YAML document: map keys and sequence indexes. */
export type FieldPath = readonly (string | number)[];

const plainKey = /^[A-Za-z_][\w-]*$/;

/**
 * Formats a path the way Kubernetes and Compose error messages do.
 *
 * @example
 * formatFieldPath(['spec', 'containers', 0, 'securityContext']); // 'spec.containers[0].securityContext'
 * formatFieldPath(['metadata', 'annotations', 'a.b/c']); // 'metadata.annotations["a.b/c"]'
 */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (plainKey.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}
