/**
 * Inline suppression comments. `# berth ignore=DL3008,DL3009` (or Hadolint's `# hadolint ignore=...`) on the
 * lines just before an instruction switches those rules off for it; `# berth global ignore=...` switches
 * them off for the whole file, as Hadolint's global pragma does.
 */
export interface Pragma {
  global: boolean;
  rules: string[];
}

/** Rule ids look like `DL3008`, `BL1001` or ShellCheck's `SC2086`; anything else after the list is prose. */
const rulePattern = /^[A-Z]{2,}\d+$/;
const pragmaPattern = /^#\s*(?:berth|hadolint)\s+(global\s+)?ignore\s*=\s*(.+)$/i;

/** Returns the pragma a comment line carries, or undefined for an ordinary comment. */
export function readPragma(comment: string): Pragma | undefined {
  const match = pragmaPattern.exec(comment.trim());
  if (match === null) return undefined;
  const rules = (match[2] ?? '')
    .split(/[\s,]+/)
    .map((rule) => rule.trim().toUpperCase())
    .filter((rule) => rulePattern.test(rule));
  return { global: match[1] !== undefined, rules };
}
