/**
 * A package found in an image or directory. `ecosystem` is an OSV ecosystem name (`Debian:12`,
 * `Alpine:v3.19`, `npm`, `PyPI`, `Go`, `Maven`; ossf/osv-schema docs/schema.md "Defined ecosystems") so a
 * matcher can look advisories up directly; OS packages also carry their source package, which is what
 * distro advisories name (dpkg `Source:`, apk `o:`, rpm `SOURCERPM`).
 */
export interface Package {
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
  readonly sourceName?: string;
  readonly sourceVersion?: string;
  /** Package URL (github.com/package-url/purl-spec). */
  readonly purl: string;
  /** Files the package was read from: a package database, a manifest, a binary (`app.jar!/lib/x.jar`). */
  readonly locations: string[];
  /** diff_id of the layer that holds the first location. */
  readonly layer?: string;
}

/** The operating system, from `etc/os-release` (`ID`, `VERSION_ID`). */
export interface Distro {
  readonly id: string;
  readonly versionId: string | undefined;
  /** The OSV ecosystem of its packages, e.g. `Debian:12`. */
  readonly ecosystem: string;
}

/** A file that looks like package data but could not be read, so a report can say what it did not cover. */
export interface Unscanned {
  readonly path: string;
  readonly reason: string;
}

export interface Sbom {
  readonly distro?: Distro;
  readonly packages: Package[];
  readonly unscanned: Unscanned[];
}

/** The input of {@link extractSbom}: file bytes by relative path, as `collectFiles` returns them. */
export interface SbomFile {
  readonly data: Buffer;
  readonly layer?: string;
  readonly mode?: number;
}

export type SbomFiles = ReadonlyMap<string, SbomFile>;
