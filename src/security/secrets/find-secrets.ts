import { isAllowedSecretValue } from './allow-rules.js';
import { keywordMatcher } from './keyword-matcher.js';
import { fingerprintSecret, maskSecret } from './mask-secret.js';
import type { SecretFinding } from './secret-finding.js';
import type { SecretRule } from './secret-rule.js';
import { genericAssignmentRule, secretRules } from './secret-rules.js';

export interface FindSecretsOptions {
  /** Replaces the built-in rules (`secretRules`). */
  rules?: readonly SecretRule[];
  /** Rule ids to skip, e.g. `['jwt']`. */
  disabledRules?: readonly string[];
  /**
   * Minimum Shannon entropy (bits a character) for `generic-high-entropy-assignment`; default 3.5. Lower
   * finds more and guesses more.
   */
  entropyThreshold?: number;
}

/** Start offset of every line, for turning match offsets into 1-based line and column. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

/**
 * Spans of specific findings, asked whether a generic match overlaps any of them. Sorted once, then a
 * binary search plus a prefix maximum of span ends: O(log n) a question, so a file with thousands of
 * findings stays linear-ish.
 */
class SpanSet {
  private readonly spans: [number, number][] = [];
  private maxEnds: number[] | undefined;

  add(from: number, to: number): void {
    this.spans.push([from, to]);
    this.maxEnds = undefined;
  }

  overlaps(from: number, to: number): boolean {
    if (this.spans.length === 0) return false;
    if (this.maxEnds === undefined) {
      this.spans.sort((a, b) => a[0] - b[0]);
      let max = 0;
      this.maxEnds = this.spans.map(([, end]) => (max = Math.max(max, end)));
    }
    // Last span starting before `to`; any earlier one overlaps iff the largest end among them passes `from`.
    let low = 0;
    let high = this.spans.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.spans[middle]?.[0] ?? 0) < to) low = middle + 1;
      else high = middle;
    }
    return low > 0 && (this.maxEnds[low - 1] ?? 0) > from;
  }
}

/** Matchers by keyword list: built once a rule set, not once a file. */
const matchers = new Map<string, (text: string) => Set<string>>();

function keywordsIn(rules: readonly SecretRule[], text: string): Set<string> {
  const keywords = rules.flatMap((rule) => rule.keywords);
  const key = keywords.join('\0');
  let matcher = matchers.get(key);
  if (matcher === undefined) {
    matcher = keywordMatcher(keywords);
    if (matchers.size > 64) matchers.clear(); // callers passing ever new custom rules: stay bounded
    matchers.set(key, matcher);
  }
  return matcher(text);
}

function resolveRules(options: FindSecretsOptions): readonly SecretRule[] {
  const base = options.rules ?? secretRules;
  const rules =
    options.entropyThreshold === undefined || options.rules !== undefined
      ? base
      : base.map((rule) =>
          rule.id === 'generic-high-entropy-assignment'
            ? genericAssignmentRule(options.entropyThreshold)
            : rule,
        );
  const disabled = new Set(options.disabledRules ?? []);
  // Specific rules first, so generic matches overlapping them can be dropped.
  return rules.filter((rule) => !disabled.has(rule.id)).sort((a, b) => Number(a.generic) - Number(b.generic));
}

/**
 * Finds credentials in a file's text. Each rule runs only when one of its keywords occurs (Trivy's
 * pre-filter); example and placeholder values are dropped. The returned findings carry the secret only
 * masked and fingerprinted. Path allow-listing is the caller's job (`secretWanted`), so this function
 * scans whatever it is given.
 *
 * @example
 * findSecrets('GITHUB_TOKEN=ghp_…', '.env');
 * // [{ ruleId: 'github-pat', line: 1, column: 14, masked: 'ghp_*****', fingerprint: 'sha256:…', … }]
 */
export function findSecrets(text: string, file: string, options: FindSecretsOptions = {}): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const taken = new SpanSet();
  let starts: number[] | undefined;
  const rules = resolveRules(options);
  const present = keywordsIn(rules, text);
  if (present.size === 0) return findings;
  for (const rule of rules) {
    if (!rule.keywords.some((keyword) => present.has(keyword.toLowerCase()))) continue;
    const regex = new RegExp(
      rule.regex.source,
      rule.regex.flags.includes('g') ? rule.regex.flags : `${rule.regex.flags}g`,
    );
    for (const match of text.matchAll(regex)) {
      const secret = match.groups?.['secret'];
      if (secret === undefined || secret === '') continue;
      if (rule.allowPlaceholders !== false && isAllowedSecretValue(secret)) continue;
      if (rule.validate && !rule.validate(secret)) continue;
      const offset = match.index + match[0].indexOf(secret);
      const end = offset + secret.length;
      if (rule.generic) {
        if (taken.overlaps(offset, end)) continue;
      } else taken.add(offset, end);
      starts ??= lineStarts(text);
      findings.push({
        ruleId: rule.id,
        title: rule.title,
        severity: rule.severity,
        file,
        ...position(starts, offset),
        masked: maskSecret(secret),
        fingerprint: fingerprintSecret(secret),
        ...(rule.fix === undefined ? {} : { fix: rule.fix }),
      });
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}
