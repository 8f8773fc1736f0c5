import { describe, expect, it } from 'vitest';
import type { LintDockerfileOptions } from '../dockerfile-finding.js';
import { lintDockerfile } from '../lint-dockerfile.js';

const hits = (rule: string, text: string, options?: LintDockerfileOptions) =>
  lintDockerfile(`${text}\n`, options).filter((finding) => finding.rule === rule);

const trusted: LintDockerfileOptions = { trustedRegistries: ['registry.example.com'] };
const schema: LintDockerfileOptions = {
  labelSchema: {
    'org.opencontainers.image.version': 'semver',
    'org.opencontainers.image.source': 'url',
    'org.opencontainers.image.created': 'rfc3339',
    'org.opencontainers.image.revision': 'hash',
    'org.opencontainers.image.authors': 'email',
  },
};
const allLabels = [
  'org.opencontainers.image.version=1.0.0',
  'org.opencontainers.image.source=https://example.com/app',
  'org.opencontainers.image.created=2024-05-01T12:00:00Z',
  'org.opencontainers.image.revision=0123abcd',
  'org.opencontainers.image.authors=dev@example.com',
].join(' ');
const labelled = (replace: string, value: string) =>
  `FROM debian:12\nLABEL ${allLabels.replace(new RegExp(`${replace}=\\S+`), `${replace}=${value}`)}`;

describe('instruction rules', () => {
  it.each<[string, string, string, LintDockerfileOptions?]>([
    ['DL3000', 'FROM debian:12\nWORKDIR app', 'FROM debian:12\nWORKDIR /app'],
    ['DL3002', 'FROM debian:12\nUSER root', 'FROM debian:12\nUSER root\nRUN make\nUSER app'],
    ['DL3006', 'FROM debian', 'FROM debian:12'],
    ['DL3007', 'FROM debian:latest', 'FROM debian:12'],
    [
      'DL3024',
      'FROM debian:12 AS build\nFROM debian:12 AS build',
      'FROM debian:12 AS build\nFROM debian:12 AS run',
    ],
    ['DL3026', 'FROM debian:12', 'FROM registry.example.com/debian:12', trusted],
    ['DL3029', 'FROM --platform=linux/amd64 debian:12', 'FROM --platform=$BUILDPLATFORM debian:12'],
    ['DL3061', 'LABEL a=b\nFROM debian:12', 'ARG V=12\nFROM debian:$V'],
    [
      'DL3010',
      'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt',
      'FROM debian:12\nADD app.tar.gz /opt/',
    ],
    ['DL3020', 'FROM debian:12\nADD app.py /app/', 'FROM debian:12\nCOPY app.py /app/'],
    ['DL3021', 'FROM debian:12\nCOPY a.txt b.txt /app', 'FROM debian:12\nCOPY a.txt b.txt /app/'],
    [
      'DL3022',
      'FROM debian:12\nCOPY --from=build /a /a',
      'FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build /a /a',
    ],
    [
      'DL3023',
      'FROM debian:12 AS build\nCOPY --from=build /a /b',
      'FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build /a /b',
    ],
    ['DL3045', 'FROM debian:12\nCOPY app.py .', 'FROM debian:12\nWORKDIR /app\nCOPY app.py .'],
    [
      'DL3067',
      'FROM debian:12 AS b\nFROM debian:12\nCOPY --from=b / /',
      'FROM debian:12 AS b\nFROM debian:12\nCOPY --from=b /out /out',
    ],
    ['DL3011', 'FROM debian:12\nEXPOSE 80 70000', 'FROM debian:12\nEXPOSE 80 8080/tcp 9000-9010/udp'],
    [
      'DL3012',
      'FROM debian:12\nHEALTHCHECK CMD ["true"]\nHEALTHCHECK NONE',
      'FROM debian:12\nHEALTHCHECK CMD ["true"]',
    ],
    ['DL3025', 'FROM debian:12\nCMD node server.js', 'FROM debian:12\nCMD ["node", "server.js"]'],
    ['DL3043', 'FROM debian:12\nONBUILD FROM debian:12', 'FROM debian:12\nONBUILD RUN make'],
    ['DL3044', 'FROM debian:12\nENV A=1 B=$A', 'FROM debian:12\nENV A=1\nENV B=$A PATH=/x:$PATH'],
    ['DL3064', 'FROM debian:12\nARG NPM_TOKEN', 'FROM debian:12\nARG NPM_REGISTRY'],
    [
      'DL4000',
      'FROM debian:12\nMAINTAINER dev@example.com',
      'FROM debian:12\nLABEL org.opencontainers.image.authors=dev@example.com',
    ],
    [
      'DL4003',
      'FROM debian:12\nCMD ["a"]\nCMD ["b"]',
      'FROM debian:12 AS a\nCMD ["a"]\nFROM debian:12\nCMD ["b"]',
    ],
    ['DL4004', 'FROM debian:12\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]', 'FROM debian:12\nENTRYPOINT ["a"]'],
    ['DL3048', 'FROM debian:12\nLABEL Maintainer=x', 'FROM debian:12\nLABEL org.example.maintainer=x'],
    [
      'DL3049',
      'FROM debian:12',
      'FROM debian:12\nLABEL org.example.version=1.0.0',
      { labelSchema: { 'org.example.version': 'semver' } },
    ],
    [
      'DL3050',
      `FROM debian:12\nLABEL ${allLabels} org.example.extra=x`,
      `FROM debian:12\nLABEL ${allLabels}`,
      { ...schema, strictLabels: true },
    ],
    [
      'DL3051',
      labelled('org.opencontainers.image.version', '""'),
      labelled('org.opencontainers.image.version', '1.0.0'),
      schema,
    ],
    [
      'DL3052',
      labelled('org.opencontainers.image.source', 'example'),
      labelled('org.opencontainers.image.source', 'https://e.com'),
      schema,
    ],
    [
      'DL3053',
      labelled('org.opencontainers.image.created', '2024-05-01'),
      labelled('org.opencontainers.image.created', '2024-05-01T12:00:00+02:00'),
      schema,
    ],
    [
      'DL3055',
      labelled('org.opencontainers.image.revision', 'main'),
      labelled('org.opencontainers.image.revision', 'a'.repeat(40)),
      schema,
    ],
    [
      'DL3056',
      labelled('org.opencontainers.image.version', 'v1.0'),
      labelled('org.opencontainers.image.version', '1.0.0-rc.1'),
      schema,
    ],
    [
      'DL3058',
      labelled('org.opencontainers.image.authors', 'dev'),
      labelled('org.opencontainers.image.authors', 'dev@example.com'),
      schema,
    ],
    ['BL1000', 'FROM debian:12\nFOO bar', 'FROM debian:12'],
  ])('%s flags the violating example and passes the clean one', (rule, violating, clean, options) => {
    expect(hits(rule, violating, options)).toHaveLength(1);
    expect(hits(rule, clean, options)).toEqual([]);
  });

  it.each([
    ['DL3006', 'scratch, an earlier stage and a digest', 'FROM debian@sha256:abc AS a\nFROM a\nFROM scratch'],
    ['DL3006', 'an image left to a build argument', 'ARG IMAGE\nFROM $IMAGE'],
    [
      'DL3000',
      'a variable and a Windows path',
      'FROM debian:12\nWORKDIR $HOME\nWORKDIR C:\\\\app\nWORKDIR C:/app\nWORKDIR "/quoted dir"',
    ],
    ['DL3011', 'a port from a variable', 'FROM debian:12\nEXPOSE ${PORT}'],
    [
      'DL3020',
      'URLs, archives and git sources',
      'FROM debian:12\nADD https://example.com/a /a\nADD app.tar.xz /opt/\nADD git@github.com:a/b.git /src',
    ],
    [
      'DL3022',
      'a stage index and an external image',
      'FROM debian:12\nFROM debian:12\nCOPY --from=0 /a /a\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx',
    ],
    [
      'DL3026',
      'Docker Hub when docker.io is trusted, and wildcards',
      'FROM debian:12\nFROM eu.registry.example.com/app:1',
    ],
    [
      'DL3045',
      'a WORKDIR set in the stage it builds on',
      'FROM debian:12 AS base\nWORKDIR /app\nFROM base\nCOPY app.py .',
    ],
    [
      'DL3064',
      'names that only resemble secrets',
      'FROM debian:12\nARG GPG_KEY\nENV PASSWORD_FILE=/run/secrets/pw TOKEN_URL=https://x',
    ],
    ['DL3002', 'a numeric non-root user', 'FROM debian:12\nUSER 1000:1000'],
  ])('%s accepts %s', (rule, _name, clean) => {
    const options = { trustedRegistries: ['docker.io', '*.registry.example.com'] };
    expect(hits(rule, clean, options)).toEqual([]);
  });

  it('DL3002 flags USER 0:0 and ignores earlier root USERs that were switched away from', () => {
    expect(hits('DL3002', 'FROM debian:12\nUSER root\nUSER app\nFROM debian:12\nUSER 0:0')).toEqual([
      expect.objectContaining({ line: 5 }),
    ]);
  });

  it('DL3049 skips stages that only serve COPY --from and reports each missing label', () => {
    const text = `FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build /a /a`;
    const findings = hits('DL3049', text, schema);
    expect(findings.map((finding) => finding.line)).toEqual([2, 2, 2, 2, 2]);
    for (const label of Object.keys(schema.labelSchema ?? {})) {
      expect(findings.some((finding) => finding.message.includes(`"${label}"`))).toBe(true);
    }
  });

  it('keeps the label schema rules off without a schema', () => {
    expect(hits('DL3049', 'FROM debian:12')).toEqual([]);
    expect(hits('DL3026', 'FROM ghcr.io/a/b:1')).toEqual([]);
  });

  it('checks the instruction an ONBUILD registers with the RUN rules', () => {
    expect(
      hits('DL3008', 'FROM debian:12\nONBUILD RUN apt-get install -y --no-install-recommends curl'),
    ).toEqual([expect.objectContaining({ line: 2, column: 13 })]);
  });
});
