/** The environment a caller hands to git: PATH, HOME, proxies, SSH_AUTH_SOCK... (read once in config). */
export type GitEnv = Readonly<Record<string, string | undefined>>;

/**
 * An access token for HTTP(S) remotes. It travels in an `Authorization` header set through git's
 * environment (`GIT_CONFIG_COUNT`, git >= 2.31), never in the URL or the argument list, where `ps` and
 * error messages would show it. `basic` suits forges that want a user name with the token (GitHub:
 * `x-access-token`, GitLab: `oauth2`).
 */
export type GitCredentials =
  | { readonly token: string; readonly scheme?: 'bearer' }
  | { readonly token: string; readonly scheme: 'basic'; readonly username?: string };

/** PATH when the caller gives none. */
const defaultPath = '/usr/local/bin:/usr/bin:/bin';

/** `GIT_*` variables a caller may pass on; the rest (GIT_DIR, GIT_CONFIG_*, GIT_ASKPASS...) are dropped. */
const keptGitVariables = new Set(['GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_SSL_CAINFO', 'GIT_SSL_CAPATH']);

/** The `Authorization` header line for `http.extraHeader`. */
export function authorizationHeader(credentials: GitCredentials): string {
  if (credentials.scheme === 'basic') {
    const user = credentials.username ?? 'x-access-token';
    return `Authorization: Basic ${Buffer.from(`${user}:${credentials.token}`).toString('base64')}`;
  }
  return `Authorization: Bearer ${credentials.token}`;
}

/**
 * The environment git runs with: the caller's variables minus anything that would redirect git to
 * another repository or config (a test run from a git hook has GIT_DIR set), prompts switched off
 * (`GIT_TERMINAL_PROMPT=0`, ssh `BatchMode`), C locale so failures can be recognised, and the token as
 * environment-only config.
 *
 * @example
 * spawn('git', args, { env: gitEnvironment({ PATH: '/usr/bin' }, { token: 't' }) });
 */
export function gitEnvironment(base: GitEnv, credentials?: GitCredentials): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (name.startsWith('GIT_') && !keptGitVariables.has(name)) continue;
    if (name === 'SSH_ASKPASS' || name.startsWith('LC_') || name === 'LANG' || name === 'LANGUAGE') continue;
    env[name] = value;
  }
  env['PATH'] ??= defaultPath;
  env['LC_ALL'] = 'C';
  env['GIT_TERMINAL_PROMPT'] = '0';
  env['SSH_ASKPASS_REQUIRE'] = 'never';
  if (env['GIT_SSH_COMMAND'] === undefined && env['GIT_SSH'] === undefined) {
    env['GIT_SSH_COMMAND'] = 'ssh -o BatchMode=yes';
  }
  if (credentials !== undefined) {
    env['GIT_CONFIG_COUNT'] = '1';
    env['GIT_CONFIG_KEY_0'] = 'http.extraHeader';
    env['GIT_CONFIG_VALUE_0'] = authorizationHeader(credentials);
  }
  return env;
}

/** The strings to blank out of anything git prints: the token and its header forms. */
export function secretsOf(credentials: GitCredentials | undefined): string[] {
  if (credentials === undefined) return [];
  const header = authorizationHeader(credentials);
  return [...new Set([credentials.token, header.slice(header.lastIndexOf(' ') + 1)])].filter(
    (s) => s.length > 0,
  );
}
