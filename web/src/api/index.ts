// The dashboard's API layer: import from 'web/src/api' (this file), not from the files behind it.
export { ApiError, toApiError } from './api-error';
export { api, apiUrl, credentials, onUnauthorized, request } from './client';
export type { AuthMode, QueryValue, RequestOptions } from './client';
export { loadSession, login, loginWithToken, logout } from './auth';
export { subscribe } from './sse';
export type { LiveState, SseEvent, SubscribeOptions } from './sse';
export { getNdjson, postWithProgress, readNdjson } from './ndjson';
export { useApi, useAsync } from './use-api';
export type { AsyncState } from './use-api';
export type * from './types';
