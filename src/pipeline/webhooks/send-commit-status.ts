import { BerthError } from '../../errors/index.js';
import type { HttpRequestSpec } from './commit-status-request.js';

export interface SendCommitStatusOptions {
  signal?: AbortSignal;
  /** Give up after this long; a status is not worth holding a run for. */
  timeoutMs?: number;
  /** For tests and proxies; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/**
 * Sends a request from `commitStatusRequest` and resolves with the HTTP status of a 2xx answer.
 * Redirects are refused rather than followed, so the token is never sent to another address.
 * Throws `BERTH_CONFIG` when the forge refuses the token, repository or commit (4xx), `BERTH_TIMEOUT`
 * after `timeoutMs`, and `BERTH_INTERNAL` when the forge cannot be reached or fails (5xx). Messages never
 * contain the token.
 */
export async function sendCommitStatus(
  request: HttpRequestSpec,
  options: SendCommitStatusOptions = {},
): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
  const target = `${request.method} ${request.url}`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    if (timeout.aborted) {
      throw new BerthError('BERTH_TIMEOUT', `the forge did not answer ${target} within ${timeoutMs} ms`, {
        hint: 'Check that the forge is up and reachable from the Berth server.',
        cause: error,
      });
    }
    throw new BerthError('BERTH_FORGE_UNAVAILABLE', `could not send ${target}: ${(error as Error).message}`, {
      hint: 'Check the forge API URL and that the forge is reachable from the Berth server.',
      cause: error,
    });
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return response.status;
  const answer = `${response.status}${text === '' ? '' : `: ${text.slice(0, 300)}`}`;
  if (response.status >= 300 && response.status < 400) {
    throw new BerthError(
      'BERTH_FORGE_REJECTED',
      `the forge redirected ${target} (${response.status}); redirects are not followed`,
      {
        hint: `Set the forge API URL to the final address${response.headers.get('location') ? ` (${response.headers.get('location')})` : ''}.`,
      },
    );
  }
  if (response.status >= 400 && response.status < 500) {
    throw new BerthError('BERTH_FORGE_REJECTED', `the forge refused ${target} with ${answer}`, {
      hint:
        response.status === 401 || response.status === 403
          ? 'Check the forge token and that it may write commit statuses (GitHub: repo:status; Gitea: write:repository; GitLab: api).'
          : 'Check the repository name and that the commit exists on the forge.',
    });
  }
  throw new BerthError('BERTH_FORGE_UNAVAILABLE', `the forge failed ${target} with ${answer}`, {
    hint: 'The forge had a problem; the status will be right after the next update.',
  });
}
