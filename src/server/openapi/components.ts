import type { errorResponses, Json } from './operation-parts.js';

const errorSchema: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable code, see docs/errors.md', example: 'BERTH_FORBIDDEN' },
        message: { type: 'string' },
        hint: { type: 'string' },
        position: {
          type: 'object',
          description: 'Where in a Compose file',
          properties: { file: { type: 'string' }, line: { type: 'integer' }, column: { type: 'integer' } },
        },
        details: { type: 'object' },
      },
    },
  },
};

const errorDescriptions: Record<(typeof errorResponses)[keyof typeof errorResponses], string> = {
  Unauthorized: 'No valid bearer token or session (BERTH_UNAUTHORIZED)',
  Forbidden:
    'The caller’s role or app scope does not allow the call, or a cookie call lacks X-CSRF-Token (BERTH_FORBIDDEN)',
  NotFound: 'No such app, release or service',
  Conflict: 'Admission (CPU, memory) or host port conflict',
  PayloadTooLarge: 'The body is larger than Berth accepts (BERTH_PAYLOAD_TOO_LARGE)',
  Invalid: 'Invalid body or parameters (BERTH_BAD_REQUEST); Compose errors carry file, line and column',
  Unavailable: 'The Docker Engine or the ingress proxy cannot be reached',
};

/** `components`: security schemes, the error shape and answers, and the request schemas of the areas. */
export function components(schemas: Record<string, Json>): { schemas: Record<string, Json> } & Json {
  const errorAnswer = (description: string): Json => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  return {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'The admin token or a user’s API token' },
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: 'berth_session',
        description: 'Browser session from POST /auth/login with `session: true`',
      },
    },
    schemas: { Error: errorSchema, ...schemas },
    responses: Object.fromEntries(
      Object.entries(errorDescriptions).map(([name, description]) => [name, errorAnswer(description)]),
    ),
  };
}
