/** A package read from an OS package database, before the distro gives it an ecosystem and purl. */
export interface OsPackage {
  readonly name: string;
  /** The full version as the package manager orders it (`1:2.36-9+deb12u4`, `1.2.4-r2`, `1:3.0.7-25.el9`). */
  readonly version: string;
  readonly architecture: string | undefined;
  readonly sourceName: string | undefined;
  readonly sourceVersion: string | undefined;
  /** Epoch, for rpm purls (the version already includes it). */
  readonly epoch?: number | undefined;
  /** Files the package installed, relative (`usr/bin/curl`); empty when the database does not list them. */
  readonly files: readonly string[];
}
