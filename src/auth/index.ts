/** Users, roles, API tokens and login throttling (issue 7 item 1). */
export { generateApiToken, hashApiToken } from './api-token.js';
export { authorize } from './authorize.js';
export type { Decision, Principal } from './authorize.js';
export { LoginLimiter } from './login-limiter.js';
export { hashPassword, minPasswordLength, verifyPassword } from './password.js';
