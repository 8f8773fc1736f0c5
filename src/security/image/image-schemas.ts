import {
  array,
  boolean,
  integer,
  literal,
  looseObject,
  nullish,
  optional,
  record,
  string,
  unknown,
  type Shape,
} from '../json-shape/index.js';

// Shapes from the OCI image spec (opencontainers/image-spec: image-index.md, manifest.md, config.md) and
// Docker's image manifest v2.2 and `docker save` manifest.json. Loose objects: unknown fields are kept.
// Checked with json-shape rather than zod: zod's load time alone was a third of the time an image scan
// may spend above reading the tarball (bench/scan.ts, issue 4).

const digest = string({
  regex: /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/,
  what: 'a digest like sha256:<hex>',
});

export interface Platform {
  architecture: string;
  os: string;
  variant?: string | undefined;
  'os.version'?: string | undefined;
}

export const PlatformSchema: Shape<Platform> = looseObject<Platform>({
  architecture: string(),
  os: string(),
  variant: optional(string()),
  'os.version': optional(string()),
});

export interface Descriptor {
  mediaType?: string | undefined;
  digest: string;
  size: number;
  platform?: Platform | undefined;
  annotations?: Record<string, string> | null | undefined;
}

export const DescriptorSchema: Shape<Descriptor> = looseObject<Descriptor>({
  mediaType: optional(string()),
  digest,
  size: integer({ min: 0 }),
  platform: optional(PlatformSchema),
  annotations: nullish(record(string())),
});

/** An OCI image index or a Docker manifest list: `manifests` marks it. */
export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string | undefined;
  manifests: Descriptor[];
}

export const ImageIndexSchema: Shape<ImageIndex> = looseObject<ImageIndex>({
  schemaVersion: literal(2),
  mediaType: optional(string()),
  manifests: array(DescriptorSchema),
});

/** An OCI image manifest or a Docker image manifest v2 schema 2. */
export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string | undefined;
  config: Descriptor;
  layers: Descriptor[];
}

export const ImageManifestSchema: Shape<ImageManifest> = looseObject<ImageManifest>({
  schemaVersion: literal(2),
  mediaType: optional(string()),
  config: DescriptorSchema,
  layers: array(DescriptorSchema),
});

/** One entry of `manifest.json` in a `docker save` archive: one per saved image. */
export interface DockerArchiveEntry {
  Config: string;
  RepoTags?: string[] | null | undefined;
  Layers: string[];
}

export const DockerArchiveManifestSchema: Shape<DockerArchiveEntry[]> = array(
  looseObject<DockerArchiveEntry>({
    Config: string(),
    RepoTags: nullish(array(string())),
    Layers: array(string()),
  }),
);

type StringList = string[] | null | undefined;
type StringSet = Record<string, unknown> | null | undefined;
const stringList: Shape<StringList> = nullish(array(string()));
const stringSet: Shape<StringSet> = nullish(record(unknown()));

/** The runtime part of an image config, with Docker's capitalised names. */
export interface ContainerConfig {
  User?: string | undefined;
  Env?: StringList;
  Entrypoint?: StringList;
  Cmd?: StringList;
  WorkingDir?: string | undefined;
  Labels?: Record<string, string> | null | undefined;
  ExposedPorts?: StringSet;
  Volumes?: StringSet;
  StopSignal?: string | undefined;
  Healthcheck?: { Test?: StringList } | null | undefined;
}

export interface HistoryEntry {
  created?: string | undefined;
  created_by?: string | undefined;
  comment?: string | undefined;
  empty_layer?: boolean | undefined;
}

/** The image configuration (OCI config.md; Docker adds capitalised runtime fields that are kept as-is). */
export interface ImageConfig {
  architecture?: string | undefined;
  os?: string | undefined;
  variant?: string | undefined;
  created?: string | undefined;
  author?: string | undefined;
  config?: ContainerConfig | null | undefined;
  rootfs: { type: string; diff_ids: string[] };
  history?: HistoryEntry[] | undefined;
}

const optionalString = optional(string());

export const ImageConfigSchema: Shape<ImageConfig> = looseObject<ImageConfig>({
  architecture: optionalString,
  os: optionalString,
  variant: optionalString,
  created: optionalString,
  author: optionalString,
  config: nullish(
    looseObject<ContainerConfig>({
      User: optionalString,
      Env: stringList,
      Entrypoint: stringList,
      Cmd: stringList,
      WorkingDir: optionalString,
      Labels: nullish(record(string())),
      ExposedPorts: stringSet,
      Volumes: stringSet,
      StopSignal: optionalString,
      Healthcheck: nullish(looseObject<{ Test?: StringList }>({ Test: stringList })),
    }),
  ),
  rootfs: looseObject<ImageConfig['rootfs']>({ type: string(), diff_ids: array(digest) }),
  history: optional(
    array(
      looseObject<HistoryEntry>({
        created: optionalString,
        created_by: optionalString,
        comment: optionalString,
        empty_layer: optional(boolean()),
      }),
    ),
  ),
});

/** Media types that mark an index (a list of per-platform manifests) rather than an image manifest. */
export const indexMediaTypes: ReadonlySet<string> = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

export const manifestMediaTypes: ReadonlySet<string> = new Set([
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
]);
