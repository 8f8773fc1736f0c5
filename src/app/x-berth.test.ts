import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { loadCompose, type ProbeSpec } from './index.js';

const projectDir = '/srv/shop';
const file = `${projectDir}/compose.yaml`;
const prefix = 'services:\n  web:\n    image: nginx\n    x-berth:\n';

function probes(xBerth: string): { readiness?: ProbeSpec; liveness?: ProbeSpec } {
  const content = prefix + xBerth.replace(/^/gm, '      ');
  const loaded = loadCompose({
    file: { path: file, content },
    projectDir,
    environment: {},
    readFile: () => undefined,
  });
  return loaded.spec.services.web?.probes ?? {};
}

function failure(xBerth: string): BerthError {
  try {
    probes(xBerth);
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected loadCompose to fail');
}

const timing = {
  initialDelayMs: 0,
  periodMs: 10_000,
  timeoutMs: 1000,
  successThreshold: 1,
  failureThreshold: 3,
};

describe('x-berth probes', () => {
  it.each([
    [
      'readiness: { http: { port: 8080 } }',
      {
        readiness: {
          handler: { type: 'http', port: 8080, path: '/', scheme: 'http', headers: {} },
          ...timing,
        },
      },
    ],
    [
      'readiness:\n  http: { port: 8443, path: /ready, scheme: https, headers: { Host: shop.example.com } }',
      {
        readiness: {
          handler: {
            type: 'http',
            port: 8443,
            path: '/ready',
            scheme: 'https',
            headers: { Host: 'shop.example.com' },
          },
          ...timing,
        },
      },
    ],
    ['liveness: { tcp: { port: 5432 } }', { liveness: { handler: { type: 'tcp', port: 5432 }, ...timing } }],
    [
      'liveness: { exec: { command: "pg_isready -U postgres" } }',
      { liveness: { handler: { type: 'exec', command: ['sh', '-c', 'pg_isready -U postgres'] }, ...timing } },
    ],
    [
      'readiness: { exec: { command: [cat, /tmp/ready] } }',
      { readiness: { handler: { type: 'exec', command: ['cat', '/tmp/ready'] }, ...timing } },
    ],
    [
      'readiness:\n  tcp: { port: 80 }\n  initialDelay: 5s\n  period: 2s\n  timeout: 1500ms\n  successThreshold: 2\n  failureThreshold: 5',
      {
        readiness: {
          handler: { type: 'tcp', port: 80 },
          initialDelayMs: 5000,
          periodMs: 2000,
          timeoutMs: 1500,
          successThreshold: 2,
          failureThreshold: 5,
        },
      },
    ],
  ])('normalises %s with Kubernetes defaults', (xBerth, expected) => {
    expect(probes(xBerth)).toEqual(expected);
  });

  it('keeps both probes', () => {
    const both = probes('readiness: { http: { port: 80 } }\nliveness: { tcp: { port: 80 } }');
    expect(Object.keys(both)).toEqual(['readiness', 'liveness']);
  });

  it.each([
    [
      'readiness: { initialDelay: 1s }',
      'services.web.x-berth.readiness: a probe needs exactly one of http, tcp, exec (found none)',
      5,
      18,
    ],
    [
      'readiness: { http: { port: 80 }, tcp: { port: 80 } }',
      'services.web.x-berth.readiness: a probe needs exactly one of http, tcp, exec (found http and tcp)',
      5,
      18,
    ],
    ['readiness: { http: { path: /x } }', 'services.web.x-berth.readiness.http: http needs a "port"', 5, 26],
    [
      'readiness: { tcp: { port: 70000 } }',
      'services.web.x-berth.readiness.tcp.port: "70000" is not an integer from 1 to 65535',
      5,
      33,
    ],
    [
      'readiness: { http: { port: 80, path: healthz } }',
      'services.web.x-berth.readiness.http.path: path "healthz" does not start with "/"',
      5,
      44,
    ],
    [
      'readiness: { tcp: { port: 80 }, period: 500ms }',
      'services.web.x-berth.readiness.period: "500ms" is shorter than 1000ms',
      5,
      47,
    ],
    [
      'readiness: { tcp: { port: 80 }, timeout: 0s }',
      'services.web.x-berth.readiness.timeout: "0s" is shorter than 1000ms',
      5,
      48,
    ],
    [
      'readiness: { tcp: { port: 80 }, failureThreshold: 0 }',
      'services.web.x-berth.readiness.failureThreshold: "0" is not an integer >= 1',
      5,
      57,
    ],
    [
      'liveness: { tcp: { port: 80 }, successThreshold: 2 }',
      'services.web.x-berth.liveness.successThreshold: successThreshold must be 1 for a liveness probe, got 2',
      5,
      56,
    ],
    [
      'readiness: { http: { port: 80, scheme: ftp } }',
      'services.web.x-berth.readiness.http.scheme: "ftp" is not one of "http", "https"',
      5,
      46,
    ],
    ['readiness: { exec: {} }', 'services.web.x-berth.readiness.exec: exec needs a "command"', 5, 26],
  ])('rejects %s', (xBerth, message, line, column) => {
    const error = failure(xBerth);
    expect(error.code).toBe('BERTH_COMPOSE_INVALID');
    expect(error.message).toBe(message);
    expect(error.position).toEqual({ file, line, column });
    expect(error.hint).toBeTruthy();
  });

  it('rejects unknown keys inside x-berth, even x-* ones', () => {
    expect(failure('readiness: { tcp: { port: 80 }, x-comment: hi }')).toMatchObject({
      code: 'BERTH_COMPOSE_UNSUPPORTED_KEY',
      message: 'services.web.x-berth.readiness.x-comment: key "x-comment" is not supported by Berth',
      position: { file, line: 5, column: 39 },
      hint: 'Remove it; supported keys here are: http, tcp, exec, initialDelay, period, timeout, successThreshold, failureThreshold.',
    });
  });
});
