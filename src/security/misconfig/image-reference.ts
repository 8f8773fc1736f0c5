/** Why an image reference is mutable: an explicit `:latest`, or no tag at all (which means `latest`). */
export type MutableImageTag = 'latest' | 'untagged';

/**
 * Tells whether an image reference floats: `nginx` and `nginx:latest` do, `nginx:1.27` and `nginx@sha256:…`
 * do not. A registry port (`registry:5000/app`) is not a tag. References that still contain `$` (an
 * unresolved Compose variable) cannot be judged and return `undefined`.
 *
 * @example
 * mutableImageTag('registry:5000/team/app'); // 'untagged'
 * mutableImageTag('redis:7-alpine'); // undefined
 */
export function mutableImageTag(image: string): MutableImageTag | undefined {
  const reference = image.trim();
  if (reference === '' || reference.includes('$') || reference.includes('@')) return undefined;
  const lastSegment = reference.slice(reference.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon === -1) return 'untagged';
  return lastSegment.slice(colon + 1) === 'latest' ? 'latest' : undefined;
}
