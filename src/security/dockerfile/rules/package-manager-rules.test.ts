import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../lint-dockerfile.js';

/** Findings of one rule for a Dockerfile whose lines follow `FROM debian:12`. */
const hits = (rule: string, ...body: string[]) =>
  lintDockerfile(['FROM debian:12', ...body, ''].join('\n')).filter((finding) => finding.rule === rule);

describe('package manager rules', () => {
  it.each([
    [
      'DL3008',
      'RUN apt-get install -y --no-install-recommends curl',
      'RUN apt-get install -y --no-install-recommends curl=8.5.0-2',
    ],
    [
      'DL3009',
      'RUN apt-get update && apt-get install -y curl=1',
      'RUN apt-get update && apt-get install -y curl=1 && rm -rf /var/lib/apt/lists/*',
    ],
    [
      'DL3014',
      'RUN apt-get install --no-install-recommends curl=1',
      'RUN apt-get install -y --no-install-recommends curl=1',
    ],
    ['DL3015', 'RUN apt-get install -y curl=1', 'RUN apt-get install -y --no-install-recommends curl=1'],
    ['DL3027', 'RUN apt install -y curl=1', 'RUN apt-get install -y curl=1'],
    ['DL3018', 'RUN apk add --no-cache curl', 'RUN apk add --no-cache curl=8.5.0-r0'],
    ['DL3019', 'RUN apk add curl=8.5.0-r0', 'RUN apk add --no-cache curl=8.5.0-r0'],
    [
      'DL3030',
      'RUN yum install httpd-2.4.57 && yum clean all',
      'RUN yum install -y httpd-2.4.57 && yum clean all',
    ],
    ['DL3032', 'RUN yum install -y httpd-2.4.57', 'RUN yum install -y httpd-2.4.57 && yum clean all'],
    [
      'DL3033',
      'RUN yum install -y httpd && yum clean all',
      'RUN yum install -y httpd-2.4.57 && yum clean all',
    ],
    [
      'DL3038',
      'RUN dnf install nginx-1.24.0 && dnf clean all',
      'RUN dnf install -y nginx-1.24.0 && dnf clean all',
    ],
    ['DL3040', 'RUN dnf install -y nginx-1.24.0', 'RUN dnf install -y nginx-1.24.0 && dnf clean all'],
    [
      'DL3041',
      'RUN dnf install -y python3-pip && dnf clean all',
      'RUN dnf install -y python3-pip-21.3.1 && dnf clean all',
    ],
    [
      'DL3034',
      'RUN zypper install curl=8.0 && zypper clean',
      'RUN zypper -n install curl=8.0 && zypper clean',
    ],
    ['DL3035', 'RUN zypper -n dist-upgrade', 'RUN zypper -n refresh'],
    ['DL3036', 'RUN zypper -n install curl=8.0', 'RUN zypper -n install curl=8.0 && zypper clean'],
    [
      'DL3037',
      'RUN zypper -n install curl && zypper clean',
      'RUN zypper -n install curl=8.0 && zypper clean',
    ],
    ['DL3013', 'RUN pip install --no-cache-dir flask', 'RUN pip install --no-cache-dir flask==3.0.3'],
    ['DL3042', 'RUN pip install flask==3.0.3', 'RUN pip install --no-cache-dir flask==3.0.3'],
    ['DL3016', 'RUN npm install -g pnpm', 'RUN npm install -g pnpm@9.1.0'],
    ['DL3028', 'RUN gem install rails', 'RUN gem install rails:7.1.3'],
    ['DL3060', 'RUN yarn install', 'RUN yarn install && yarn cache clean'],
  ])('%s flags %j and passes %j', (rule, violating, clean) => {
    expect(hits(rule, violating)).toHaveLength(1);
    expect(hits(rule, clean)).toEqual([]);
  });

  it.each([
    [
      'DL3008',
      'a local .deb, a release pin and a variable',
      'RUN apt-get install -y ./pkg.deb curl/bookworm-backports $EXTRA',
    ],
    ['DL3008', 'the value of -t', 'RUN apt-get install -y -t bookworm-backports curl=8.5.0-2'],
    [
      'DL3009',
      'a cache mount over the apt lists',
      'RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y x=1',
    ],
    ['DL3014', '-qq and --yes', 'RUN apt-get -qq install x=1 && apt-get install --yes y=1'],
    ['DL3015', 'the APT option spelling', 'RUN apt-get install -y -o APT::Install-Recommends=false x=1'],
    [
      'DL3018',
      "apk's --virtual name and fuzzy versions",
      'RUN apk add --no-cache --virtual .deps gcc~13 musl-dev=1.2.4-r2',
    ],
    [
      'DL3019',
      'a cache mount over /var/cache/apk',
      'RUN --mount=type=cache,target=/var/cache/apk apk add curl=8.5.0-r0',
    ],
    [
      'DL3013',
      'requirements files, local paths and constraints',
      'RUN pip install --no-cache-dir -r requirements.txt . ./wheels/x.whl "flask>=3"',
    ],
    [
      'DL3013',
      'python -m pip with a pinned package',
      'RUN python3 -m pip install --no-cache-dir flask==3.0.3',
    ],
    [
      'DL3016',
      'scoped packages, tarballs and git refs',
      'RUN npm install @types/node@20.12.7 ./pkg.tgz git+https://github.com/a/b.git#v1',
    ],
    ['DL3016', 'npm install of package.json dependencies', 'RUN npm install && npm ci'],
    ['DL3028', 'gem install -v', 'RUN gem install rails -v 7.1.3'],
  ])('%s accepts %s', (rule, _name, clean) => {
    expect(hits(rule, clean)).toEqual([]);
  });

  it.each([
    ['DL3013', 'python -m pip', 'RUN python3 -m pip install --no-cache-dir flask'],
    ['DL3016', 'a scoped package without version', 'RUN npm install @types/node'],
    ['DL3008', 'a full path to apt-get', 'RUN /usr/bin/apt-get install -y --no-install-recommends curl'],
    ['DL3033', 'an unpinned yum module', 'RUN yum module install -y nodejs && yum clean all'],
  ])('%s flags %s', (rule, _name, violating) => {
    expect(hits(rule, violating)).toHaveLength(1);
  });

  it('DL3042 accepts PIP_NO_CACHE_DIR from an ENV of the stage or one it builds on', () => {
    const lines = ['ENV PIP_NO_CACHE_DIR=1', 'FROM base AS child', 'RUN pip install flask==3.0.3'];
    expect(
      lintDockerfile(['FROM python:3.12 AS base', ...lines].join('\n')).filter((f) => f.rule === 'DL3042'),
    ).toEqual([]);
    expect(hits('DL3042', 'RUN PIP_NO_CACHE_DIR=1 pip install flask==3.0.3')).toEqual([]);
  });

  it('DL3009 ignores stages that are only copied from', () => {
    const text = [
      'FROM debian:12 AS build',
      'RUN apt-get update && apt-get install -y gcc=12',
      'FROM scratch',
      'COPY --from=build /a /a',
    ];
    expect(lintDockerfile(text.join('\n')).filter((finding) => finding.rule === 'DL3009')).toEqual([]);
  });

  it('reports the line of the offending command inside a multi-line RUN', () => {
    expect(
      hits(
        'DL3008',
        'RUN apt-get update \\',
        ' && apt-get install -y --no-install-recommends curl \\',
        ' && rm -rf /var/lib/apt/lists/*',
      ),
    ).toEqual([expect.objectContaining({ line: 3, column: 5 })]);
  });

  it('finds package installs in heredoc bodies', () => {
    expect(hits('DL3018', 'RUN <<EOF', 'set -e', 'apk add --no-cache curl', 'EOF')).toEqual([
      expect.objectContaining({ line: 4, column: 1 }),
    ]);
  });
});
