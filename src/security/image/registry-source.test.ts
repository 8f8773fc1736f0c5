import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BerthError } from '../../errors/index.js';
import { collectFiles } from './collect-files.js';
import { openImage } from './open-image.js';
import { configFor, sha256, tarOf } from './testing/image-fixtures.js';

/**
 * A fake registry on 127.0.0.1 speaking the distribution API with Docker's token flow: manifests and
 * blobs need `Bearer good-token`, obtained from /token with basic credentials alice:secret (or
 * anonymously for the public repository). Blobs redirect to /storage, as registries backed by S3 do.
 */
class FakeRegistry {
  readonly blobs = new Map<string, Buffer>();
  readonly manifests = new Map<string, { body: Buffer; mediaType: string }>();
  readonly log: string[] = [];
  #server: Server = createServer((req, res) => this.#handle(req, res));
  port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  addBlob(data: Buffer, mediaType: string): { mediaType: string; digest: string; size: number } {
    const digest = sha256(data);
    this.blobs.set(digest, data);
    return { mediaType, digest, size: data.length };
  }

  addManifest(
    repo: string,
    refs: string[],
    document: object,
    mediaType: string,
  ): { mediaType: string; digest: string; size: number } {
    const body = Buffer.from(JSON.stringify({ ...document, mediaType }));
    const digest = sha256(body);
    for (const ref of [...refs, digest]) this.manifests.set(`${repo}:${ref}`, { body, mediaType });
    return { mediaType, digest, size: body.length };
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', `http://${this.host}`);
    this.log.push(`${req.method} ${url.pathname}`);
    if (url.pathname === '/token') {
      const scope = url.searchParams.get('scope') ?? '';
      const basic = `Basic ${Buffer.from('alice:secret').toString('base64')}`;
      if (req.headers.authorization !== basic && !scope.startsWith('repository:public/')) {
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end('{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ access_token: 'good-token' }));
      return;
    }
    const storage = /^\/storage\/(sha256:[a-f0-9]+)$/.exec(url.pathname);
    if (storage !== null) {
      const blob = this.blobs.get(storage[1] ?? '');
      res.writeHead(blob ? 200 : 404).end(blob);
      return;
    }
    const match = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname);
    if (match === null) {
      res.writeHead(404).end();
      return;
    }
    const [, repo, kind, ref] = match;
    if (req.headers.authorization !== 'Bearer good-token') {
      res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="http://${this.host}/token",service="fake-registry",scope="repository:${repo}:pull"`,
          'content-type': 'application/json',
        })
        .end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      return;
    }
    if (kind === 'blobs') {
      if (!this.blobs.has(ref ?? ''))
        res.writeHead(404).end('{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown"}]}');
      else res.writeHead(307, { location: `/storage/${ref}` }).end();
      return;
    }
    const manifest = this.manifests.get(`${repo}:${ref}`);
    if (manifest === undefined) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
      return;
    }
    res.writeHead(200, { 'content-type': manifest.mediaType }).end(manifest.body);
  }
}

const registry = new FakeRegistry();
const listType = 'application/vnd.docker.distribution.manifest.list.v2+json';
const manifestType = 'application/vnd.docker.distribution.manifest.v2+json';
let amd64Layer: Buffer;

function pushImage(repo: string, arch: string, layer: Buffer) {
  const config = registry.addBlob(
    configFor([layer], { architecture: arch }),
    'application/vnd.docker.container.image.v1+json',
  );
  const blob = registry.addBlob(gzipSync(layer), 'application/vnd.docker.image.rootfs.diff.tar.gzip');
  return registry.addManifest(repo, [], { schemaVersion: 2, config, layers: [blob] }, manifestType);
}

beforeAll(async () => {
  await registry.start();
  amd64Layer = await tarOf([
    { name: 'etc/os-release', data: 'ID=alpine\nVERSION_ID=3.19.1\n' },
    { name: 'lib/apk/db/installed', data: 'P:musl\nV:1.2.4-r2\n\n' },
  ]);
  const arm64Layer = await tarOf([{ name: 'etc/os-release', data: 'ID=alpine\nARCH=arm64\n' }]);
  for (const repo of ['team/app', 'public/app']) {
    const amd64 = pushImage(repo, 'amd64', amd64Layer);
    const arm64 = pushImage(repo, 'arm64', arm64Layer);
    registry.addManifest(
      repo,
      ['1'],
      {
        schemaVersion: 2,
        manifests: [
          { ...arm64, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
          { ...amd64, platform: { os: 'linux', architecture: 'amd64' } },
        ],
      },
      listType,
    );
  }
});
afterAll(() => registry.stop());
beforeEach(() => {
  registry.log.length = 0;
});

const alice = { username: 'alice', password: 'secret' };

describe('registry input', () => {
  it('answers a 401 with a token from the Bearer realm, then reads linux/amd64 from the manifest list', async () => {
    const image = await openImage({ kind: 'registry', ref: `${registry.host}/team/app:1`, auth: alice });
    const { files, layers, config } = await collectFiles(
      image,
      (path) => path.startsWith('etc/') || path.startsWith('lib/'),
    );
    expect(files.get('etc/os-release')?.data.toString()).toBe('ID=alpine\nVERSION_ID=3.19.1\n');
    expect(files.get('lib/apk/db/installed')?.layer).toBe(sha256(amd64Layer));
    expect(layers[0]?.digest).toBe(sha256(gzipSync(amd64Layer)));
    expect(config.architecture).toBe('amd64');
    expect(registry.log.filter((line) => line === 'GET /token')).toHaveLength(1);
    expect(registry.log).toContain(`GET /storage/${sha256(gzipSync(amd64Layer))}`);
  });

  it('pulls anonymously when the token service allows it, and honours the platform', async () => {
    const image = await openImage({
      kind: 'registry',
      ref: `${registry.host}/public/app:1`,
      platform: 'linux/arm64',
    });
    const { files } = await collectFiles(image, (path) => path === 'etc/os-release');
    expect(files.get('etc/os-release')?.data.toString()).toContain('ARCH=arm64');
  });

  it('uses a bearer token given by the caller without asking the realm', async () => {
    const image = await openImage({
      kind: 'registry',
      ref: `${registry.host}/team/app:1`,
      auth: { bearerToken: 'good-token' },
    });
    expect(image.layerCount).toBe(1);
    expect(registry.log).not.toContain('GET /token');
  });

  it('reports refused credentials with the token service message', async () => {
    const error = (await openImage({
      kind: 'registry',
      ref: `${registry.host}/team/app:1`,
      auth: { username: 'alice', password: 'wrong' },
    }).catch((e: unknown) => e)) as BerthError;
    expect(error.message).toMatch(
      /refused a pull token for 127\.0\.0\.1:\d+\/team\/app .*\(HTTP 401\): UNAUTHORIZED bad credentials/,
    );
    expect(error.details).toMatchObject({ reason: 'registry-auth', status: 401 });
  });

  it('reports an unknown tag as not found, quoting the registry message', async () => {
    await expect(
      openImage({ kind: 'registry', ref: `${registry.host}/team/app:2`, auth: alice }),
    ).rejects.toThrow(
      /has no manifest 2 of 127\.0\.0\.1:\d+\/team\/app \(HTTP 404\): MANIFEST_UNKNOWN manifest unknown/,
    );
  });

  it('rejects a layer whose bytes do not match its digest', async () => {
    const layer = await tarOf([{ name: 'a', data: 'a' }]);
    const manifest = pushImage('team/bad', 'amd64', layer);
    registry.blobs.set(sha256(gzipSync(layer)), gzipSync(await tarOf([{ name: 'a', data: 'b' }])));
    const image = await openImage({
      kind: 'registry',
      ref: `${registry.host}/team/bad@${manifest.digest}`,
      auth: alice,
    });
    await expect(collectFiles(image, () => true)).rejects.toThrow(
      /has digest sha256:[a-f0-9]+, not the sha256:[a-f0-9]+ its manifest names/,
    );
  });

  it('says when nothing listens at the registry address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(openImage({ kind: 'registry', ref: `127.0.0.1:${port}/team/app:1` })).rejects.toThrow(
      new RegExp(`cannot reach registry 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`),
    );
  });
});
