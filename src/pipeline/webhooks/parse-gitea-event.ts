import { z } from 'zod';
import type { Forge } from './forge.js';
import { changedFiles, commitIdPattern, isZeroCommit, refTarget } from './git-ref.js';
import { validatePayload } from './validate-payload.js';
import type { ParsedWebhook, PullRequestInfo } from './webhook-event.js';

// Field names follow Gitea's webhook structs (modules/structs/hook.go: PushPayload, PullRequestPayload),
// which Forgejo keeps.
const commitId = z.string().regex(commitIdPattern, 'expected a 40 or 64 hex digit commit id');
const repository = z.object({
  id: z.number().int(),
  full_name: z.string().min(1),
  clone_url: z.string().min(1),
});
const user = z.object({ login: z.string().min(1) });
const commit = z.object({
  id: commitId,
  message: z.string(),
  added: z.array(z.string()).nullish(),
  modified: z.array(z.string()).nullish(),
  removed: z.array(z.string()).nullish(),
});

const giteaPushSchema = z.object({
  ref: z.string().min(1),
  before: z.string(),
  after: z.string(),
  commits: z.array(commit).nullish(),
  total_commits: z.number().int().optional(),
  head_commit: commit.nullish(),
  repository,
  sender: user,
});

const giteaPullRequestSchema = z.object({
  action: z.string(),
  number: z.number().int().positive(),
  pull_request: z.object({
    title: z.string(),
    head: z.object({ ref: z.string(), sha: commitId, repo_id: z.number().int(), repo: repository.nullish() }),
    base: z.object({ ref: z.string(), repo_id: z.number().int() }),
  }),
  repository,
  sender: user,
});

const pullRequestActions: Record<string, PullRequestInfo['action']> = {
  opened: 'opened',
  reopened: 'reopened',
  synchronized: 'synchronized',
};

/** Normalises a Gitea or Forgejo webhook (`X-Gitea-Event` / `X-Forgejo-Event` = `name`). */
export function parseGiteaEvent(
  forge: Forge,
  name: string,
  deliveryId: string,
  payload: unknown,
): ParsedWebhook {
  const base = { forge, deliveryId };
  const label = forge === 'forgejo' ? 'Forgejo' : 'Gitea';
  if (name === 'push') {
    const push = validatePayload(giteaPushSchema, payload, `${label} push`);
    if (isZeroCommit(push.after)) {
      return { ...base, event: 'ignored', name, reason: `the push deleted ${push.ref}` };
    }
    const commits = push.commits ?? [];
    const target = refTarget(push.ref);
    const head = push.head_commit ?? commits.at(-1);
    return {
      ...base,
      event: target.tag === undefined ? 'push' : 'tag',
      ref: push.ref,
      ...target,
      commit: head?.id ?? validatePayload(commitId, push.after, `${label} push after`),
      ...(isZeroCommit(push.before) ? {} : { before: push.before }),
      repoUrl: push.repository.clone_url,
      repo: push.repository.full_name,
      changedFiles: changedFiles(commits),
      // Gitea lists at most a few commits (setting FEED_MAX_COMMIT_NUM) but counts them all.
      changedFilesComplete:
        (push.total_commits ?? commits.length) <= commits.length && !isZeroCommit(push.before),
      sender: push.sender.login,
      message: head?.message ?? '',
    };
  }
  if (name === 'pull_request') {
    const event = validatePayload(giteaPullRequestSchema, payload, `${label} pull_request`);
    const action = pullRequestActions[event.action];
    if (action === undefined) {
      return {
        ...base,
        event: 'ignored',
        name,
        reason: `pull request action "${event.action}" starts no run`,
      };
    }
    const pr = event.pull_request;
    return {
      ...base,
      event: 'pull_request',
      ref: `refs/pull/${event.number}/head`,
      branch: pr.head.ref,
      commit: pr.head.sha,
      repoUrl: event.repository.clone_url,
      repo: event.repository.full_name,
      changedFiles: [],
      changedFilesComplete: false,
      sender: event.sender.login,
      message: pr.title,
      pullRequest: {
        number: event.number,
        action,
        title: pr.title,
        baseBranch: pr.base.ref,
        headRepoUrl: pr.head.repo?.clone_url ?? '',
        fromFork: pr.head.repo_id !== pr.base.repo_id,
      },
    };
  }
  return { ...base, event: 'ignored', name, reason: `${label} event "${name}" starts no run` };
}
