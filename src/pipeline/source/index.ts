/**
 * Where pipeline runs come from (issue 6): `checkout` fetches one commit with the system git (shallow,
 * by commit, no prompts or hooks), `changedFiles` lists what a push changed for `when.path`,
 * `lsRemote` + `RemotePoller` find pushes on remotes that cannot send webhooks, and `CronScheduler`
 * fires the pipeline file's `cron` schedules.
 */
export { checkout } from './checkout.js';
export type { CheckoutOptions, CheckoutProgress, CheckoutResult } from './checkout.js';
export { changedFiles } from './changed-files.js';
export type { ChangedFilesOptions } from './changed-files.js';
export { lsRemote, parseLsRemote } from './ls-remote.js';
export type { LsRemoteOptions, RemoteHeads } from './ls-remote.js';
export { diffHeads } from './diff-heads.js';
export type { RefChange } from './diff-heads.js';
export { RemotePoller } from './remote-poller.js';
export type { PolledRepo, RemotePollerOptions } from './remote-poller.js';
export { CronScheduler } from './cron-scheduler.js';
export type { CronJob, CronSchedulerOptions } from './cron-scheduler.js';
export { systemClock } from './clock.js';
export type { Clock, TimerHandle } from './clock.js';
export { parseRepoUrl } from './repo-url.js';
export type { RepoTransport, RepoUrl } from './repo-url.js';
export { isCommitId, refProblem } from './git-ref-name.js';
export type { GitCredentials, GitEnv } from './git-env.js';
