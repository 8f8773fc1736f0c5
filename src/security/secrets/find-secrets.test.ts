import { describe, expect, it } from 'vitest';
import { findSecrets } from './find-secrets.js';
import { toFindings } from './secret-finding.js';
import { secretRules } from './secret-rules.js';

/** Deterministic random-looking text, so test sources hold no real-looking literal secrets. */
function noise(
  length: number,
  alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789',
  seed = 7,
): string {
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += alphabet.charAt((state >>> 16) % alphabet.length); // high bits: the low ones cycle
  }
  return out;
}

const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ234567';
const b64 = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789+/';
const b64url = (text: string): string => Buffer.from(text).toString('base64url');
const jwt = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"1234","name":"berth user"}')}.${noise(43)}`;
const pem = (kind: string): string =>
  `-----BEGIN ${kind}-----\n${noise(64, b64, 3)}\n${noise(64, b64, 4)}\n-----END ${kind}-----`;

const cases: { rule: string; found: string; notFound: string; allowed: string }[] = [
  {
    rule: 'aws-access-key-id',
    found: `aws_access_key_id = AKIA${noise(16, upper)}`,
    notFound: `id = AKIA${noise(12, upper)}`,
    allowed: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  },
  {
    rule: 'aws-secret-access-key',
    found: `aws_secret_access_key = ${noise(40, b64)}`,
    notFound: `aws_region = ${noise(40, b64)}`,
    allowed: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },
  {
    rule: 'github-pat',
    found: `token: ghp_${noise(36)}`,
    notFound: `ref: ghp_${noise(20)}`,
    allowed: `token: ghp_${'x'.repeat(36)}`,
  },
  {
    rule: 'github-fine-grained-pat',
    found: `GH=github_pat_${noise(22)}_${noise(59, undefined, 9)}`,
    notFound: `GH=github_pat_${noise(22)}`,
    allowed: `GH=github_pat_${noise(22)}_${'X'.repeat(59)}`,
  },
  {
    rule: 'gitlab-pat',
    found: `GITLAB=glpat-${noise(20)}`,
    notFound: `GITLAB=glpat-${noise(10)}`,
    allowed: 'GITLAB=glpat-xxxxxxxxxxxxxxxxxxxx',
  },
  {
    rule: 'slack-token',
    found: `SLACK=xoxb-2${noise(10, '0123456789')}-${noise(24)}`,
    notFound: 'SLACK=xoxb-short',
    allowed: 'SLACK=xoxb-1234567890-abcdefghij',
  },
  {
    rule: 'stripe-key',
    found: `STRIPE=sk_live_${noise(24)}`,
    notFound: `STRIPE=pk_live_${noise(24)}`,
    allowed: 'STRIPE=sk_live_<your-secret-key>xxxxxxxx',
  },
  {
    rule: 'google-api-key',
    found: `key=AIza${noise(35)}`,
    notFound: `key=AIza${noise(20)}`,
    allowed: `key=AIzaSy${'X'.repeat(33)}`,
  },
  {
    rule: 'private-key',
    found: pem('RSA PRIVATE KEY'),
    notFound: pem('PUBLIC KEY'),
    allowed: '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
  },
  {
    rule: 'npm-token',
    found: `//registry.npmjs.org/:_authToken=npm_${noise(36)}`,
    notFound: `npm_config_cache=/tmp/${noise(36)}`,
    allowed: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
  },
  {
    rule: 'npmrc-auth-token',
    found: `//npm.corp.example/:_authToken=${noise(8, 'abcdef0123456789')}-${noise(4, 'abcdef0123456789')}-${noise(12, 'abcdef0123456789')}`,
    notFound: '//npm.corp.example/:always-auth=true',
    allowed: '//npm.corp.example/:_authToken=${NPM_TOKEN}',
  },
  {
    rule: 'docker-config-auth',
    found: `{"auths":{"ghcr.io":{"auth":"${Buffer.from(`deploy:${noise(20)}`).toString('base64')}"}}}`,
    notFound: `{"auths":{"ghcr.io":{"auth":"${noise(24)}"}}}`,
    allowed: `{"auths":{"ghcr.io":{"auth":"${Buffer.from('user:placeholder').toString('base64')}"}}}`,
  },
  {
    rule: 'jwt',
    found: `Authorization: Bearer ${jwt}`,
    notFound: `value: ${b64url('not a header')}.${b64url('{"sub":"1234567890"}')}.${noise(43)}`,
    allowed: `Authorization: Bearer ${jwt.slice(0, -10)}xxxxxxxxxx`,
  },
  {
    rule: 'generic-high-entropy-assignment',
    found: `DB_PASSWORD="${noise(24, undefined, 11)}"`,
    notFound: 'DB_PASSWORD="correcthorsebatterystaple"',
    allowed: 'DB_PASSWORD="${DB_PASSWORD_FROM_VAULT}"',
  },
];

describe('findSecrets', () => {
  it('has a test case for every built-in rule except its variants', () => {
    const variants = [
      'github-oauth',
      'github-app-token',
      'slack-webhook',
      'stripe-test-key',
      'kubernetes-dockerconfig',
    ];
    expect(cases.map((c) => c.rule).sort()).toEqual(
      secretRules
        .map((r) => r.id)
        .filter((id) => !variants.includes(id))
        .sort(),
    );
  });

  it.each(cases)('$rule: reports a real-looking secret', ({ rule, found }) => {
    expect(findSecrets(found, 'f').map((f) => f.ruleId)).toContain(rule);
  });

  it.each(cases)('$rule: ignores a near miss', ({ rule, notFound }) => {
    expect(findSecrets(notFound, 'f').map((f) => f.ruleId)).not.toContain(rule);
  });

  it.each(cases)('$rule: ignores an example or placeholder value', ({ rule, allowed }) => {
    expect(findSecrets(allowed, 'f').map((f) => f.ruleId)).not.toContain(rule);
  });

  it.each([
    ['github-oauth', 'gho_ token', `gho_${noise(36)}`],
    ['github-app-token', 'ghs_ token', `ghs_${noise(36)}`],
    [
      'slack-webhook',
      'webhook URL',
      `https://hooks.slack.com/services/T${noise(8, upper)}/B${noise(8, upper)}/${noise(24)}`,
    ],
    ['stripe-test-key', 'sk_test_ key', `sk_test_${noise(24)}`],
    [
      'kubernetes-dockerconfig',
      '.dockerconfigjson value',
      `  .dockerconfigjson: ${Buffer.from(`{"auths":{"r":{"auth":"${noise(20)}"}}}`).toString('base64')}`,
    ],
    ['private-key', 'OPENSSH key', pem('OPENSSH PRIVATE KEY')],
    ['private-key', 'EC key', pem('EC PRIVATE KEY')],
    ['private-key', 'PGP key block', pem('PGP PRIVATE KEY BLOCK')],
  ])('%s: reports a %s', (rule, _label, text) => {
    expect(findSecrets(text, 'f').map((f) => f.ruleId)).toContain(rule);
  });

  it.each([
    ['a dotted identifier', 'const token = request.headers.authorizationHeader1;'],
    ['a function call', 'api_key = os.getenv("SERVICE_API_KEY_2")'],
    ['a URL', 'token_url: https://auth.corp.example/oauth2/token'],
    ['a low-entropy word with digits', 'password: password1234password'],
  ])('generic rule ignores %s', (_label, text) => {
    expect(findSecrets(text, 'f')).toEqual([]);
  });

  it('reports a token under a secret-like name once, by its specific rule', () => {
    const findings = findSecrets(`GITHUB_TOKEN=ghp_${noise(36)}`, '.env');
    expect(findings.map((f) => f.ruleId)).toEqual(['github-pat']);
  });

  it('gives the 1-based line and column where the secret starts', () => {
    const text = `# config\nname = demo\n  token: ghp_${noise(36)}\n`;
    expect(findSecrets(text, 'config.yml')[0]).toMatchObject({ file: 'config.yml', line: 3, column: 10 });
  });

  it('locates a private key at the first line of its body', () => {
    const text = `a\nb\n${pem('RSA PRIVATE KEY')}\n`;
    expect(findSecrets(text, 'id_rsa')[0]).toMatchObject({ ruleId: 'private-key', line: 4, column: 1 });
  });

  it('skips disabled rules and applies a custom entropy threshold', () => {
    const text = `DB_PASSWORD="${noise(24, undefined, 11)}"`;
    expect(findSecrets(text, 'f', { disabledRules: ['generic-high-entropy-assignment'] })).toEqual([]);
    expect(findSecrets(text, 'f', { entropyThreshold: 7 })).toEqual([]);
  });

  it('never puts the secret in a finding or in the report, only a mask and a fingerprint', () => {
    const secrets = [
      `AKIA${noise(16, upper)}`,
      `ghp_${noise(36)}`,
      `sk_live_${noise(24)}`,
      noise(24, undefined, 11),
      jwt,
    ];
    const text = [
      `AWS_ACCESS_KEY_ID=${secrets[0]}`,
      `GH=${secrets[1]}`,
      `stripe: ${secrets[2]}`,
      `client_secret = '${secrets[3]}'`,
      `auth: ${secrets[4]}`,
      pem('RSA PRIVATE KEY'),
    ].join('\n');
    const findings = findSecrets(text, 'app.env');
    expect(findings).toHaveLength(6);
    const json = JSON.stringify({ findings, report: toFindings(findings) });
    for (const secret of [...secrets, noise(64, b64, 3)]) {
      expect(json).not.toContain(secret);
      expect(json).not.toContain(secret.slice(4, 16));
    }
    expect(findings[1]).toMatchObject({
      masked: 'ghp_*****',
      fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
  });

  it('maps to report findings of kind secret with the rule severity', () => {
    const [finding] = toFindings(findSecrets(`GH=ghp_${noise(36)}`, '.env'));
    expect(finding).toMatchObject({
      kind: 'secret',
      id: 'github-pat',
      severity: 'critical',
      location: { file: '.env', line: 1, column: 4 },
    });
  });

  it.each([
    ['BEGIN lines without an END', '-----BEGIN RSA PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n'],
    ['token prefixes without boundaries', 'xoxb-ghp_eyAKIA'],
    ['one long word', 'A'],
    ['assignments without values', 'password=token: secret:= api_key=> '],
  ])('stays linear on adversarial input: %s', (_label, unit) => {
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const started = performance.now();
    findSecrets(text, 'adversarial');
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('scans 1 MB of text in well under 200 ms', () => {
    const line =
      'const config = { key: process.env.API_KEY, password: getPassword(), host: "example.org" }; // token\n';
    const text = `${line.repeat(Math.ceil(1_000_000 / line.length))}GH=ghp_${noise(36)}\n`;
    findSecrets(text.slice(0, 10_000), 'warm.ts');
    const started = performance.now();
    const findings = findSecrets(text, 'big.ts');
    const elapsedMs = performance.now() - started;
    console.info(`findSecrets: ${(text.length / 1e6).toFixed(2)} MB in ${elapsedMs.toFixed(1)} ms`);
    expect(findings.map((f) => f.ruleId)).toEqual(['github-pat']);
    expect(elapsedMs).toBeLessThan(200);
  });
});
