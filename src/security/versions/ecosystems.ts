import * as apk from './apk.js';
import * as cran from './cran.js';
import * as dpkg from './dpkg.js';
import * as go from './go.js';
import * as hackage from './hackage.js';
import * as maven from './maven.js';
import * as nuget from './nuget.js';
import * as packagist from './packagist.js';
import * as pep440 from './pep440.js';
import * as pub from './pub.js';
import * as rpm from './rpm.js';
import * as rubygems from './rubygems.js';
import * as semver from './semver.js';
import type { VersionScheme } from './version-scheme.js';

/** SemVer 2.0 for registries that require it strictly (no `v`, no loose forms). */
const strictSemver: VersionScheme = { compare: semver.compare, isValid: semver.isValidStrict };

/**
 * The version scheme of each OSV ecosystem (ossf/osv-schema `docs/schema.md`, "Defined ecosystems"), as
 * osv-scalibr `semantic/parse.go` assigns them. Bioconductor uses R's order (as CRAN) rather than SemVer.
 */
export const schemeByEcosystem = {
  Debian: dpkg,
  Ubuntu: dpkg,
  Alpine: apk,
  Wolfi: apk,
  Chainguard: apk,
  MinimOS: apk,
  'Red Hat': rpm,
  AlmaLinux: rpm,
  'Rocky Linux': rpm,
  SUSE: rpm,
  openSUSE: rpm,
  Mageia: rpm,
  'Photon OS': rpm,
  'Azure Linux': rpm,
  openEuler: rpm,
  npm: semver,
  DHI: semver,
  Bitnami: semver,
  ConanCenter: semver,
  'crates.io': strictSemver,
  Hex: strictSemver,
  SwiftURL: strictSemver,
  Go: go,
  PyPI: pep440,
  Maven: maven,
  CRAN: cran,
  Bioconductor: cran,
  RubyGems: rubygems,
  NuGet: nuget,
  Packagist: packagist,
  Pub: pub,
  Hackage: hackage,
  GHC: hackage,
} as const satisfies Readonly<Record<string, VersionScheme>>;

/** An OSV ecosystem name whose version order Berth implements. */
export type Ecosystem = keyof typeof schemeByEcosystem;
