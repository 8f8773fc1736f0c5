import { ByteReader } from './byte-reader.js';
import { decompress } from './decompress.js';
import { imageError, parseImageJson } from './image-errors.js';
import { DockerArchiveManifestSchema, ImageConfigSchema } from './image-schemas.js';
import type { ImageLayout, LayerInfo, LayerVisitor } from './image-types.js';
import { normalizeLayerPath, parentOf } from './layer-path.js';
import { readTar } from './tar-reader.js';

/** manifest.json, configs, OCI indexes and manifests are small; a larger JSON entry is not metadata. */
const maxJsonBytes = 8 * 1024 * 1024;

export interface DockerArchiveOptions {
  /** Names the archive in messages. */
  what: string;
  /** Picks one image from an archive of several (`RepoTags` entry); default the first. */
  ref?: string | undefined;
  signal?: AbortSignal | undefined;
}

const looksLikeJson = (head: Buffer): boolean => /^\s*[[{]/.test(head.toString('latin1', 0, 64));

/** `blobs/sha256/<hex>` → `sha256:<hex>`; legacy `<id>/layer.tar` has no content digest. */
function blobDigest(path: string): string | undefined {
  const match = /^blobs\/([a-z0-9]+)\/([a-f0-9]+)$/.exec(path);
  return match === null ? undefined : `${match[1]}:${match[2]}`;
}

/** `busybox` means `busybox:latest`; Docker Hub names may carry `docker.io/` and `library/`. */
function tagMatches(tag: string, ref: string): boolean {
  const canonical = (name: string): string => {
    const base = name.replace(/^docker\.io\//, '').replace(/^library\//, '');
    return /:[^/]+$/.test(base) ? base : `${base}:latest`;
  };
  return canonical(tag) === canonical(ref);
}

/**
 * Reads a `docker save` stream once, front to back: each layer is handed to `visit` as it passes (the
 * manifest comes last in Docker's archives, so order is settled afterwards) and small JSON documents are
 * kept to find the config and the layer order. Understands legacy archives (`<id>/layer.tar`) and Docker
 * 25+ OCI-shaped ones (`blobs/sha256/…`, with or without manifest.json).
 */
export async function readDockerArchive(
  source: AsyncIterable<Uint8Array>,
  visit: LayerVisitor,
  options: DockerArchiveOptions,
): Promise<ImageLayout> {
  const json = new Map<string, Buffer>();
  const visited = new Set<string>();
  const aliases = new Map<string, string>();
  for await (const entry of readTar(source, options.what)) {
    options.signal?.throwIfAborted();
    const path = normalizeLayerPath(entry.path);
    if (entry.type === 'symlink' || entry.type === 'hardlink') {
      // Legacy archives link a repeated layer to its first copy (`<id>/layer.tar -> ../<id0>/layer.tar`).
      const base = entry.type === 'symlink' ? `${parentOf(path)}/` : '';
      aliases.set(path, normalizeLayerPath(`${base}${entry.linkName}`));
      continue;
    }
    if (entry.type !== 'file') continue;
    const body = new ByteReader(entry.body);
    const head = await body.peek(64);
    if (entry.size <= maxJsonBytes && looksLikeJson(head)) {
      json.set(path, await body.read(entry.size));
    } else if (path.endsWith('layer.tar') || path.startsWith('blobs/')) {
      const digest = blobDigest(path);
      await visit({ key: path, tar: decompress(body.rest(), `layer ${digest ?? path} of ${options.what}`) });
      visited.add(path);
    }
  }

  const layout = await layoutOf(json, options);
  const layers = layout.layers.map((layer) => ({ ...layer, key: aliases.get(layer.key) ?? layer.key }));
  const missing = layers.find((layer) => !visited.has(layer.key));
  if (missing !== undefined) {
    throw imageError('invalid', `${options.what} lacks layer "${missing.key}" that its manifest lists`, {
      hint: 'The archive is incomplete; run `docker save` again.',
    });
  }
  return { config: layout.config, layers };
}

async function layoutOf(json: Map<string, Buffer>, options: DockerArchiveOptions): Promise<ImageLayout> {
  const manifestJson = json.get('manifest.json');
  if (manifestJson !== undefined) {
    const entries = parseImageJson(
      DockerArchiveManifestSchema,
      manifestJson,
      `manifest.json of ${options.what}`,
    );
    const ref = options.ref;
    const entry =
      ref === undefined
        ? entries[0]
        : entries.find((e) => (e.RepoTags ?? []).some((tag) => tagMatches(tag, ref)));
    if (entry === undefined) {
      const tags = entries.flatMap((e) => e.RepoTags ?? []);
      throw imageError('not-found', `${options.what} has no image ${ref === undefined ? '' : `"${ref}"`}`, {
        hint: `The archive holds: ${tags.join(', ') || '(untagged images)'}.`,
      });
    }
    const configPath = normalizeLayerPath(entry.Config);
    const configJson = json.get(configPath);
    if (configJson === undefined) throw missingEntry(options.what, configPath);
    const config = parseImageJson(ImageConfigSchema, configJson, `config ${configPath} of ${options.what}`);
    const diffIds = config.rootfs.diff_ids;
    const layers: LayerInfo[] = entry.Layers.map((layer, i) => {
      const key = normalizeLayerPath(layer);
      return { key, diffId: diffIds[i], digest: blobDigest(key) };
    });
    return { config, layers };
  }
  const index = json.get('index.json');
  if (index === undefined) {
    throw imageError(
      'invalid',
      `${options.what} is not a docker save archive (no manifest.json or index.json)`,
      {
        hint: 'Create it with `docker save IMAGE -o image.tar`, or open an OCI layout directory instead.',
      },
    );
  }
  // Only archives without manifest.json (some Docker 25+ exports) need the index resolver.
  const { resolveManifest } = await import('./resolve-manifest.js');
  const resolved = await resolveManifest(
    index,
    (descriptor) => {
      const path = `blobs/${descriptor.digest.replace(':', '/')}`;
      const blob = json.get(path);
      return blob === undefined ? Promise.reject(missingEntry(options.what, path)) : Promise.resolve(blob);
    },
    { what: options.what, ref: options.ref },
  );
  return {
    config: resolved.config,
    layers: resolved.layers.map((layer) => ({ ...layer, key: `blobs/${layer.key.replace(':', '/')}` })),
  };
}

const missingEntry = (what: string, path: string): Error =>
  imageError('invalid', `${what} lacks "${path}"`, {
    hint: 'The archive is incomplete; run `docker save` again.',
  });
