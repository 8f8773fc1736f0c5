import valid from 'semver/functions/valid.js'; // not the index: ~50 files for one function
import type { LabelType } from '../dockerfile-finding.js';

const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function isUrl(value: string): boolean {
  try {
    return new URL(value).protocol !== '';
  } catch {
    return false;
  }
}

/** Validators for the label types of a label schema; `text` and `spdx` have none here (DL3054 is not implemented). */
export const labelValueChecks: Partial<
  Record<LabelType, { rule: string; valid: (value: string) => boolean; expected: string }>
> = {
  url: { rule: 'DL3052', valid: isUrl, expected: 'an absolute URL' },
  rfc3339: {
    rule: 'DL3053',
    valid: (value) => rfc3339.test(value) && !Number.isNaN(Date.parse(value)),
    expected: 'an RFC 3339 time such as 2024-05-01T12:00:00Z',
  },
  hash: {
    rule: 'DL3055',
    valid: (value) => /^([0-9a-f]{7,40}|[0-9a-f]{64})$/i.test(value),
    expected: 'a git commit hash',
  },
  // `semver.valid` also takes "v1.2.3"; a label must hold the bare version.
  semver: {
    rule: 'DL3056',
    valid: (value) => /^\d/.test(value) && valid(value) !== null,
    expected: 'a semantic version such as 1.4.2',
  },
  email: {
    rule: 'DL3058',
    valid: (value) => /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/.test(value),
    expected: 'an e-mail address',
  },
};
