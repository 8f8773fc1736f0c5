import type { FindingSeverity } from '../report/index.js';

/**
 * One secret detector, shaped like Trivy's (aquasecurity/trivy pkg/fanal/secret/builtin-rules.go): an id,
 * lowercase `keywords` checked before the regex runs (a file without any keyword skips the rule), and a
 * global regex whose named group `secret` is the credential itself.
 */
export interface SecretRule {
  /** Stable id, used in reports and suppressions, e.g. `aws-access-key-id`. */
  readonly id: string;
  readonly title: string;
  readonly severity: FindingSeverity;
  /** Lowercase literals; the rule runs only when one occurs in the lowercased text. */
  readonly keywords: readonly string[];
  /** Must have the `g` flag and a named group `secret`. */
  readonly regex: RegExp;
  /** Extra check on the captured value (structure, entropy); false drops the match. */
  readonly validate?: (secret: string) => boolean;
  /**
   * Generic rules yield to specific ones: a generic match overlapping a specific finding is dropped, so a
   * token assigned to `GITHUB_TOKEN=` is reported once, as `github-pat`.
   */
  readonly generic?: boolean;
  /**
   * Whether example and placeholder values (`allowedSecretValues`) drop a match; default true. Off for
   * private keys, whose base64 bodies legitimately contain runs such as `AAAAAAAA`.
   */
  readonly allowPlaceholders?: boolean;
  /** What to do about it, shown as the finding's fix. */
  readonly fix?: string;
}
