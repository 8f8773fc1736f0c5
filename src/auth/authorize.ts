import type { Role } from '../store/index.js';

/** Who is calling: the admin token, or a user through one of their API tokens. */
export interface Principal {
  name: string;
  role: Role;
  /** Apps the principal may see or change; null means all. */
  apps: readonly string[] | null;
}

const rank: Record<Role, number> = { viewer: 0, deployer: 1, admin: 2 };

export type Decision = { ok: true } | { ok: false; reason: string };

const appOf = (path: string): string | undefined => /^\/api\/v1\/apps\/([^/]+)/.exec(path)?.[1];

/**
 * What each role may do (issue 7): viewers read, deployers also change apps (deploy, scale, rollback,
 * pipelines, approvals, secrets), admins everything, including users, the audit log, deleting logs and
 * Loki pushes. Users scoped to apps only reach those apps' routes; listing endpoints filter for them.
 * Every user may manage their own API tokens and log out.
 */
export function authorize(principal: Principal, method: string, path: string): Decision {
  const need = (role: Role, what: string): Decision =>
    rank[principal.role] >= rank[role]
      ? { ok: true }
      : { ok: false, reason: `${what} needs the ${role} role; ${principal.name} is a ${principal.role}` };
  if (path.startsWith('/api/v1/tokens') || path === '/api/v1/auth/logout') return { ok: true };
  if (path.startsWith('/api/v1/users') || path.startsWith('/api/v1/audit'))
    return need('admin', 'managing users and reading the audit log');
  if (path === '/api/v1/logs/delete' || path.startsWith('/loki/') || path === '/api/v1/logs/push') {
    return need('admin', 'deleting or pushing logs');
  }
  const app = appOf(path);
  if (app !== undefined && principal.apps !== null && !principal.apps.includes(decodeURIComponent(app))) {
    return { ok: false, reason: `${principal.name} has no access to app "${decodeURIComponent(app)}"` };
  }
  // A deploy names its app in the body; the route checks the scope (see routes/apps.ts).
  const deploy = method === 'POST' && path === '/api/v1/apps';
  if (app === undefined && principal.apps !== null && method !== 'GET' && !deploy) {
    return {
      ok: false,
      reason: `${principal.name} is limited to some apps and cannot call ${method} ${path}`,
    };
  }
  if (method === 'GET' || method === 'HEAD') return { ok: true };
  return need('deployer', `${method} ${path}`);
}
