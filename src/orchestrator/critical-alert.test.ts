import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../store/index.js';
import { criticalAlertSince } from './critical-alert.js';

const event = (id: number, at: number, kind: string, severity?: string): AppEvent => ({
  id,
  app: 'shop',
  at,
  kind,
  message: `${kind} ${id}`,
  data: severity === undefined ? null : { severity, alert: `a${id}` },
});

describe('criticalAlertSince', () => {
  it('finds the first critical alert that fired during verification, ignoring older and milder ones', () => {
    const events = [
      event(1, 100, 'alert.firing', 'critical'),
      event(2, 300, 'alert.firing', 'warning'),
      event(3, 500, 'alert.firing', 'critical'),
      event(4, 400, 'alert.firing', 'critical'),
      event(5, 450, 'alert.resolved', 'critical'),
    ];
    expect(criticalAlertSince(events, 200)?.id).toBe(4);
    expect(criticalAlertSince(events, 600)).toBeUndefined();
  });
});
