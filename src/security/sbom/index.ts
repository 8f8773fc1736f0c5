/**
 * Software bill of materials from image files: `sbomWanted` tells `collectFiles` which files to read,
 * `extractSbom` turns them into packages named in OSV ecosystems (dpkg incl. distroless, apk, SQLite
 * rpmdb, npm, PyPI, Go build info, Maven jars).
 *
 * The format readers (dpkg, apk, rpm, npm, Python, Go, Java) are not re-exported: this surface is loaded
 * by every image scan, and re-exporting them would load every reader for every image, where `extractSbom`
 * loads the rarer ones only for images that hold their files (bench/scan.ts, issue 4).
 */
export { extractSbom } from './extract-sbom.js';
export { sbomWanted } from './sbom-wanted.js';
export { purl } from './purl.js';
export type { OsPackage } from './os-package.js';
export type { Distro, Package, Sbom, SbomFile, SbomFiles, Unscanned } from './sbom-types.js';
