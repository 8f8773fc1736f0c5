/**
 * Alert rules on LogQL metric queries (issue 5 item 7): Prometheus-style pending/firing state, events,
 * and Alertmanager-compatible webhooks.
 */
export { AlertManager } from './alert-manager.js';
export type { AlertManagerDeps, RuleStatus } from './alert-manager.js';
export { stepAlert } from './step-alert.js';
export type { ActiveAlert, AlertTransition } from './step-alert.js';
export { alertNotification, postWebhook } from './notify-webhook.js';
export type { AlertNotification } from './notify-webhook.js';
