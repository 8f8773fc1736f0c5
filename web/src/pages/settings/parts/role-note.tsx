import type { JSX } from 'preact';
import type { Role } from '../../../api';

const article = (role: Role): string => (role === 'admin' ? 'an' : 'a');

/**
 * Why a control is missing: what needs which role, and the role the user has (the API would answer
 * 403 with the same reason).
 *
 * @example
 * <RoleNote what="Setting secrets" need="deployer" role={user.role} />
 */
export function RoleNote({
  what,
  need,
  role,
  scoped,
}: {
  what: string;
  need: Role;
  role: Role;
  /** The user has the role but not for this app. */
  scoped?: string;
}): JSX.Element {
  return (
    <p class="banner banner-warn role-note">
      {scoped
        ? `${what} for ${scoped} is not allowed: your account is limited to other apps.`
        : `${what} needs the ${need} role; you are ${article(role)} ${role}.`}{' '}
      Ask an admin if you need it.
    </p>
  );
}
