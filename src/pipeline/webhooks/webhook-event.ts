import type { Forge } from './forge.js';

/** What a run can be triggered by. */
export type TriggerEventKind = 'push' | 'tag' | 'pull_request';

/** A pull or merge request, as far as deciding whether to trust it goes. */
export interface PullRequestInfo {
  number: number;
  /** The forge's action, normalised: `opened`, `reopened` or `synchronized` (new commits). */
  action: 'opened' | 'reopened' | 'synchronized';
  title: string;
  /** The branch the request targets. */
  baseBranch: string;
  /** Clone URL of the repository the commits come from. */
  headRepoUrl: string;
  /** True when the commits come from another repository (a fork): never trusted with secrets by default. */
  fromFork: boolean;
}

/** A webhook that should start a pipeline run, the same shape for every forge. */
export interface WebhookEvent {
  forge: Forge;
  /** The forge's id for this event; a redelivery carries the same one (except Gitea, see DeliveryDeduper). */
  deliveryId: string;
  event: TriggerEventKind;
  /** The full ref: `refs/heads/main`, `refs/tags/v1.2.0`, `refs/pull/7/head`, `refs/merge-requests/7/head`. */
  ref: string;
  branch?: string;
  tag?: string;
  /** The commit to build (40 or 64 hex digits). */
  commit: string;
  /** The commit the ref pointed to before a push, when the forge says (absent for a new ref). */
  before?: string;
  /** HTTPS clone URL of the repository that received the event. */
  repoUrl: string;
  /** `owner/name` (GitLab: `group/sub/project`), as the commit-status APIs take it. */
  repo: string;
  /** Files added, modified or removed by the pushed commits, sorted, without duplicates. */
  changedFiles: string[];
  /** False when the forge truncated the commit list, so `changedFiles` may miss some. */
  changedFilesComplete: boolean;
  /** Login of the user who pushed or opened the request. */
  sender: string;
  /** Head commit message (pull request: its title; annotated GitLab tag: the tag message). */
  message: string;
  pullRequest?: PullRequestInfo;
}

/** GitHub's `ping`, sent when a webhook is created: answered, never run. */
export interface PingEvent {
  forge: Forge;
  deliveryId: string;
  event: 'ping';
  repo?: string;
}

/** A well-formed webhook that starts nothing (a deleted branch, a closed pull request, an issue comment). */
export interface IgnoredEvent {
  forge: Forge;
  deliveryId: string;
  event: 'ignored';
  /** The forge's event name (`X-GitHub-Event` and the like). */
  name: string;
  reason: string;
}

export type ParsedWebhook = WebhookEvent | PingEvent | IgnoredEvent;
