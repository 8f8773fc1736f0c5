import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import { commitStatusRequest } from './commit-status-request.js';
import { sendCommitStatus } from './send-commit-status.js';

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

const sha = '6b1f53303a732ccc8c6aae6640399827c15250e3';
let server: Server;
let base = '';
const received: Received[] = [];

/** A stand-in forge on 127.0.0.1: the repository name picks the answer. */
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body });
      const url = request.url ?? '';
      if (url.includes('/acme/shop/'))
        response.writeHead(201, { 'content-type': 'application/json' }).end('{"id":1}');
      else if (url.includes('/acme/locked/'))
        response.writeHead(403).end('{"message":"Resource not accessible by integration"}');
      else if (url.includes('/acme/moved/'))
        response.writeHead(301, { location: 'http://198.51.100.7/x' }).end();
      else if (url.includes('/acme/broken/')) response.writeHead(502).end('bad gateway');
      else if (url.includes('/acme/slow/')) setTimeout(() => response.writeHead(201).end('{}'), 1_000);
      else response.writeHead(404).end('{"message":"Not Found"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const request = (repo: string) =>
  commitStatusRequest('gitea', {
    apiBase: base,
    repo,
    sha,
    state: 'success',
    targetUrl: 'https://berth.example.com/runs/7',
    description: 'passed',
    context: 'berth/pipeline',
    token: 'forge-token-1234',
  });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('sendCommitStatus', () => {
  it('sends the built request as is and resolves with the status code', async () => {
    received.length = 0;
    await expect(sendCommitStatus(request('acme/shop'))).resolves.toBe(201);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: `/api/v1/repos/acme/shop/statuses/${sha}`,
      headers: { authorization: 'token forge-token-1234', 'content-type': 'application/json' },
    });
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({
      state: 'success',
      target_url: 'https://berth.example.com/runs/7',
      description: 'passed',
      context: 'berth/pipeline',
    });
  });

  it.each([
    ['refused token', 'acme/locked', 'BERTH_FORGE_REJECTED', /403: {"message":"Resource not accessible/],
    ['unknown repository', 'acme/gone', 'BERTH_FORGE_REJECTED', /404/],
    ['redirect, which is not followed', 'acme/moved', 'BERTH_FORGE_REJECTED', /redirected .* \(301\)/],
    ['forge failure', 'acme/broken', 'BERTH_FORGE_UNAVAILABLE', /502: bad gateway/],
  ])('reports a %s with a clear error that never contains the token', async (_case, repo, code, message) => {
    const error = await failure(sendCommitStatus(request(repo)));
    expect(isBerthError(error) && error.code).toBe(code);
    expect(String(error)).toMatch(message);
    expect(JSON.stringify(isBerthError(error) ? error.toJSON() : error)).not.toContain('forge-token-1234');
  });

  it('gives up after timeoutMs', async () => {
    const error = await failure(sendCommitStatus(request('acme/slow'), { timeoutMs: 100 }));
    expect(isBerthError(error) && error.code).toBe('BERTH_TIMEOUT');
    expect(String(error)).toMatch(/within 100 ms/);
  });

  it('reports a forge that cannot be reached', async () => {
    const closed = { ...request('acme/shop'), url: 'http://127.0.0.1:1/api/v1/repos/acme/shop/statuses/x' };
    const error = await failure(sendCommitStatus(closed));
    expect(isBerthError(error) && error.code).toBe('BERTH_FORGE_UNAVAILABLE');
    expect(String(error)).toMatch(/could not send POST http:\/\/127.0.0.1:1/);
  });
});
