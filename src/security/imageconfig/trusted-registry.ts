/**
 * The registry host of an image reference, as Docker resolves it: the first path component is a host only
 * when another component follows and it has a `.` or `:` or is `localhost`; otherwise Docker Hub
 * (`docker.io`). distribution/reference normalize.go.
 *
 * @example
 * registryOf('nginx:1.27'); // 'docker.io'
 * registryOf('ghcr.io/org/app@sha256:…'); // 'ghcr.io'
 */
export function registryOf(reference: string): string {
  const name = reference.split('@')[0] ?? reference;
  const slash = name.indexOf('/');
  const first = slash < 0 ? undefined : name.slice(0, slash);
  if (first !== undefined && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    return first === 'index.docker.io' ? 'docker.io' : first.toLowerCase();
  }
  return 'docker.io';
}

/** `docker.io/library/nginx:1` for `nginx:1`: the full repository path, for prefix entries. */
function repositoryPath(reference: string): string {
  const name = (reference.split('@')[0] ?? reference).replace(/:[^/:]*$/, '');
  const registry = registryOf(reference);
  const rest =
    name.startsWith(`${registry}/`) || name.startsWith('index.docker.io/')
      ? name.slice(name.indexOf('/') + 1)
      : name;
  return `${registry}/${registry === 'docker.io' && !rest.includes('/') ? `library/${rest}` : rest}`;
}

/**
 * Whether a reference comes from a trusted source. Entries are a registry host (`ghcr.io`), a wildcard
 * host (`*.corp.example`) or a repository prefix (`docker.io/library`, `ghcr.io/my-org`).
 */
export function isTrustedReference(reference: string, trusted: readonly string[]): boolean {
  const registry = registryOf(reference);
  const path = repositoryPath(reference);
  return trusted.some((entry) => {
    const rule = entry.toLowerCase().replace(/\/+$/, '');
    if (rule.startsWith('*.')) return registry.endsWith(rule.slice(1));
    if (rule.includes('/')) return path === rule || path.startsWith(`${rule}/`);
    return registry === rule;
  });
}
