// Test-only builders of tar layers, `docker save` archives and OCI layouts, written with tar-stream so the
// reader under test is checked against an independent writer.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack, type Header } from 'tar-stream';

export interface FixtureEntry {
  name: string;
  data?: string | Buffer;
  type?: Header['type'];
  mode?: number;
  linkname?: string;
}

/** A tar archive of the entries, in order. */
export async function tarOf(entries: readonly FixtureEntry[]): Promise<Buffer> {
  const archive = pack();
  for (const entry of entries) {
    const type = entry.type ?? (entry.name.endsWith('/') ? 'directory' : 'file');
    const header = {
      name: entry.name,
      type,
      mode: entry.mode ?? (type === 'directory' ? 0o755 : 0o644),
      mtime: new Date(0),
      ...(entry.linkname === undefined ? {} : { linkname: entry.linkname }),
    };
    if (type === 'file') archive.entry(header, entry.data ?? '');
    else archive.entry(header);
  }
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export const sha256 = (data: Buffer | string): string =>
  `sha256:${createHash('sha256').update(data).digest('hex')}`;

export interface FixtureImage {
  /** Uncompressed layer tars, bottom first. */
  layers: Buffer[];
  config?: Record<string, unknown>;
  repoTag?: string;
}

/** An image config naming the layers' diff_ids. */
export function configFor(layers: readonly Buffer[], extra: Record<string, unknown> = {}): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Env: ['PATH=/usr/bin'], Cmd: ['sh'], Labels: null },
      rootfs: { type: 'layers', diff_ids: layers.map((layer) => sha256(layer)) },
      history: layers.map(() => ({ created_by: 'test' })),
      ...extra,
    }),
  );
}

export interface ArchiveOptions {
  format: 'legacy' | 'oci';
  gzipLayers?: boolean;
  withManifestJson?: boolean;
}

/**
 * A `docker save` archive: `legacy` is Docker ≤24 (`<id>/layer.tar`, manifest.json last); `oci` is Docker
 * 25+ (`blobs/sha256/…`, index.json and manifest.json), optionally with gzip layers.
 */
export async function dockerArchiveOf(
  image: FixtureImage,
  options: ArchiveOptions = { format: 'legacy' },
): Promise<Buffer> {
  const config = configFor(image.layers, image.config);
  const configDigest = sha256(config);
  const blobs = image.layers.map((layer) => (options.gzipLayers === true ? gzipSync(layer) : layer));
  const repoTags = [image.repoTag ?? 'berth-test/fixture:1'];
  if (options.format === 'legacy') {
    const ids = image.layers.map((_, i) => sha256(`layer${i}`).slice(7));
    const manifest = [
      {
        Config: `${configDigest.slice(7)}.json`,
        RepoTags: repoTags,
        Layers: ids.map((id) => `${id}/layer.tar`),
      },
    ];
    return tarOf([
      ...ids.flatMap((id, i) => [
        { name: `${id}/`, type: 'directory' as const },
        { name: `${id}/VERSION`, data: '1.0' },
        { name: `${id}/json`, data: JSON.stringify({ id }) },
        { name: `${id}/layer.tar`, data: blobs[i] ?? Buffer.alloc(0) },
      ]),
      { name: `${configDigest.slice(7)}.json`, data: config },
      { name: 'manifest.json', data: JSON.stringify(manifest) },
      { name: 'repositories', data: '{}' },
    ]);
  }
  const layerType =
    options.gzipLayers === true
      ? 'application/vnd.oci.image.layer.v1.tar+gzip'
      : 'application/vnd.oci.image.layer.v1.tar';
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers: blobs.map((blob) => ({ mediaType: layerType, digest: sha256(blob), size: blob.length })),
    }),
  );
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: sha256(manifest),
        size: manifest.length,
        annotations: { 'io.containerd.image.name': repoTags[0], 'org.opencontainers.image.ref.name': '1' },
      },
    ],
  };
  const blobPath = (data: Buffer): string => `blobs/sha256/${sha256(data).slice(7)}`;
  const dockerManifest = [{ Config: blobPath(config), RepoTags: repoTags, Layers: blobs.map(blobPath) }];
  return tarOf([
    { name: 'blobs/', type: 'directory' },
    { name: 'blobs/sha256/', type: 'directory' },
    ...blobs.map((blob) => ({ name: blobPath(blob), data: blob })),
    { name: blobPath(config), data: config },
    { name: blobPath(manifest), data: manifest },
    { name: 'index.json', data: JSON.stringify(index) },
    ...(options.withManifestJson === false
      ? []
      : [{ name: 'manifest.json', data: JSON.stringify(dockerManifest) }]),
    { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
  ]);
}

/** Writes a blob into an OCI layout directory and returns its descriptor. */
export function writeBlob(
  dir: string,
  data: Buffer,
  mediaType: string,
): { mediaType: string; digest: string; size: number } {
  const digest = sha256(data);
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), data);
  return { mediaType, digest, size: data.length };
}

/** Writes a one-image manifest (layers gzip-compressed) and returns its descriptor and the config. */
export function writeImage(
  dir: string,
  layers: readonly Buffer[],
  configExtra: Record<string, unknown> = {},
): { mediaType: string; digest: string; size: number } {
  const config = configFor(layers, configExtra);
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: writeBlob(dir, config, 'application/vnd.oci.image.config.v1+json'),
    layers: layers.map((layer) =>
      writeBlob(dir, gzipSync(layer), 'application/vnd.oci.image.layer.v1.tar+gzip'),
    ),
  };
  return writeBlob(dir, Buffer.from(JSON.stringify(manifest)), 'application/vnd.oci.image.manifest.v1+json');
}
