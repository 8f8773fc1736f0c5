import { checkImageJson, imageError, parseImageJson, readImageJson } from './image-errors.js';
import {
  ImageConfigSchema,
  ImageIndexSchema,
  ImageManifestSchema,
  type Descriptor,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
} from './image-schemas.js';
import type { LayerInfo } from './image-types.js';
import { choosePlatform, defaultPlatform, parsePlatform } from './platform.js';

/**
 * Reads a small JSON document named by a descriptor: a manifest (registries serve these from
 * `/manifests/`) or a config (from `/blobs/`).
 */
export type ReadJsonBlob = (descriptor: Descriptor, kind: 'manifest' | 'config') => Promise<Buffer>;

export interface ResolveOptions {
  /** `os/arch[/variant]`; default linux/amd64. */
  platform?: string | undefined;
  /** Picks among an OCI layout's top-level manifests by `org.opencontainers.image.ref.name`. */
  ref?: string | undefined;
  /** Names the image in messages. */
  what: string;
}

export interface ResolvedImage {
  readonly manifest: ImageManifest;
  readonly config: ImageConfig;
  readonly layers: readonly LayerInfo[];
}

const refAnnotations = ['org.opencontainers.image.ref.name', 'io.containerd.image.name'];

const isIndex = (document: unknown): document is ImageIndex =>
  typeof document === 'object' && document !== null && 'manifests' in document;

/** An index when the document has `manifests`, else an image manifest (checked as the one it claims to be). */
function indexOrManifest(document: Buffer, what: string): ImageIndex | ImageManifest {
  const value = readImageJson(document, what);
  return isIndex(value)
    ? checkImageJson(ImageIndexSchema, value, what)
    : checkImageJson(ImageManifestSchema, value, what);
}

function pickFromTopIndex(index: ImageIndex, options: ResolveOptions): Descriptor {
  if (options.ref !== undefined) {
    const ref = options.ref;
    const match = index.manifests.find((d) => refAnnotations.some((key) => d.annotations?.[key] === ref));
    if (match === undefined) {
      const names = index.manifests.flatMap((d) =>
        refAnnotations.flatMap((key) => d.annotations?.[key] ?? []),
      );
      throw imageError('not-found', `${options.what} has no image named "${ref}"`, {
        hint: `Use one of: ${names.join(', ') || '(no names are annotated)'}.`,
      });
    }
    return match;
  }
  const withPlatform = index.manifests.filter((d) => d.platform !== undefined);
  if (index.manifests.length > 1 && withPlatform.length === index.manifests.length) {
    return choosePlatform(index.manifests, parsePlatform(options.platform ?? defaultPlatform), options.what);
  }
  const first = index.manifests[0];
  if (first === undefined) {
    throw imageError('invalid', `${options.what} lists no manifests`, { hint: 'Export the image again.' });
  }
  return first;
}

/**
 * Follows an OCI index or Docker manifest list down to one image manifest (by ref annotation, then by
 * platform), then reads its config and pairs each layer with its diff_id.
 */
export async function resolveManifest(
  document: Buffer,
  readBlob: ReadJsonBlob,
  options: ResolveOptions,
): Promise<ResolvedImage> {
  let current: ImageIndex | ImageManifest = indexOrManifest(document, options.what);
  let top = true;
  for (let depth = 0; isIndex(current); depth++) {
    if (depth > 4) {
      throw imageError('invalid', `${options.what} nests indexes more than 4 deep`, {
        hint: 'This is not a usable image index.',
      });
    }
    const index = current;
    const chosen = top
      ? pickFromTopIndex(index, options)
      : choosePlatform(index.manifests, parsePlatform(options.platform ?? defaultPlatform), options.what);
    top = false;
    current = indexOrManifest(
      await readBlob(chosen, 'manifest'),
      `manifest ${chosen.digest} of ${options.what}`,
    );
  }
  const manifest = current;
  const config = parseImageJson(
    ImageConfigSchema,
    await readBlob(manifest.config, 'config'),
    `config ${manifest.config.digest} of ${options.what}`,
  );
  const diffIds = config.rootfs.diff_ids;
  if (diffIds.length !== manifest.layers.length) {
    throw imageError(
      'invalid',
      `${options.what} lists ${manifest.layers.length} layers but its config has ${diffIds.length} diff_ids`,
      { hint: 'The manifest and config disagree; the image is damaged.' },
    );
  }
  const layers = manifest.layers.map((layer, i) => ({
    key: layer.digest,
    digest: layer.digest,
    diffId: diffIds[i],
  }));
  return { manifest, config, layers };
}
