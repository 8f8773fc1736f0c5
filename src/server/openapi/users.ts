import { AddUserSchema, CreateTokenSchema, LoginSchema } from '../routes/users.js';
import { errors, fromZod, json, jsonBody, pathParam, queryParam, type ApiArea } from './operation-parts.js';

/** Login, sessions, users, API tokens and the audit log (routes/users.ts). */
export const usersArea: ApiArea = {
  schemas: {
    LoginRequest: fromZod(LoginSchema),
    AddUserRequest: fromZod(AddUserSchema),
    CreateTokenRequest: fromZod(CreateTokenSchema),
  },
  paths: {
    '/auth/login': {
      post: {
        summary:
          'Trade a user name and password for an API token (or, with `session`, a browser session cookie)',
        description:
          'Failed attempts are throttled per user and per address (`Retry-After`); every attempt is audited.',
        security: [],
        'x-berth-role': 'public',
        requestBody: jsonBody('LoginRequest', { name: 'vic', password: 'correct horse battery' }),
        responses: {
          '200': json('The user and a token (or the CSRF token of the session)', {
            user: 'object',
            token: 'string',
            csrfToken: 'string',
            expiresAt: 'integer',
          }),
          '401': { $ref: '#/components/responses/Unauthorized' },
          ...errors('422'),
        },
      },
    },
    '/auth/session': {
      get: {
        summary: 'Who is calling (and the CSRF token of a cookie session)',
        responses: { '200': json('The caller', { user: 'object', csrfToken: 'string' }) },
      },
    },
    '/auth/logout': {
      post: {
        summary: 'End the browser session: revoke its token and clear the cookie',
        responses: { '200': json('Logged out', { loggedOut: 'boolean' }) },
      },
    },
    '/users': {
      get: {
        summary: 'Every user with role and app scope',
        responses: { '200': json('Users', { users: 'array' }) },
      },
      post: {
        summary: 'Add a user (password stored as a scrypt hash)',
        requestBody: jsonBody('AddUserRequest', {
          name: 'alice',
          password: 'correct horse battery',
          role: 'deployer',
        }),
        responses: {
          '201': json('The user', { name: 'string', role: 'string', apps: 'array' }),
          ...errors('422'),
        },
      },
    },
    '/users/{name}': {
      parameters: [pathParam('name', 'User name', 'alice')],
      delete: {
        summary: 'Remove a user and end their tokens',
        responses: { '200': json('Removed', { name: 'string', removed: 'boolean' }), ...errors('422') },
      },
    },
    '/tokens': {
      get: {
        summary: 'The caller’s API tokens (admins: everyone’s with `all=1`)',
        parameters: [queryParam('all', 'Admins: every user’s tokens (`1`)', { type: 'string', enum: ['1'] })],
        responses: { '200': json('Tokens (never their values)', { tokens: 'array' }) },
      },
      post: {
        summary: 'Create an API token for the caller (admins: for any user); the value is shown once',
        requestBody: jsonBody('CreateTokenRequest', { name: 'ci', expiresInDays: 30 }),
        responses: {
          '201': json('The token', { id: 'integer', token: 'string', expiresAt: 'integer' }),
          ...errors('422'),
        },
      },
    },
    '/tokens/{id}': {
      parameters: [pathParam('id', 'Token id', 1, { type: 'integer', minimum: 1 })],
      delete: {
        summary: 'Revoke one of the caller’s tokens (admins: anyone’s)',
        responses: {
          '200': json('The revoked token', { id: 'integer', revokedAt: 'integer' }),
          ...errors('422'),
        },
      },
    },
    '/audit': {
      get: {
        summary: 'The append-only audit log: every mutating call and every login, newest first',
        parameters: [
          queryParam('limit', 'At most this many (default 100)', {
            type: 'integer',
            minimum: 1,
            maximum: 1000,
          }),
          queryParam('before', 'Only entries with a smaller id (paging)', { type: 'integer', minimum: 1 }),
          queryParam('actor', 'Only entries of this user (or `admin-token`, `anonymous`)', {
            type: 'string',
          }),
          queryParam(
            'outcome',
            'Only `ok` (2xx/3xx, logins that worked), `denied` (401/403, failed or throttled logins) or `error` (the rest)',
            { type: 'string', enum: ['ok', 'denied', 'error'] },
          ),
        ],
        responses: {
          '200': json('Entries {at, actor, action, target, outcome, source}', { entries: 'array' }),
        },
      },
    },
  },
};
