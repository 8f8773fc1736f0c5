import type { Finding } from '../report/index.js';

/**
 * The packages an SBOM document lists. Both the scanner's `Sbom` and the `sbom` of a JSON `ScanReport`
 * fit this shape, so either can be exported.
 */
export interface SbomInput {
  readonly distro?: { readonly id: string; readonly versionId?: string | undefined } | undefined;
  readonly packages: readonly {
    readonly ecosystem: string;
    readonly name: string;
    readonly version: string;
    readonly purl: string;
  }[];
}

/** What an SBOM document says about itself. Pass `timestamp` and `uuid` for byte-identical output. */
export interface SbomDocumentMeta {
  /** Berth's version, named as the tool that made the document. */
  readonly toolVersion: string;
  /** What was scanned: an image reference or a directory. */
  readonly subject: { readonly kind: 'image' | 'fs'; readonly name: string; readonly version?: string };
  /** ISO 8601 date-time; defaults to now. */
  readonly timestamp?: string;
  /** Makes the CycloneDX serial number and the SPDX namespace unique; defaults to a random UUID. */
  readonly uuid?: string;
  /** Findings of the same scan; CycloneDX lists those of kind `vulnerability` in `vulnerabilities`. */
  readonly findings?: readonly Finding[];
}
