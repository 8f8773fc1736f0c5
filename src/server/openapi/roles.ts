import { authorize } from '../../auth/index.js';
import type { Role } from '../../store/index.js';
import { errors } from './operation-parts.js';
import type { DocumentedOperation } from './operations.js';

const byRank: readonly Role[] = ['viewer', 'deployer', 'admin'];

/**
 * The least role that `authorize` (the one table the server checks every bearer call with) lets call
 * `method url`, for a caller not limited to some apps. Path parameters get a placeholder value.
 *
 * @example
 * minimumRole('post', '/api/v1/apps/{app}/scale'); // 'deployer'
 */
export function minimumRole(method: string, url: string): Role {
  const path = url.replace(/\{[^}]+\}/g, 'x');
  const role = byRank.find(
    (r) => authorize({ name: 'openapi', role: r, apps: null }, method.toUpperCase(), path).ok,
  );
  if (role === undefined) throw new Error(`authorize() lets no role call ${method} ${url}`);
  return role;
}

/**
 * Sets `x-berth-role` on every bearer operation from {@link minimumRole} and adds the 401 and 403
 * answers every such call can get (no token; role, app scope or CSRF). Operations answered without a
 * token (`security: []`) keep the role they declare, which must be `public` or `signature`.
 */
export function annotateRoles(operations: readonly DocumentedOperation[]): void {
  for (const { method, url, operation } of operations) {
    if (operation.security?.length === 0) {
      const declared = operation['x-berth-role'];
      if (declared !== 'public' && declared !== 'signature') {
        throw new Error(`${method} ${url} has no bearer security but declares role ${String(declared)}`);
      }
      continue;
    }
    operation['x-berth-role'] = minimumRole(method, url);
    operation.responses = { ...operation.responses, ...errors('401', '403') };
  }
}
