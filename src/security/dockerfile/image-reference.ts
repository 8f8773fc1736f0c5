/** The parts of an image reference `[registry/]repository[:tag][@digest]` (distribution/reference grammar). */
export interface ImageReference {
  registry: string | undefined;
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

/**
 * Splits an image reference. The first path component is a registry only when another component follows and
 * it looks like a host: it has a `.` or a `:` port, or is `localhost` (the same test Docker applies).
 */
export function parseImageReference(reference: string): ImageReference {
  const at = reference.indexOf('@');
  const digest = at < 0 ? undefined : reference.slice(at + 1);
  const name = at < 0 ? reference : reference.slice(0, at);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  const path = colon > slash ? name.slice(0, colon) : name;
  const firstSlash = path.indexOf('/');
  const first = firstSlash < 0 ? undefined : path.slice(0, firstSlash);
  const isRegistry =
    first !== undefined && (first.includes('.') || first.includes(':') || first === 'localhost');
  return {
    registry: isRegistry ? first : undefined,
    repository: isRegistry ? path.slice(firstSlash + 1) : path,
    tag,
    digest,
  };
}
