import type { ImageConfig } from './image-schemas.js';

/** Credentials for a registry: a user and password (or access token as password), or a ready bearer token. */
export type RegistryAuth = { username: string; password: string } | { bearerToken: string };

/** Where an image is read from. Every source is streamed; no source loads a whole image into memory. */
export type ImageSource =
  /** A `docker save` tarball (legacy `<id>/layer.tar` or Docker 25+ OCI shape), gzip-compressed or not. */
  | { kind: 'docker-archive'; path: string; ref?: string }
  /** An OCI image layout directory (`oci-layout`, `index.json`, `blobs/sha256/…`). */
  | { kind: 'oci-layout'; path: string; ref?: string; platform?: string }
  /** An image in the local Docker Engine, exported with `GET /images/{name}/get`. */
  | { kind: 'engine'; ref: string; dockerHost?: string }
  /**
   * An image in a registry, fetched with the OCI distribution API. `platform` picks from a multi-platform
   * index (default `linux/amd64`); `plainHttp` defaults to true only for loopback hosts.
   */
  | { kind: 'registry'; ref: string; platform?: string; auth?: RegistryAuth; plainHttp?: boolean };

/** One layer of the image, bottom first. `diffId` (digest of the uncompressed tar) is the stable name. */
export interface LayerInfo {
  /** Identifies the layer's blob inside its source (archive entry path or blob digest). */
  readonly key: string;
  readonly diffId: string | undefined;
  /** Digest of the blob as stored (compressed for registries); equals `diffId` for uncompressed blobs. */
  readonly digest: string | undefined;
}

/** The config and the layer order, known once a source has been read (docker-save lists them last). */
export interface ImageLayout {
  readonly config: ImageConfig;
  readonly layers: readonly LayerInfo[];
}

/** A layer's uncompressed tar bytes, handed to a visitor once per layer in whatever order the source has. */
export interface LayerStream {
  readonly key: string;
  readonly tar: AsyncIterable<Buffer>;
}

export type LayerVisitor = (layer: LayerStream) => Promise<void>;

export interface ReadOptions {
  signal?: AbortSignal;
  /** Called with the count of source bytes read so far (compressed bytes for compressed layers). */
  onBytes?: (bytesRead: number) => void;
}

/**
 * An opened image: a name for messages and a way to stream its layers. Implementations exist per source;
 * `collectFiles` builds the final filesystem view on top of any of them.
 */
export interface ImageHandle {
  readonly source: ImageSource;
  /** The reference or path, quoted in messages. */
  readonly name: string;
  /** Known before reading for registries and OCI layouts; a docker-save archive tells only at its end. */
  readonly layerCount: number | undefined;
  /** Streams every layer once (in any order) and resolves with the config and the bottom-first order. */
  readLayers(visit: LayerVisitor, options?: ReadOptions): Promise<ImageLayout>;
}

/** What the filter learns about a tar entry before its bytes are read. */
export interface EntryInfo {
  readonly size: number;
  readonly mode: number;
}

/**
 * Reduces a file's bytes while they stream by, for files too large or too numerous to keep whole
 * (executables scanned for Go build info). `end` returns the bytes to keep, or `undefined` to keep nothing.
 */
export interface FileReducer {
  write(chunk: Buffer): void;
  /** True once the reducer needs no more bytes; the rest of the file is skipped. */
  readonly done?: boolean;
  end(): Buffer | undefined;
}

/**
 * Chooses the files to read: `true` keeps the whole file (up to `maxFileBytes`), a reducer keeps what it
 * returns, `false` skips the file. Paths are relative, without a leading `/` (`var/lib/dpkg/status`).
 */
export type FileWanted = (path: string, info: EntryInfo) => boolean | FileReducer;

/** A file of the final filesystem view. `layer` is the diff_id (or digest) of the layer it came from. */
export interface CollectedFile {
  readonly data: Buffer;
  readonly layer?: string;
  readonly mode: number;
}

/** A wanted file that was not kept, and why. */
export interface SkippedFile {
  readonly path: string;
  readonly reason: 'too-large' | 'hardlink-target-missing' | 'unreadable';
  readonly size: number;
}

export interface CollectOptions {
  signal?: AbortSignal;
  onProgress?: (progress: CollectProgress) => void;
  /** Files larger than this are skipped (listed in `skipped`). Default 50 MiB. */
  maxFileBytes?: number;
}

export interface CollectProgress {
  readonly layersDone: number;
  /** Unknown until a docker-save archive's manifest has been read. */
  readonly layersTotal: number | undefined;
  readonly bytesRead: number;
}

/** The wanted files of a directory tree or of an image's final filesystem. */
export interface FileCollection {
  readonly files: Map<string, CollectedFile>;
  readonly skipped: readonly SkippedFile[];
}

export interface ImageFileCollection extends FileCollection {
  readonly config: ImageConfig;
  readonly layers: readonly LayerInfo[];
}
