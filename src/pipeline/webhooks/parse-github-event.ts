import { z } from 'zod';
import { changedFiles, commitIdPattern, isZeroCommit, refTarget } from './git-ref.js';
import { validatePayload } from './validate-payload.js';
import type { ParsedWebhook, PullRequestInfo } from './webhook-event.js';

// Field names follow docs.github.com "Webhook events and payloads" (push, pull_request, ping).
const commitId = z.string().regex(commitIdPattern, 'expected a 40 or 64 hex digit commit id');
const repository = z.object({ full_name: z.string().min(1), clone_url: z.string().min(1) });
const commit = z.object({
  id: commitId,
  message: z.string(),
  added: z.array(z.string()).optional(),
  modified: z.array(z.string()).optional(),
  removed: z.array(z.string()).optional(),
});

const githubPushSchema = z.object({
  ref: z.string().min(1),
  before: z.string(),
  after: z.string(),
  deleted: z.boolean().optional(),
  commits: z.array(commit).default([]),
  head_commit: commit.nullable().optional(),
  repository,
  sender: z.object({ login: z.string() }),
});

const githubPullRequestSchema = z.object({
  action: z.string(),
  number: z.number().int().positive(),
  before: z.string().optional(),
  pull_request: z.object({
    title: z.string(),
    head: z.object({ ref: z.string(), sha: commitId, repo: repository.nullable() }),
    base: z.object({ ref: z.string(), repo: repository }),
  }),
  repository,
  sender: z.object({ login: z.string() }),
});

/** GitHub sends at most 2048 commits in a push payload; beyond that the file list is incomplete. */
const maxPushCommits = 2048;

const pullRequestActions: Record<string, PullRequestInfo['action']> = {
  opened: 'opened',
  reopened: 'reopened',
  synchronize: 'synchronized',
};

/** Normalises a GitHub webhook (`X-GitHub-Event` = `name`). */
export function parseGithubEvent(name: string, deliveryId: string, payload: unknown): ParsedWebhook {
  const base = { forge: 'github' as const, deliveryId };
  if (name === 'ping') {
    const ping = validatePayload(z.object({ repository: repository.optional() }), payload, 'GitHub ping');
    return { ...base, event: 'ping', ...(ping.repository ? { repo: ping.repository.full_name } : {}) };
  }
  if (name === 'push') {
    const push = validatePayload(githubPushSchema, payload, 'GitHub push');
    if (push.deleted === true || isZeroCommit(push.after)) {
      return { ...base, event: 'ignored', name, reason: `the push deleted ${push.ref}` };
    }
    const target = refTarget(push.ref);
    const head = push.head_commit ?? push.commits.at(-1);
    return {
      ...base,
      event: target.tag === undefined ? 'push' : 'tag',
      ref: push.ref,
      ...target,
      // For an annotated tag `after` is the tag object; head_commit is the commit it points to.
      commit: head?.id ?? validatePayload(commitId, push.after, 'GitHub push after'),
      ...(isZeroCommit(push.before) ? {} : { before: push.before }),
      repoUrl: push.repository.clone_url,
      repo: push.repository.full_name,
      changedFiles: changedFiles(push.commits),
      changedFilesComplete: push.commits.length < maxPushCommits && !isZeroCommit(push.before),
      sender: push.sender.login,
      message: head?.message ?? '',
    };
  }
  if (name === 'pull_request') {
    const event = validatePayload(githubPullRequestSchema, payload, 'GitHub pull_request');
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
    const headRepo = pr.head.repo;
    return {
      ...base,
      event: 'pull_request',
      ref: `refs/pull/${event.number}/head`,
      branch: pr.head.ref,
      commit: pr.head.sha,
      ...(event.before !== undefined && !isZeroCommit(event.before) ? { before: event.before } : {}),
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
        // A deleted fork has no head repository: treat it as a fork.
        headRepoUrl: headRepo?.clone_url ?? '',
        fromFork: headRepo === null || headRepo.full_name !== pr.base.repo.full_name,
      },
    };
  }
  return { ...base, event: 'ignored', name, reason: `GitHub event "${name}" starts no run` };
}
