/**
 * Values that are documentation, not credentials (after Trivy's builtin-allow-rules.go and AWS's published
 * example keys): a match whose secret matches any of these is dropped.
 */
export const allowedSecretValues: readonly RegExp[] = [
  /EXAMPLE/i, // AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  /x{4,}|X{4,}|\*{4,}|\.{4,}|#{4,}/, // ghp_xxxx…, masked values
  /\$\{[^}]*\}|^\$[A-Za-z_]|\{\{.*\}\}|%\([A-Za-z_]+\)s/, // ${VAR}, $VAR, {{ template }}, %(name)s
  /<[^<>\s]+>/, // <your-token>
  /placeholder|changeme|change_me|replace_?me|dummy|redacted|your[_-]|insert[_-]|sample|fake/i,
  /0123456789|1234567890|abcdefghij|ABCDEFGHIJ/, // keyboard sequences
  /^(.)\1+$/, // one repeated character
  /(.)\1{7,}/, // eight or more of the same character in a row: padding, not randomness
];

/** Whether a captured value is a known example or placeholder. */
export function isAllowedSecretValue(value: string): boolean {
  return allowedSecretValues.some((pattern) => pattern.test(value));
}

/**
 * Paths not scanned by default, as globs over relative paths (image paths have no leading `/`).
 *
 * Narrower than Trivy's: Trivy skips every path containing `test` or `example` and every `*.md`, which
 * hides real keys in a project's own `tests/.env` or `README.md`. Berth skips tests, examples and docs
 * only inside third-party code (node_modules, vendor, site-packages), plus the distribution trees Trivy
 * skips (`usr/share`, `usr/include`, `usr/lib`, language runtimes), whose keys are published fixtures.
 * Placeholders in first-party docs are dropped by {@link allowedSecretValues} instead.
 */
export const defaultAllowPaths: readonly string[] = [
  '**/{node_modules,vendor,site-packages,dist-packages}/**/{test,tests,__tests__,spec,fixtures,example,examples,docs,doc}/**',
  '**/{node_modules,vendor,site-packages,dist-packages}/**/*.{md,markdown,rst,txt}',
  '**/*.dist-info/**',
  'usr/share/**',
  'usr/include/**',
  'usr/lib/**',
  'usr/local/go/**',
  'usr/local/lib/python*/**',
  'usr/src/wordpress/**',
  'opt/yarn-v*/**',
  'var/log/anaconda/**',
  '**/locale/**',
  '**/locales/**',
  '**/.git/objects/**',
  // dpkg's per-package file lists and checksums: paths and MD5 sums that dpkg writes from each .deb's
  // contents (~8 MB in a Debian image with 750 packages, most of the text a scan would read). Maintainer
  // scripts, conffiles and the status file beside them are still scanned: local packages put settings there.
  'var/lib/dpkg/info/*.{list,md5sums}',
  'var/lib/dpkg/status.d/*.md5sums',
];
