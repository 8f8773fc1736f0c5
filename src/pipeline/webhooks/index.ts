/**
 * Webhook triggers and commit statuses (issue 6): `verifyWebhook` checks a forge's signature in constant
 * time before the body is read, `parseWebhookEvent` turns GitHub, Gitea/Forgejo and GitLab payloads into
 * one `WebhookEvent`, `DeliveryDeduper` drops redeliveries, and `commitStatusRequest` / `sendCommitStatus`
 * report a run back on the commit.
 */
export { commitStatusRequest, gitlabStates, maxStatusDescriptionLength } from './commit-status-request.js';
export type { CommitState, CommitStatusInput, HttpRequestSpec } from './commit-status-request.js';
export { DeliveryDeduper, deliveryKeys } from './delivery-deduper.js';
export type { DeliveryDeduperOptions, DeliveryStore } from './delivery-deduper.js';
export { forges, isForge } from './forge.js';
export type { Forge } from './forge.js';
export { deliveryHeaders, eventHeaders, parseWebhookEvent } from './parse-webhook-event.js';
export { sendCommitStatus } from './send-commit-status.js';
export type { SendCommitStatusOptions } from './send-commit-status.js';
export { signatureHeaders, verifyWebhook } from './verify-webhook.js';
export type { WebhookRejection, WebhookVerification } from './verify-webhook.js';
export type {
  IgnoredEvent,
  ParsedWebhook,
  PingEvent,
  PullRequestInfo,
  TriggerEventKind,
  WebhookEvent,
} from './webhook-event.js';
export type { WebhookHeaders } from './webhook-headers.js';
