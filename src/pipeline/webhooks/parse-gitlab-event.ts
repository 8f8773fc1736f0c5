import { z } from 'zod';
import { changedFiles, commitIdPattern, isZeroCommit, refTarget } from './git-ref.js';
import { validatePayload } from './validate-payload.js';
import type { ParsedWebhook, PullRequestInfo } from './webhook-event.js';

// Field names follow docs.gitlab.com "Webhook events" (push, tag, merge request events).
const commitId = z.string().regex(commitIdPattern, 'expected a 40 or 64 hex digit commit id');
const project = z.object({
  id: z.number().int(),
  path_with_namespace: z.string().min(1),
  git_http_url: z.string().min(1),
});
const commit = z.object({
  id: commitId,
  message: z.string(),
  added: z.array(z.string()).nullish(),
  modified: z.array(z.string()).nullish(),
  removed: z.array(z.string()).nullish(),
});

const gitlabPushSchema = z.object({
  object_kind: z.enum(['push', 'tag_push']),
  ref: z.string().min(1),
  before: z.string(),
  after: z.string(),
  checkout_sha: commitId.nullish(),
  message: z.string().nullish(),
  user_username: z.string(),
  project,
  commits: z.array(commit).default([]),
  total_commits_count: z.number().int().optional(),
});

const gitlabMergeRequestSchema = z.object({
  object_kind: z.literal('merge_request'),
  user: z.object({ username: z.string() }),
  project,
  object_attributes: z.object({
    iid: z.number().int().positive(),
    title: z.string(),
    action: z.string().optional(),
    oldrev: z.string().optional(),
    source_branch: z.string(),
    target_branch: z.string(),
    source_project_id: z.number().int(),
    target_project_id: z.number().int(),
    last_commit: z.object({ id: commitId, message: z.string() }),
    source: z.object({ git_http_url: z.string() }),
  }),
});

function mergeRequestAction(
  action: string | undefined,
  oldrev: string | undefined,
): PullRequestInfo['action'] | undefined {
  if (action === 'open') return 'opened';
  if (action === 'reopen') return 'reopened';
  // An update without `oldrev` changed only the title, labels or the like: no new commits.
  if (action === 'update' && oldrev !== undefined) return 'synchronized';
  return undefined;
}

/** Normalises a GitLab webhook (`X-Gitlab-Event` = `name`, e.g. `Push Hook`). */
export function parseGitlabEvent(name: string, deliveryId: string, payload: unknown): ParsedWebhook {
  const base = { forge: 'gitlab' as const, deliveryId };
  if (name === 'Push Hook' || name === 'Tag Push Hook') {
    const push = validatePayload(gitlabPushSchema, payload, `GitLab ${name}`);
    if (isZeroCommit(push.after) || push.checkout_sha === null) {
      return { ...base, event: 'ignored', name, reason: `the push deleted ${push.ref}` };
    }
    const target = refTarget(push.ref);
    const commit = push.checkout_sha ?? validatePayload(commitId, push.after, `GitLab ${name} after`);
    const head = push.commits.find((c) => c.id === commit);
    return {
      ...base,
      event: target.tag === undefined ? 'push' : 'tag',
      ref: push.ref,
      ...target,
      commit,
      ...(isZeroCommit(push.before) ? {} : { before: push.before }),
      repoUrl: push.project.git_http_url,
      repo: push.project.path_with_namespace,
      changedFiles: changedFiles(push.commits),
      // GitLab lists at most 20 commits in a push payload and counts them all in total_commits_count.
      changedFilesComplete:
        (push.total_commits_count ?? push.commits.length) <= push.commits.length &&
        !isZeroCommit(push.before),
      sender: push.user_username,
      // A tag push carries the annotation in `message`; a branch push, the commits' messages.
      message: head?.message ?? push.message ?? '',
    };
  }
  if (name === 'Merge Request Hook') {
    const event = validatePayload(gitlabMergeRequestSchema, payload, 'GitLab Merge Request Hook');
    const mr = event.object_attributes;
    const action = mergeRequestAction(mr.action, mr.oldrev);
    if (action === undefined) {
      return {
        ...base,
        event: 'ignored',
        name,
        reason: `merge request action "${mr.action ?? ''}" starts no run`,
      };
    }
    return {
      ...base,
      event: 'pull_request',
      ref: `refs/merge-requests/${mr.iid}/head`,
      branch: mr.source_branch,
      commit: mr.last_commit.id,
      ...(mr.oldrev !== undefined && !isZeroCommit(mr.oldrev) ? { before: mr.oldrev } : {}),
      repoUrl: event.project.git_http_url,
      repo: event.project.path_with_namespace,
      changedFiles: [],
      changedFilesComplete: false,
      sender: event.user.username,
      message: mr.title,
      pullRequest: {
        number: mr.iid,
        action,
        title: mr.title,
        baseBranch: mr.target_branch,
        headRepoUrl: mr.source.git_http_url,
        fromFork: mr.source_project_id !== mr.target_project_id,
      },
    };
  }
  return { ...base, event: 'ignored', name, reason: `GitLab event "${name}" starts no run` };
}
