import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role, SessionUser } from './api';

/** The logged-in user and how to log out; provided by `App` around every page. */
export interface Session {
  user: SessionUser;
  logout: () => void;
}

export const SessionContext = createContext<Session | undefined>(undefined);

/** The current session (pages render only once someone is logged in). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionContext.Provider>');
  return session;
}

const rank: Readonly<Record<Role, number>> = { viewer: 0, deployer: 1, admin: 2 };

/**
 * Whether `user` has at least role `need` (for `app`, when given): the same rule the API enforces
 * (docs/api.md), used to hide buttons a user could not use. The API still decides.
 *
 * @example
 * can(user, 'deployer', 'shop') // show the Rollback button?
 */
export function can(user: SessionUser, need: Role, app?: string): boolean {
  if (rank[user.role] < rank[need]) return false;
  return app === undefined || user.apps === null || user.apps.includes(app);
}
