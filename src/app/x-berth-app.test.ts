import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { loadCompose } from './load-compose.js';

const load = (extension: string) =>
  loadCompose({
    file: {
      path: '/p/compose.yaml',
      content: `name: shop\nservices:\n  web:\n    image: nginx\nx-berth:\n${extension}`,
    },
    projectDir: '/p',
    environment: {},
    readFile: () => undefined,
  }).spec;

function failure(extension: string): BerthError {
  try {
    load(extension);
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected a BerthError');
}

describe('the app-level x-berth block', () => {
  it('reads log retention and alert rules with defaults', () => {
    const spec = load(`  logs: { retention: 72h, maxSize: 500m }
  alerts:
    - name: errors
      expr: 'sum(count_over_time({service="web"} |= "ERROR" [1m])) > 5'
      for: 30s
      webhook: http://127.0.0.1:9000/hook
`);
    expect(spec.logs).toEqual({ retentionMs: 3 * 86_400_000, maxBytes: 500 * 1024 * 1024 });
    expect(spec.alerts).toEqual([
      {
        name: 'errors',
        expr: 'sum(count_over_time({service="web"} |= "ERROR" [1m])) > 5',
        forMs: 30_000,
        everyMs: 15_000,
        severity: 'warning',
        webhook: 'http://127.0.0.1:9000/hook',
      },
    ]);
  });

  it('points a LogQL syntax error at the alert expression', () => {
    const error = failure(`  alerts:\n    - { name: bad, expr: 'rate({service="web"} [1m]) > many' }\n`);
    expect(error.code).toBe('BERTH_COMPOSE_INVALID');
    expect(error.message).toContain(
      'x-berth.alerts[0].expr: invalid LogQL: expected a number to compare with',
    );
    expect(error.position).toMatchObject({ file: '/p/compose.yaml', line: 7 });
  });

  it.each([
    ['a log query', `  alerts:\n    - { name: a, expr: '{service="web"}' }\n`, 'must be a metric query'],
    ['a missing expr', `  alerts:\n    - { name: a }\n`, 'an alert needs "expr"'],
    [
      'a duplicate name',
      `  alerts:\n    - { name: a, expr: 'rate({a="b"}[1m])' }\n    - { name: a, expr: 'rate({a="b"}[1m])' }\n`,
      'defined twice',
    ],
    [
      'a non-http webhook',
      `  alerts:\n    - { name: a, expr: 'rate({a="b"}[1m])', webhook: 'file:///etc/passwd' }\n`,
      'is not an http(s) URL',
    ],
    ['an unknown key', `  logz: {}\n`, 'key "logz" is not supported'],
    ['a tiny retention', `  logs: { retention: 10s }\n`, 'shorter than 60000ms'],
  ])('refuses %s', (_label, extension, message) => {
    expect(failure(extension).message).toContain(message);
  });
});
