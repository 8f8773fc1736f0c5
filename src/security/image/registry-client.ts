import { imageError } from './image-errors.js';
import type { Descriptor } from './image-schemas.js';
import type { RegistryAuth } from './image-types.js';
import type { RegistryReference } from './registry-reference.js';
import { verifiedStream, verifyDigest } from './verify-digest.js';
import { parseAuthChallenge } from './www-authenticate.js';

/** Every manifest shape Berth reads; schema 1 is deliberately absent (deprecated, unsigned digests). */
const manifestAccept = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const maxJsonBytes = 8 * 1024 * 1024;

export interface RegistryClientOptions {
  auth?: RegistryAuth | undefined;
  plainHttp: boolean;
}

/**
 * A read-only client of the OCI distribution API (opencontainers/distribution-spec spec.md, "Pull") for
 * one repository, with Docker's token flow: a 401 carrying `WWW-Authenticate: Bearer realm=…` is answered
 * by fetching a token from the realm (with basic credentials when given) and retrying once.
 */
export class RegistryClient {
  readonly #ref: RegistryReference;
  readonly #options: RegistryClientOptions;
  readonly #base: string;
  #authorization: string | undefined;

  constructor(ref: RegistryReference, options: RegistryClientOptions) {
    this.#ref = ref;
    this.#options = options;
    this.#base = `${options.plainHttp ? 'http' : 'https'}://${ref.host}/v2/${ref.repository}`;
    if (options.auth !== undefined && 'bearerToken' in options.auth) {
      this.#authorization = `Bearer ${options.auth.bearerToken}`;
    }
  }

  get #name(): string {
    return `${this.#ref.host}/${this.#ref.repository}`;
  }

  /** Fetches a manifest or index by tag or digest; verifies it when asked by digest. */
  async manifest(reference: string, signal?: AbortSignal): Promise<Buffer> {
    const what = `manifest ${reference} of ${this.#name}`;
    const response = await this.#get(`manifests/${reference}`, manifestAccept, what, signal);
    const body = await boundedBody(response, what);
    if (reference.includes(':')) verifyDigest(body, reference, what);
    const schemaVersion = (tryJson(body) as { schemaVersion?: unknown } | undefined)?.schemaVersion;
    if (schemaVersion === 1) {
      throw imageError('unsupported', `${what} is a Docker schema 1 manifest`, {
        hint: 'Schema 1 is deprecated and unsupported; push the image again with a current Docker or buildx.',
      });
    }
    return body;
  }

  /** Fetches a small blob (a config) whole and verifies its digest. */
  async blobBytes(descriptor: Descriptor, signal?: AbortSignal): Promise<Buffer> {
    const what = `blob ${descriptor.digest} of ${this.#name}`;
    const body = await boundedBody(await this.#get(`blobs/${descriptor.digest}`, '*/*', what, signal), what);
    verifyDigest(body, descriptor.digest, what);
    return body;
  }

  /** Streams a blob (a layer); the stream throws at its end if the bytes do not match the digest. */
  async *blob(descriptor: Descriptor, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
    const what = `layer ${descriptor.digest} of ${this.#name}`;
    const response = await this.#get(`blobs/${descriptor.digest}`, '*/*', what, signal);
    if (response.body === null) return;
    yield* verifiedStream(response.body, descriptor.digest, what);
  }

  async #get(path: string, accept: string, what: string, signal: AbortSignal | undefined): Promise<Response> {
    let response = await this.#send(`${this.#base}/${path}`, accept, signal);
    if (response.status === 401 && !this.#tokenWasGiven()) {
      await response.body?.cancel();
      this.#authorization = await this.#authorize(response.headers.get('www-authenticate'), signal);
      response = await this.#send(`${this.#base}/${path}`, accept, signal);
    }
    if (response.ok) return response;
    throw await this.#failure(response, what);
  }

  #tokenWasGiven(): boolean {
    return this.#options.auth !== undefined && 'bearerToken' in this.#options.auth;
  }

  async #send(url: string, accept: string, signal: AbortSignal | undefined): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (this.#authorization !== undefined) headers['authorization'] = this.#authorization;
    try {
      return await fetch(url, { headers, redirect: 'follow', ...(signal === undefined ? {} : { signal }) });
    } catch (error) {
      throw this.#unreachable(url, error);
    }
  }

  #unreachable(url: string, error: unknown): Error {
    if (error instanceof Error && error.name === 'AbortError') return error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return imageError(
      'registry',
      `cannot reach registry ${this.#ref.host} (${cause?.code ?? cause?.message ?? String(error)})`,
      {
        hint: this.#options.plainHttp
          ? 'Check the registry address and that it is running.'
          : `Check the registry address and your network; a registry without TLS needs plainHttp (tried ${new URL(url).origin}).`,
        cause: error,
      },
    );
  }

  /** Docker's token flow (distribution/distribution docs/spec/auth/token.md). */
  async #authorize(header: string | null, signal: AbortSignal | undefined): Promise<string> {
    const challenge = parseAuthChallenge(header ?? '');
    const auth = this.#options.auth;
    const basic =
      auth !== undefined && 'username' in auth
        ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
        : undefined;
    if (challenge?.scheme === 'basic' && basic !== undefined) return basic;
    const realm = challenge?.params['realm'];
    if (challenge?.scheme !== 'bearer' || realm === undefined) {
      throw imageError('registry-auth', `registry ${this.#ref.host} asks for credentials for ${this.#name}`, {
        hint: 'Pass auth: { username, password } (an access token works as the password).',
        details: { challenge: header },
      });
    }
    const url = new URL(realm);
    const service = challenge.params['service'];
    if (service !== undefined) url.searchParams.set('service', service);
    url.searchParams.set('scope', challenge.params['scope'] ?? `repository:${this.#ref.repository}:pull`);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: basic === undefined ? {} : { authorization: basic },
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      throw this.#unreachable(url.href, error);
    }
    if (!response.ok)
      throw await this.#failure(response, `a pull token for ${this.#name} from ${url.origin}`);
    const body = tryJson(await boundedBody(response, 'token response')) as
      { token?: unknown; access_token?: unknown } | undefined;
    const token = body?.token ?? body?.access_token;
    if (typeof token !== 'string' || token === '') {
      throw imageError(
        'registry-auth',
        `the token service ${url.origin} returned no token for ${this.#name}`,
        {
          hint: 'The token endpoint answered without `token` or `access_token`; check the realm.',
        },
      );
    }
    return `Bearer ${token}`;
  }

  async #failure(response: Response, what: string): Promise<Error> {
    const text = await response.text().catch(() => '');
    const parsed = tryJson(Buffer.from(text.slice(0, 4096))) as
      { errors?: { code?: string; message?: string }[] } | undefined;
    const detail = parsed?.errors?.[0];
    const said =
      detail === undefined
        ? text.slice(0, 200).trim()
        : `${detail.code ?? ''} ${detail.message ?? ''}`.trim();
    const suffix = said === '' ? '' : `: ${said}`;
    const status = response.status;
    if (status === 401 || status === 403) {
      return imageError(
        'registry-auth',
        `registry ${this.#ref.host} refused ${what} (HTTP ${status})${suffix}`,
        {
          hint: 'Check the credentials and that they may pull this repository; private images need auth.',
          details: { status },
        },
      );
    }
    if (status === 404) {
      return imageError('not-found', `registry ${this.#ref.host} has no ${what} (HTTP 404)${suffix}`, {
        hint: 'Check the repository name and tag, e.g. with `docker manifest inspect`.',
        details: { status },
      });
    }
    return imageError('registry', `registry ${this.#ref.host} failed on ${what} (HTTP ${status})${suffix}`, {
      hint: status === 429 ? 'The registry rate-limits pulls; wait or authenticate.' : 'Retry later.',
      details: { status },
    });
  }
}

function tryJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

async function boundedBody(response: Response, what: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body === null) return Buffer.alloc(0);
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxJsonBytes) {
      // Leaving the loop cancels the body.
      throw imageError('invalid', `${what} is larger than ${maxJsonBytes} bytes`, {
        hint: 'Manifests, configs and tokens are small JSON documents; the registry sent something else.',
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
