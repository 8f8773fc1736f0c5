/**
 * Software bill of materials from image files: `sbomWanted` tells `collectFiles` which files to read,
 * `extractSbom` turns them into packages named in OSV ecosystems (dpkg incl. distroless, apk, SQLite
 * rpmdb, npm, PyPI, Go build info, Maven jars). The parsers are exported for direct use and tests.
 */
export { extractSbom } from './extract-sbom.js';
export { sbomWanted } from './sbom-wanted.js';
export { goBuildInfoReducer } from './go-reducer.js';
export { parseDpkgStatus } from './dpkg.js';
export { parseApkInstalled } from './apk.js';
export { parseRpmHeader } from './rpm-header.js';
export { readRpmdbSqlite } from './rpmdb-sqlite.js';
export { parsePackageLock, parseInstalledPackageJson } from './npm.js';
export { parsePythonMetadata } from './python.js';
export { parseGoBuildInfo } from './go-buildinfo.js';
export type { GoBuildInfo, GoModule } from './go-buildinfo.js';
export { scanJar } from './java.js';
export { osvEcosystem, parseOsRelease } from './os-release.js';
export { purl } from './purl.js';
export type { OsPackage } from './os-package.js';
export type { Distro, Package, Sbom, SbomFile, SbomFiles, Unscanned } from './sbom-types.js';
