import type { Db } from './open-store.js';

export type Role = 'admin' | 'deployer' | 'viewer';
export const roles: readonly Role[] = ['admin', 'deployer', 'viewer'];

export interface User {
  name: string;
  role: Role;
  /** Apps the user may see or change; null means every app. */
  apps: string[] | null;
  createdAt: number;
}

export interface ApiToken {
  id: number;
  user: string;
  name: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  source: string | null;
  details: Record<string, unknown> | null;
}

/** Outcome classes the audit log can be filtered by (`GET /audit?outcome=`). */
export const auditOutcomeClasses = ['ok', 'denied', 'error'] as const;
export type AuditOutcomeClass = (typeof auditOutcomeClasses)[number];

const okSql = "(outcome = 'ok' OR outcome GLOB '[23][0-9][0-9]')";
const deniedSql = "outcome IN ('401', '403', 'failed', 'throttled')";
const outcomeSql: Record<AuditOutcomeClass, string> = {
  ok: okSql,
  denied: deniedSql,
  error: `NOT ${okSql} AND NOT ${deniedSql}`,
};

interface UserRow {
  name: string;
  password_hash: string;
  role: Role;
  apps: string | null;
  created_at: number;
}
interface TokenRow {
  id: number;
  user_name: string;
  name: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

const toUser = (r: UserRow): User => ({
  name: r.name,
  role: r.role,
  apps: r.apps === null ? null : (JSON.parse(r.apps) as string[]),
  createdAt: r.created_at,
});
const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  user: r.user_name,
  name: r.name,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** Users, their API tokens (hashes only) and the append-only audit log. */
export class UserRepo {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  add(
    user: { name: string; passwordHash: string; role: Role; apps: string[] | null },
    now = Date.now(),
  ): User {
    this.#db
      .prepare('INSERT INTO users (name, password_hash, role, apps, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(
        user.name,
        user.passwordHash,
        user.role,
        user.apps === null ? null : JSON.stringify(user.apps),
        now,
      );
    return this.get(user.name) as User;
  }

  get(name: string): User | undefined {
    const row = this.#db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
    return row ? toUser(row) : undefined;
  }

  passwordHash(name: string): string | undefined {
    return (
      this.#db.prepare('SELECT password_hash FROM users WHERE name = ?').get(name) as
        { password_hash: string } | undefined
    )?.password_hash;
  }

  list(): User[] {
    return (this.#db.prepare('SELECT * FROM users ORDER BY name').all() as UserRow[]).map(toUser);
  }

  remove(name: string): boolean {
    return this.#db.prepare('DELETE FROM users WHERE name = ?').run(name).changes > 0;
  }

  addToken(
    token: { user: string; name: string; hash: string; expiresAt: number | null },
    now = Date.now(),
  ): ApiToken {
    const info = this.#db
      .prepare(
        'INSERT INTO api_tokens (user_name, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(token.user, token.name, token.hash, now, token.expiresAt);
    return toToken(
      this.#db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(info.lastInsertRowid) as TokenRow,
    );
  }

  /** The live token with this hash (not revoked, not expired), with its user; marks it used. */
  useToken(hash: string, now = Date.now()): { token: ApiToken; user: User } | undefined {
    const row = this.#db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?').get(hash) as
      TokenRow | undefined;
    if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now))
      return undefined;
    const user = this.get(row.user_name);
    if (!user) return undefined;
    if (row.last_used_at === null || now - row.last_used_at > 60_000) {
      this.#db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now, row.id);
    }
    return { token: toToken(row), user };
  }

  tokens(user?: string): ApiToken[] {
    const rows = (
      user === undefined
        ? this.#db.prepare('SELECT * FROM api_tokens ORDER BY id').all()
        : this.#db.prepare('SELECT * FROM api_tokens WHERE user_name = ? ORDER BY id').all(user)
    ) as TokenRow[];
    return rows.map(toToken);
  }

  revokeToken(id: number, now = Date.now()): ApiToken | undefined {
    this.#db.prepare('UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(now, id);
    const row = this.#db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(id) as TokenRow | undefined;
    return row ? toToken(row) : undefined;
  }

  audit(
    entry: Omit<AuditEntry, 'id' | 'at' | 'details'> & { details?: Record<string, unknown> },
    now = Date.now(),
  ): void {
    this.#db
      .prepare(
        'INSERT INTO audit_log (at, actor, action, target, outcome, source, details) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        now,
        entry.actor,
        entry.action,
        entry.target,
        entry.outcome,
        entry.source,
        entry.details ? JSON.stringify(entry.details) : null,
      );
  }

  revokeTokenByHash(hash: string, now = Date.now()): boolean {
    const info = this.#db
      .prepare('UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE token_hash = ?')
      .run(now, hash);
    return info.changes > 0;
  }

  /**
   * Newest first. `actor` keeps one actor's entries; `outcome` one class of outcomes: `ok` (2xx/3xx, a
   * login that worked), `denied` (401, 403, a failed or throttled login) or `error` (anything else).
   */
  auditLog(
    options: { limit?: number; beforeId?: number; actor?: string; outcome?: AuditOutcomeClass } = {},
  ): AuditEntry[] {
    const where = ['id < @before'];
    if (options.actor !== undefined) where.push('actor = @actor');
    if (options.outcome !== undefined) where.push(outcomeSql[options.outcome]);
    const rows = this.#db
      .prepare(`SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT @limit`)
      .all({
        before: options.beforeId ?? Number.MAX_SAFE_INTEGER,
        limit: options.limit ?? 100,
        ...(options.actor === undefined ? {} : { actor: options.actor }),
      }) as (Omit<AuditEntry, 'details'> & {
      details: string | null;
    })[];
    return rows.map((r) => ({
      ...r,
      details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
    }));
  }
}
