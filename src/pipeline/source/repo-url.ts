import { BerthError } from '../../errors/index.js';
import type { ParseResult } from '../spec/index.js';

/** How git reaches a remote; `local` remotes need `protocol.file.allow`. */
export type RepoTransport = 'http' | 'ssh' | 'local';

export interface RepoUrl {
  /** The URL exactly as given. */
  readonly url: string;
  readonly transport: RepoTransport;
}

const maxUrlLength = 2048;
const forms =
  'https://host/owner/repo.git, ssh://git@host/owner/repo.git, git@host:owner/repo.git, file:///srv/repo.git or /srv/repo.git';

/**
 * Reads a repository URL in one of the forms git accepts (git-clone(1) "GIT URLS") that Berth allows:
 * http(s), ssh (URL or scp-like `user@host:path`), `file://` and absolute paths. Refused because they
 * run commands or smuggle options: a leading `-` (argument injection), `<transport>::<address>`
 * remote helpers such as `ext::`, a host or user starting with `-` (ssh option injection,
 * CVE-2017-1000117), control characters, and passwords in http URLs (pass a token instead).
 *
 * @example
 * parseRepoUrl('git@github.com:acme/shop.git'); // { ok: true, value: { url: ..., transport: 'ssh' } }
 */
export function parseRepoUrl(url: string): ParseResult<RepoUrl> {
  if (url.length === 0) return { ok: false, reason: 'is empty' };
  if (url.length > maxUrlLength) return { ok: false, reason: `is longer than ${maxUrlLength} characters` };
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused.
  if (/[\u0000-\u001f\u007f]/.test(url)) return { ok: false, reason: 'contains a control character' };
  if (url.startsWith('-')) return { ok: false, reason: 'starts with "-" and would be read as an option' };
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(url)) {
    return { ok: false, reason: 'uses a git remote helper ("transport::address"), which Berth refuses' };
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined) return parseSchemeUrl(url, scheme);
  if (url.startsWith('/')) return { ok: true, value: { url, transport: 'local' } };
  // scp-like syntax: no slash before the first colon (git-clone(1)).
  const scp = /^(?:([^@/:]+)@)?([^@/:]+):(.+)$/.exec(url);
  if (scp !== null) {
    const [, user, host = '', path = ''] = scp;
    if (/\s/.test(url)) return { ok: false, reason: 'contains white space' };
    if (host.startsWith('-') || user?.startsWith('-') === true || path.startsWith('-')) {
      return { ok: false, reason: 'has a host, user or path starting with "-"' };
    }
    return { ok: true, value: { url, transport: 'ssh' } };
  }
  return { ok: false, reason: `is not a git URL; use one of ${forms}` };
}

function parseSchemeUrl(url: string, scheme: string): ParseResult<RepoUrl> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'is not a valid URL' };
  }
  if (/\s/.test(url) && scheme !== 'file') return { ok: false, reason: 'contains white space' };
  switch (scheme) {
    case 'http':
    case 'https':
      if (parsed.hostname === '') return { ok: false, reason: 'has no host' };
      if (parsed.password !== '') {
        return { ok: false, reason: 'contains a password; pass the token as credentials instead' };
      }
      return { ok: true, value: { url, transport: 'http' } };
    case 'ssh':
      if (parsed.hostname === '') return { ok: false, reason: 'has no host' };
      if ([parsed.hostname, parsed.username, parsed.pathname.slice(1)].some((p) => p.startsWith('-'))) {
        return { ok: false, reason: 'has a host, user or path starting with "-"' };
      }
      if (parsed.pathname.length <= 1) return { ok: false, reason: 'has no repository path' };
      return { ok: true, value: { url, transport: 'ssh' } };
    case 'file':
      if (parsed.host !== '' && parsed.host !== 'localhost') {
        return { ok: false, reason: 'names a host; file URLs are file:///absolute/path' };
      }
      return { ok: true, value: { url, transport: 'local' } };
    default:
      return { ok: false, reason: `uses the unsupported scheme "${scheme}"; use one of ${forms}` };
  }
}

/**
 * `parseRepoUrl` for callers: throws `BERTH_PIPELINE_INVALID` quoting the URL, and refuses local
 * remotes unless allowed.
 */
export function checkRepoUrl(url: string, allowLocal = true): RepoUrl {
  const parsed = parseRepoUrl(url);
  if (!parsed.ok) {
    // Never echo a password back into messages and logs.
    const shown = url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
    throw new BerthError('BERTH_PIPELINE_INVALID', `repository URL "${shown}" ${parsed.reason}`, {
      hint: `Use one of ${forms}.`,
    });
  }
  if (parsed.value.transport === 'local' && !allowLocal) {
    throw new BerthError('BERTH_PIPELINE_INVALID', `repository URL "${url}" is a local path`, {
      hint: 'Local repositories are disabled on this server; use an https or ssh URL.',
    });
  }
  return parsed.value;
}
