import { readdirSync, readFileSync } from 'node:fs';
import { parseOpenVex, type VexDocument } from '../index.js';

/**
 * The shared OpenVEX samples (shared/datasets/openvex-samples, Docker Hardened Images advisories, Apache-2.0),
 * beside the repository: `new URL('../../../../shared/...')` from `src/security/suppress/`, one more `../` here.
 */
export const samplesFolder = new URL('../../../../../shared/datasets/openvex-samples/', import.meta.url);

/** The sample file names. A missing or empty folder throws, which fails the suite: the samples are required. */
export function sampleFiles(): string[] {
  const files = readdirSync(samplesFolder).filter((f) => f.endsWith('.json'));
  if (files.length === 0) throw new Error(`no OpenVEX samples in ${samplesFolder.pathname}`);
  return files.sort();
}

export function sampleText(file: string): string {
  return readFileSync(new URL(file, samplesFolder), 'utf8');
}

export function loadSample(file: string): VexDocument {
  return parseOpenVex(sampleText(file), file);
}
