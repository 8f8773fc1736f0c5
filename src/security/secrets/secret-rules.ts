import { isAllowedSecretValue } from './allow-rules.js';
import type { SecretRule } from './secret-rule.js';
import { shannonEntropy } from './shannon-entropy.js';

// Patterns follow Trivy's builtin rules (aquasecurity/trivy@dc3c56eed5 pkg/fanal/secret/builtin-rules.go),
// translated from RE2: mid-pattern `(?i)` becomes explicit classes, and `([^0-9a-zA-Z_]|^)` becomes a
// lookbehind so the match starts at the secret. All quantifiers are bounded or over disjoint classes, so
// every pattern runs in linear time on attacker-controlled layer files.

const before = '(?<![0-9A-Za-z_])';
const after = '(?![0-9A-Za-z_])';
const rotate = 'Revoke and rotate the credential, then remove it from the file and from every image layer.';

/** Decodes base64 or base64url; undefined when the text is not valid base64. */
function decodeBase64(text: string): string | undefined {
  const normal = text.replaceAll('-', '+').replaceAll('_', '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normal)) return undefined;
  return Buffer.from(normal, 'base64').toString('utf8');
}

/** A JWT's header is base64url JSON naming its algorithm (RFC 7519 §5, RFC 7515 §4.1.1). */
function isJwt(token: string): boolean {
  const header = decodeBase64(token.slice(0, token.indexOf('.')));
  return header !== undefined && header.includes('"alg"');
}

/**
 * `auth` in a Docker config is base64 of `user:password` (docker/cli config/types/authconfig.go); the
 * placeholder check runs on the decoded password.
 */
function isBasicAuth(value: string): boolean {
  const decoded = decodeBase64(value);
  const match = decoded === undefined ? null : /^[\x20-\x7e]+?:([\x20-\x7e]+)$/.exec(decoded);
  return match?.[1] !== undefined && !isAllowedSecretValue(match[1]);
}

/** Minimum Shannon entropy (bits a character) of a generic assignment's value; see `FindSecretsOptions`. */
export const defaultEntropyThreshold = 3.5;

/** Names that usually hold a credential, for the generic rule (case-insensitive, anywhere in the name). */
const secretNameWords =
  'password|passwd|passphrase|pwd|secret|token|api[_.-]?key|access[_.-]?key|private[_.-]?key|auth[_.-]?key|credentials?';

/**
 * Values of a generic assignment that are code, not credentials: dotted identifiers (`req.headers.token`),
 * calls (`getenv(...)`), paths and URLs.
 */
function looksLikeCode(value: string): boolean {
  return (
    /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value) ||
    value.includes('(') ||
    /^(?:\/|\.\/|~\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(value)
  );
}

/** Builds the generic rule for an entropy threshold (exported so options can change it). */
export function genericAssignmentRule(entropyThreshold = defaultEntropyThreshold): SecretRule {
  return {
    id: 'generic-high-entropy-assignment',
    title: 'High-entropy value assigned to a secret-like name',
    severity: 'medium',
    keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'credential'],
    // name, optional closing quote, one of `= : := =>`, optional opening quote, then the value: 16+
    // characters without whitespace, quotes or separators. The name part is anchored on the keyword so
    // the engine does not retry a leading `[\w]*` at every offset.
    regex: new RegExp(
      `(?:${secretNameWords})[A-Za-z0-9_.-]{0,30}["']?[ \\t]*(?::=|=>|=|:)[ \\t]*["']?(?<secret>[A-Za-z0-9+/=_.~!@#%^&*?-]{16,200})(?![A-Za-z0-9+/=_.~!@#%^&*?-])`,
      'gi',
    ),
    validate: (value) =>
      /[A-Za-z]/.test(value) &&
      /[0-9]/.test(value) &&
      !looksLikeCode(value) &&
      shannonEntropy(value) >= entropyThreshold,
    generic: true,
    fix: `${rotate} Read it at runtime from a secret store or an environment variable instead.`,
  };
}

/** The built-in rules, specific ones first; ids are stable. */
export const secretRules: readonly SecretRule[] = [
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    severity: 'critical',
    keywords: ['akia', 'agpa', 'aida', 'aroa', 'aipa', 'anpa', 'anva', 'asia', 'a3t'],
    regex: new RegExp(
      `${before}(?<secret>(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16})${after}`,
      'g',
    ),
    fix: `${rotate} Deactivate the key in IAM; prefer instance or task roles to static keys.`,
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    severity: 'critical',
    keywords: ['aws'],
    regex:
      /["']?aws_?(?:sec(?:ret)?)?_?(?:access)?_?key["']?[ \t]*(?::|=>|=)?[ \t]*["']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    fix: `${rotate} Deactivate the key in IAM; prefer instance or task roles to static keys.`,
  },
  {
    id: 'github-pat',
    title: 'GitHub personal access token',
    severity: 'critical',
    keywords: ['ghp_'],
    regex: new RegExp(`${before}(?<secret>ghp_[0-9A-Za-z]{36})${after}`, 'g'),
    fix: `${rotate} Revoke it at https://github.com/settings/tokens.`,
  },
  {
    id: 'github-oauth',
    title: 'GitHub OAuth access token',
    severity: 'critical',
    keywords: ['gho_'],
    regex: new RegExp(`${before}(?<secret>gho_[0-9A-Za-z]{36})${after}`, 'g'),
    fix: rotate,
  },
  {
    id: 'github-app-token',
    title: 'GitHub App token',
    severity: 'critical',
    keywords: ['ghu_', 'ghs_'],
    regex: new RegExp(`${before}(?<secret>(?:ghu|ghs)_[0-9A-Za-z]{36})${after}`, 'g'),
    fix: rotate,
  },
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    severity: 'critical',
    keywords: ['github_pat_'],
    regex: new RegExp(`${before}(?<secret>github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59})${after}`, 'g'),
    fix: `${rotate} Revoke it at https://github.com/settings/tokens.`,
  },
  {
    id: 'gitlab-pat',
    title: 'GitLab personal access token',
    severity: 'critical',
    keywords: ['glpat-'],
    regex: /(?<![0-9A-Za-z_])(?<secret>glpat-[0-9A-Za-z_-]{20})(?![0-9A-Za-z_-])/g,
    fix: rotate,
  },
  {
    id: 'slack-token',
    title: 'Slack token',
    severity: 'high',
    keywords: ['xoxb-', 'xoxa-', 'xoxp-', 'xoxr-', 'xoxs-'],
    // Trivy stops at the first `-`; real tokens are `xoxb-<team>-<bot>-<secret>`, so keep the hyphens.
    regex: /(?<![0-9A-Za-z_-])(?<secret>xox[baprs]-[0-9A-Za-z-]{10,100})(?![0-9A-Za-z_-])/g,
    fix: rotate,
  },
  {
    id: 'slack-webhook',
    title: 'Slack incoming webhook URL',
    severity: 'medium',
    keywords: ['hooks.slack.com'],
    regex: /https:\/\/hooks\.slack\.com\/services\/(?<secret>[A-Za-z0-9+/]{43,56})(?![A-Za-z0-9+/])/g,
    fix: rotate,
  },
  {
    id: 'stripe-key',
    title: 'Stripe live secret or restricted key',
    severity: 'critical',
    keywords: ['sk_live_', 'rk_live_'],
    regex: new RegExp(`${before}(?<secret>[sr]k_live_[0-9A-Za-z]{10,99})${after}`, 'g'),
    fix: `${rotate} Roll the key in the Stripe dashboard.`,
  },
  {
    id: 'stripe-test-key',
    title: 'Stripe test secret key',
    severity: 'low',
    keywords: ['sk_test_', 'rk_test_'],
    regex: new RegExp(`${before}(?<secret>[sr]k_test_[0-9A-Za-z]{10,99})${after}`, 'g'),
    fix: 'Test keys cannot move money, but keep them out of images too.',
  },
  {
    id: 'google-api-key',
    title: 'Google API key',
    severity: 'high',
    keywords: ['aiza'],
    regex: /(?<![0-9A-Za-z_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g,
    fix: `${rotate} Restrict or delete the key in the Google Cloud console.`,
  },
  {
    id: 'private-key',
    title: 'Private key',
    severity: 'high',
    keywords: ['private key'],
    allowPlaceholders: false,
    // RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8 and PGP (`... PRIVATE KEY BLOCK`); the body is the secret.
    // The body cannot contain `-----`, so a BEGIN without an END scans only up to the next armour line:
    // linear time even for a file of repeated BEGIN lines.
    regex:
      /-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----\r?\n(?<secret>(?:[^-]|-(?!----)){30,65536}?)\r?\n?-----END[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----/g,
    fix: 'Treat the key as compromised: replace it, and mount keys at runtime (secrets, volumes) instead of baking them in.',
  },
  {
    id: 'npm-token',
    title: 'npm access token',
    severity: 'critical',
    keywords: ['npm_'],
    regex: new RegExp(`${before}(?<secret>npm_[0-9A-Za-z]{36})${after}`, 'g'),
    fix: `${rotate} Revoke it with \`npm token revoke\`; use \`\${NPM_TOKEN}\` in .npmrc.`,
  },
  {
    id: 'npmrc-auth-token',
    title: 'npm registry auth token in .npmrc',
    severity: 'high',
    keywords: ['_authtoken', '_auth'],
    regex: /:_auth(?:Token)?[ \t]*=[ \t]*["']?(?<secret>[^\s"'$]{16,512})/g,
    fix: `${rotate} Write \`_authToken=\${NPM_TOKEN}\` and pass the token at build time as a secret mount.`,
  },
  {
    id: 'docker-config-auth',
    title: 'Registry credentials in a Docker config',
    severity: 'high',
    keywords: ['"auth"'],
    regex: /"auth"[ \t]*:[ \t]*"(?<secret>[A-Za-z0-9+/]{8,1024}={0,2})"/g,
    validate: isBasicAuth,
    fix: `${rotate} Use a credential helper (\`credsStore\`) or a build secret instead of config.json auth.`,
  },
  {
    id: 'kubernetes-dockerconfig',
    title: 'Registry credentials in a Kubernetes dockerconfig secret',
    severity: 'high',
    keywords: ['dockerconfigjson', 'dockercfg'],
    regex:
      /\.(?:dockerconfigjson|dockercfg)["']?[ \t]*:[ \t]*[|>]?[-+]?\s*["']?(?<secret>e[yw][A-Za-z0-9/+=]{16,65536})/gi,
    fix: rotate,
  },
  {
    id: 'jwt',
    title: 'JSON Web Token',
    severity: 'medium',
    // Any JSON header starts `{"` = base64 `eyJ`; a narrower keyword than Trivy's `ey`, which nearly every file has.
    keywords: ['eyj'],
    regex:
      /(?<![0-9A-Za-z_-])(?<secret>ey[A-Za-z0-9_-]{17,}\.ey[A-Za-z0-9_-]{17,}\.[A-Za-z0-9_-]{10,}={0,2})(?![A-Za-z0-9_=-])/g,
    validate: isJwt,
    fix: 'A long-lived token is a credential: revoke it (rotate the signing key if it cannot be revoked).',
  },
  genericAssignmentRule(),
];
