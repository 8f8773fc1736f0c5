import type { AlertTransition } from './step-alert.js';

/** What a webhook receives: the shape of Alertmanager's webhook (version 4), so existing receivers work. */
export interface AlertNotification {
  version: '4';
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: { alertname: string };
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: {
    status: 'firing' | 'resolved';
    labels: Record<string, string>;
    annotations: Record<string, string>;
    startsAt: string;
    endsAt: string;
    value: number;
  }[];
}

export interface AlertContext {
  app: string;
  rule: { name: string; expr: string; severity: string; summary?: string };
  externalUrl: string;
}

export function alertNotification(context: AlertContext, transition: AlertTransition): AlertNotification {
  const labels = {
    ...transition.labels,
    alertname: context.rule.name,
    app: context.app,
    severity: context.rule.severity,
  };
  const annotations = {
    expr: context.rule.expr,
    ...(context.rule.summary === undefined ? {} : { summary: context.rule.summary }),
  };
  return {
    version: '4',
    status: transition.kind,
    receiver: `berth/${context.app}`,
    groupLabels: { alertname: context.rule.name },
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: context.externalUrl,
    alerts: [
      {
        status: transition.kind,
        labels,
        annotations,
        startsAt: new Date(transition.activeSinceMs).toISOString(),
        // Alertmanager's zero time for "still firing".
        endsAt:
          transition.kind === 'resolved' ? new Date(transition.atMs).toISOString() : '0001-01-01T00:00:00Z',
        value: transition.value,
      },
    ],
  };
}

/**
 * POSTs a notification as JSON; retries network errors, 429 and 5xx up to `attempts` times with a
 * doubling delay. Returns the last HTTP status, or throws the last error.
 */
export async function postWebhook(
  url: string,
  body: unknown,
  options: { attempts?: number; timeoutMs?: number; firstDelayMs?: number; fetch?: typeof fetch } = {},
): Promise<number> {
  const attempts = options.attempts ?? 3;
  const send = options.fetch ?? fetch;
  let delay = options.firstDelayMs ?? 1000;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'berth-alerts' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      await response.body?.cancel();
      if (response.status < 500 && response.status !== 429) return response.status;
      lastError = new Error(`webhook answered ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, delay));
    delay *= 2;
  }
  throw lastError;
}
