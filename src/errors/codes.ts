/**
 * The catalogue of every error code Berth raises. Each code has a one-line meaning and the fix a user
 * should try; `docs/errors.md` lists the same codes (a unit test keeps the two in sync).
 */
export const errorCatalogue = {
  BERTH_USAGE: { kind: 'usage', summary: 'The command line was not understood.' },
  BERTH_COMPOSE_YAML: { kind: 'invalid', summary: 'The Compose file is not valid YAML.' },
  BERTH_COMPOSE_UNSUPPORTED_KEY: {
    kind: 'invalid',
    summary: 'The Compose file uses a key Berth does not support (it is never silently dropped).',
  },
  BERTH_COMPOSE_INVALID: { kind: 'invalid', summary: 'A Compose value has the wrong type or format.' },
  BERTH_COMPOSE_INTERPOLATION: {
    kind: 'invalid',
    summary: 'A ${VAR} reference could not be resolved or is malformed.',
  },
  BERTH_COMPOSE_DEPENDENCY: {
    kind: 'invalid',
    summary: 'depends_on names an unknown service or forms a cycle.',
  },
  BERTH_FILE_NOT_FOUND: {
    kind: 'invalid',
    summary: 'A file named on the command line or in Compose is missing.',
  },
  BERTH_ADMISSION_RESOURCES: {
    kind: 'conflict',
    summary: "The release's reservations exceed the host's free CPU or memory.",
  },
  BERTH_PORT_IN_USE: { kind: 'conflict', summary: 'A published host port is already taken.' },
  BERTH_IMAGE_NOT_FOUND: {
    kind: 'invalid',
    summary: 'An image is not present locally and could not be pulled.',
  },
  BERTH_BUILD_FAILED: { kind: 'invalid', summary: 'Building a service image failed.' },
  BERTH_ENGINE_UNREACHABLE: { kind: 'unavailable', summary: 'The Docker Engine cannot be reached.' },
  BERTH_ENGINE_ERROR: { kind: 'internal', summary: 'The Docker Engine refused a request.' },
  BERTH_INGRESS: {
    kind: 'unavailable',
    summary: 'The ingress proxy (Caddy) is missing or refused its configuration.',
  },
  BERTH_APP_NOT_FOUND: { kind: 'not_found', summary: 'No app with that name exists.' },
  BERTH_RELEASE_NOT_FOUND: { kind: 'not_found', summary: 'No release with that number exists.' },
  BERTH_SERVICE_NOT_FOUND: { kind: 'not_found', summary: 'The app has no service with that name.' },
  BERTH_UNAUTHORIZED: { kind: 'unauthorized', summary: 'The API call had no valid bearer token.' },
  BERTH_FORBIDDEN: { kind: 'forbidden', summary: "The caller's role or app scope does not allow the call." },
  BERTH_ROUTE_NOT_FOUND: { kind: 'not_found', summary: 'No API endpoint has that method and path.' },
  BERTH_BAD_REQUEST: { kind: 'invalid', summary: 'The API request body or parameters are invalid.' },
  BERTH_SERVER_UNREACHABLE: { kind: 'unavailable', summary: 'The CLI cannot reach the Berth daemon.' },
  BERTH_ROLLOUT_FAILED: { kind: 'failed', summary: 'A replica failed to become ready.' },
  BERTH_ROLLOUT_NOT_PAUSED: {
    kind: 'conflict',
    summary: "The app's current release is not paused (resume) or not rolling out (abort).",
  },
  BERTH_TIMEOUT: { kind: 'failed', summary: 'Waiting for the app to become ready took too long.' },
  BERTH_STORE: { kind: 'internal', summary: 'The state database could not be opened or migrated.' },
  BERTH_CONFIG: {
    kind: 'invalid',
    summary: 'A setting (flag or environment variable) has an invalid value.',
  },
  BERTH_LOGQL: { kind: 'invalid', summary: 'A LogQL query is not valid.' },
  BERTH_PAYLOAD_TOO_LARGE: { kind: 'invalid', summary: 'A request body is larger than Berth accepts.' },
  BERTH_PIPELINE_INVALID: { kind: 'invalid', summary: 'The pipeline file is not valid.' },
  BERTH_SECRET_UNMASKABLE: {
    kind: 'invalid',
    summary: 'A secret is too short (or too line-fragmented) to be masked in logs.',
  },
  BERTH_SECRET_UNREADABLE: {
    kind: 'internal',
    summary: 'A stored secret could not be decrypted (wrong key file or tampered data).',
  },
  BERTH_GIT: { kind: 'failed', summary: 'Fetching the repository with git failed.' },
  BERTH_FORGE_REJECTED: { kind: 'failed', summary: 'The forge (GitHub, Gitea, GitLab) refused a request.' },
  BERTH_FORGE_UNAVAILABLE: { kind: 'unavailable', summary: 'The forge could not be reached.' },
  BERTH_INTERNAL: { kind: 'internal', summary: 'An unexpected error; please report it with the daemon log.' },
} as const satisfies Record<string, { kind: ErrorKind; summary: string }>;

/** How an error is classified; the server maps kinds to HTTP statuses and the CLI to exit codes. */
export type ErrorKind =
  | 'usage'
  | 'invalid'
  | 'conflict'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'unavailable'
  | 'failed'
  | 'internal';

export type ErrorCode = keyof typeof errorCatalogue;
