import { imageError } from './image-errors.js';

export interface RegistryReference {
  /** Host (and port) the API is served from: `registry-1.docker.io` for Docker Hub names. */
  readonly host: string;
  readonly repository: string;
  /** A tag or a digest: what goes after `/manifests/`. */
  readonly reference: string;
  readonly digest: string | undefined;
}

const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * Splits an image reference the way Docker does (distribution/reference `ParseNormalizedNamed`): a first
 * component with `.` or `:` or equal to `localhost` is a registry, otherwise Docker Hub (`library/` for
 * one-component names); the tag defaults to `latest`.
 *
 * @example
 * parseRegistryReference('nginx'); // { host: 'registry-1.docker.io', repository: 'library/nginx', reference: 'latest', … }
 * parseRegistryReference('127.0.0.1:5000/app@sha256:ab…'); // { host: '127.0.0.1:5000', repository: 'app', … }
 */
export function parseRegistryReference(ref: string): RegistryReference {
  const at = ref.indexOf('@');
  const digest = at === -1 ? undefined : ref.slice(at + 1);
  const named = at === -1 ? ref : ref.slice(0, at);
  const lastSlash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  const tag = colon > lastSlash ? named.slice(colon + 1) : undefined;
  const name = colon > lastSlash ? named.slice(0, colon) : named;
  const parts = name.split('/');
  const first = parts[0] ?? '';
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let host = hasHost ? first : 'docker.io';
  let path = hasHost ? parts.slice(1) : parts;
  if (host === 'docker.io' || host === 'index.docker.io') {
    host = 'registry-1.docker.io';
    if (path.length === 1) path = ['library', ...path];
  }
  const valid =
    path.length > 0 &&
    path.every((p) => component.test(p)) &&
    (tag === undefined || /^[\w][\w.-]{0,127}$/.test(tag)) &&
    (digest === undefined || /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/.test(digest));
  if (!valid) {
    throw imageError('invalid', `"${ref}" is not a valid image reference`, {
      hint: 'Write it as [registry/]repository[:tag][@sha256:digest], e.g. ghcr.io/org/app:1.2.',
    });
  }
  return { host, repository: path.join('/'), reference: digest ?? tag ?? 'latest', digest };
}

/** Loopback registries speak plain HTTP by default, as Docker allows for them without configuration. */
export function isLoopbackHost(host: string): boolean {
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
