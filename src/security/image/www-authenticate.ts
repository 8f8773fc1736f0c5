export interface AuthChallenge {
  /** Lower-cased scheme: `bearer`, `basic`. */
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses the first challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1), e.g.
 * `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:x:pull"`.
 * Quoted values may contain commas and `\"` escapes.
 */
export function parseAuthChallenge(header: string): AuthChallenge | undefined {
  const scheme = /^\s*([A-Za-z][\w!#$%&'*+.^`|~-]*)/.exec(header);
  if (scheme === null) return undefined;
  const params: Record<string, string> = {};
  const param = /\s*([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/gy;
  param.lastIndex = (scheme[0] ?? '').length;
  for (let match = param.exec(header); match !== null; match = param.exec(header)) {
    const key = (match[1] ?? '').toLowerCase();
    params[key] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
    if (param.lastIndex >= header.length) break;
  }
  return { scheme: (scheme[1] ?? '').toLowerCase(), params };
}
