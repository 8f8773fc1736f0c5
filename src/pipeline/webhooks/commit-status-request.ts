import { BerthError } from '../../errors/index.js';
import type { Forge } from './forge.js';
import { commitIdPattern } from './git-ref.js';

/** Berth's view of a run, reported on the commit. */
export type CommitState = 'pending' | 'success' | 'failure' | 'error';

export interface CommitStatusInput {
  /**
   * Where the forge's API lives: GitHub `https://api.github.com` (Enterprise: `https://host/api/v3`);
   * Gitea/Forgejo and GitLab: the instance URL (`https://git.example.com`), `/api/v1` or `/api/v4` is added
   * unless already there.
   */
  apiBase: string;
  /** `owner/name`; for GitLab a numeric project id or a `group/sub/project` path. */
  repo: string | number;
  sha: string;
  state: CommitState;
  /** Link to the run in Berth's dashboard. */
  targetUrl: string;
  description: string;
  /** The status's name on the forge, e.g. `berth/pipeline`; a new state replaces the one with the same context. */
  context: string;
  token: string;
}

/** A ready-to-send HTTP request. */
export interface HttpRequestSpec {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * GitLab has no `pending`-while-working or `error` state: a Berth run that is queued or running shows as
 * `running`, and one that could not finish (`error`: cancelled, infrastructure failure) as `canceled`.
 */
export const gitlabStates: Record<CommitState, string> = {
  pending: 'running',
  success: 'success',
  failure: 'failed',
  error: 'canceled',
};

/** GitHub refuses descriptions over 140 characters; the others take them, but a status line is short anyway. */
export const maxStatusDescriptionLength = 140;

/**
 * Builds the request that sets a commit status, exactly as each forge's API takes it:
 * - GitHub `POST /repos/{owner}/{repo}/statuses/{sha}` with `state`, `target_url`, `description`, `context`
 *   (docs.github.com, REST "Commit statuses"), bearer token, API version 2022-11-28;
 * - Gitea/Forgejo `POST /api/v1/repos/{owner}/{repo}/statuses/{sha}` with the same body (CreateStatusOption),
 *   `Authorization: token …`;
 * - GitLab `POST /api/v4/projects/{id}/statuses/{sha}` with `state` mapped by {@link gitlabStates}, `name`,
 *   `target_url`, `description` (docs.gitlab.com, Commits API "Set the pipeline status of a commit"),
 *   `PRIVATE-TOKEN`.
 * Throws `BERTH_CONFIG` for a malformed API URL, repository, commit or link.
 */
export function commitStatusRequest(forge: Forge, input: CommitStatusInput): HttpRequestSpec {
  const base = checkedUrl(input.apiBase, 'forge API URL').replace(/\/+$/, '');
  checkedUrl(input.targetUrl, 'run link');
  if (!commitIdPattern.test(input.sha)) {
    throw new BerthError('BERTH_CONFIG', `"${input.sha}" is not a full commit id`, {
      hint: 'Report statuses for the 40 (or 64) hex digit commit the run built.',
    });
  }
  if (input.token === '') {
    throw new BerthError('BERTH_CONFIG', `no ${forge} token is configured for commit statuses`, {
      hint: 'Configure a forge token with permission to write commit statuses, or leave status reporting off.',
    });
  }
  const description = truncate(input.description, maxStatusDescriptionLength);
  const json = { 'Content-Type': 'application/json', 'User-Agent': 'berth' };
  if (forge === 'gitlab') {
    const project = typeof input.repo === 'number' ? String(input.repo) : checkedGitlabProject(input.repo);
    return {
      method: 'POST',
      url: `${withSuffix(base, '/api/v4')}/projects/${encodeURIComponent(project)}/statuses/${input.sha}`,
      headers: { ...json, Accept: 'application/json', 'PRIVATE-TOKEN': input.token },
      body: JSON.stringify({
        state: gitlabStates[input.state],
        name: input.context,
        target_url: input.targetUrl,
        description,
      }),
    };
  }
  const [owner, name] = ownerAndName(String(input.repo));
  const path = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/statuses/${input.sha}`;
  const body = JSON.stringify({
    state: input.state,
    target_url: input.targetUrl,
    description,
    context: input.context,
  });
  if (forge === 'github') {
    return {
      method: 'POST',
      url: `${base}${path}`,
      headers: {
        ...json,
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${input.token}`,
        'X-GitHub-Api-Version': '2022-11-28',
      },
      body,
    };
  }
  return {
    method: 'POST',
    url: `${withSuffix(base, '/api/v1')}${path}`,
    headers: { ...json, Accept: 'application/json', Authorization: `token ${input.token}` },
    body,
  };
}

function checkedUrl(value: string, what: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new BerthError('BERTH_CONFIG', `the ${what} "${value}" is not an http(s) URL`, {
      hint: 'Give a full URL such as https://git.example.com.',
    });
  }
  return value;
}

function ownerAndName(repo: string): [string, string] {
  const parts = repo.split('/');
  if (parts.length !== 2 || parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw new BerthError('BERTH_CONFIG', `"${repo}" is not an owner/name repository`, {
      hint: 'Name the repository as owner/name, e.g. acme/shop.',
    });
  }
  return [parts[0] ?? '', parts[1] ?? ''];
}

function checkedGitlabProject(repo: string): string {
  if (/^\d+$/.test(repo)) return repo;
  const parts = repo.split('/');
  if (parts.length < 2 || parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw new BerthError('BERTH_CONFIG', `"${repo}" is not a GitLab project id or group/project path`, {
      hint: 'Use the numeric project id or the full path, e.g. acme/backend/shop.',
    });
  }
  return repo;
}

function withSuffix(base: string, suffix: string): string {
  return base.endsWith(suffix) ? base : `${base}${suffix}`;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
