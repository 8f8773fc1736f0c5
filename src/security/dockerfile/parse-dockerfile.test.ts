import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './parse-dockerfile.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('parseDockerfile', () => {
  it('gives each instruction its keyword, 1-based start and end line and column', () => {
    const doc = parseDockerfile(lines('FROM alpine:3.20', '', '  run echo hi', 'CMD ["sh"]'));
    expect(
      doc.instructions.map(({ keyword, line, endLine, column }) => ({ keyword, line, endLine, column })),
    ).toEqual([
      { keyword: 'FROM', line: 1, endLine: 1, column: 1 },
      { keyword: 'RUN', line: 3, endLine: 3, column: 3 },
      { keyword: 'CMD', line: 4, endLine: 4, column: 1 },
    ]);
  });

  it('joins continuation lines, skipping comment and empty lines inside them', () => {
    const doc = parseDockerfile(
      lines('FROM alpine:3.20', 'RUN apk add \\', '# a comment', '', '    curl \\  ', '    git', 'USER app'),
    );
    const run = doc.instructions[1];
    expect(run).toMatchObject({ keyword: 'RUN', line: 2, endLine: 6, args: 'apk add     curl     git' });
    expect(doc.instructions[2]).toMatchObject({ keyword: 'USER', line: 7 });
    expect(doc.comments).toEqual([{ line: 3, text: '# a comment' }]);
  });

  it('maps offsets in a joined line back to their source lines', () => {
    const doc = parseDockerfile(lines('RUN a \\', '  && b'));
    expect(doc.instructions[0]?.segments).toEqual([
      { offset: 0, line: 1, column: 1 },
      { offset: 6, line: 2, column: 1 },
    ]);
  });

  it('reads parser directives only at the top and honours escape=`', () => {
    const doc = parseDockerfile(
      lines(
        '# syntax=docker/dockerfile:1',
        '# escape=`',
        '',
        '# escape=\\',
        'FROM mcr.microsoft.com/windows:ltsc2022',
        'RUN dir `',
        '  C:\\',
      ),
    );
    expect(doc.escapeChar).toBe('`');
    expect(doc.directives).toEqual([
      { name: 'syntax', value: 'docker/dockerfile:1', line: 1 },
      { name: 'escape', value: '`', line: 2 },
    ]);
    expect(doc.comments).toEqual([{ line: 4, text: '# escape=\\' }]);
    expect(doc.instructions[1]).toMatchObject({ args: 'dir   C:\\', line: 6, endLine: 7 });
  });

  it('treats a directive-looking line after a comment as a comment', () => {
    const doc = parseDockerfile(lines('# hello', '# escape=`', 'FROM alpine:3.20'));
    expect(doc.directives).toEqual([]);
    expect(doc.escapeChar).toBe('\\');
  });

  it('tells the JSON (exec) form from the shell form', () => {
    const doc = parseDockerfile(lines('CMD ["node", "server.js"]', "CMD ['node']", 'ENTRYPOINT [not json'));
    expect(doc.instructions.map((instruction) => instruction.exec)).toEqual([
      ['node', 'server.js'],
      undefined,
      undefined,
    ]);
  });

  it('reads flags before the arguments of FROM, RUN, COPY and ADD only', () => {
    const doc = parseDockerfile(
      lines(
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
        'RUN --mount=type=cache,target=/root/.cache go build',
        'CMD --help',
      ),
    );
    expect(doc.instructions[0]?.flags).toEqual([{ name: 'platform', value: '$BUILDPLATFORM' }]);
    expect(doc.instructions[1]).toMatchObject({
      flags: [{ name: 'mount', value: 'type=cache,target=/root/.cache' }],
      args: 'go build',
    });
    expect(doc.instructions[2]).toMatchObject({ flags: [], args: '--help' });
  });

  it('opens a stage per FROM, with lower-cased names, parents and platform', () => {
    const doc = parseDockerfile(
      lines(
        'FROM --platform=linux/amd64 golang:1.22 AS Build',
        'RUN go build',
        'FROM build AS test',
        'FROM alpine:3.20',
      ),
    );
    expect(doc.stages).toEqual([
      {
        index: 0,
        name: 'build',
        line: 1,
        rawImage: 'golang:1.22',
        image: 'golang:1.22',
        platform: 'linux/amd64',
        parent: undefined,
      },
      { index: 1, name: 'test', line: 3, rawImage: 'build', image: 'build', platform: undefined, parent: 0 },
      {
        index: 2,
        name: undefined,
        line: 4,
        rawImage: 'alpine:3.20',
        image: 'alpine:3.20',
        platform: undefined,
        parent: undefined,
      },
    ]);
    expect(doc.instructions.map((instruction) => instruction.stage)).toEqual([0, 0, 1, 2]);
  });

  it('substitutes ARGs declared before the first FROM into the image', () => {
    const doc = parseDockerfile(
      lines(
        'ARG REGISTRY=docker.io',
        'ARG TAG',
        'ARG BASE=node',
        'FROM ${REGISTRY}/${BASE}:${VERSION:-20}',
        'FROM $BASE:$TAG',
      ),
    );
    expect(doc.globalArgs).toEqual(
      new Map([
        ['REGISTRY', 'docker.io'],
        ['TAG', undefined],
        ['BASE', 'node'],
      ]),
    );
    expect(doc.stages.map((stage) => stage.image)).toEqual(['docker.io/node:20', undefined]);
    expect(doc.instructions[0]?.stage).toBe(-1);
  });

  it('parses the instruction an ONBUILD registers', () => {
    const doc = parseDockerfile(lines('FROM alpine:3.20', 'ONBUILD RUN --network=none make \\', '  install'));
    expect(doc.instructions[1]?.trigger).toMatchObject({
      keyword: 'RUN',
      line: 2,
      column: 9,
      flags: [{ name: 'network', value: 'none' }],
      args: 'make   install',
    });
  });

  it('lists unknown instructions as problems and keeps parsing', () => {
    const doc = parseDockerfile(lines('FROM alpine:3.20', 'COMMENT hello', 'USER app'));
    expect(doc.problems).toEqual([{ line: 2, message: 'unknown instruction "COMMENT"' }]);
    expect(doc.instructions).toHaveLength(3);
  });

  it('accepts CRLF line endings and a byte order mark', () => {
    const doc = parseDockerfile('\uFEFFFROM alpine:3.20\r\nRUN a \\\r\n  b\r\nUSER app\r\n');
    expect(doc.instructions.map(({ keyword, line, args }) => [keyword, line, args])).toEqual([
      ['FROM', 1, 'alpine:3.20'],
      ['RUN', 2, 'a   b'],
      ['USER', 4, 'app'],
    ]);
  });

  it('attaches ignore pragmas to the next instruction only', () => {
    const doc = parseDockerfile(
      lines(
        '# hadolint ignore=DL3006',
        '# berth ignore=DL3007, DL3008 because reasons',
        'FROM alpine',
        '',
        '# berth ignore=DL3003',
        '',
        'RUN cd /x',
      ),
    );
    expect(doc.instructions.map((instruction) => instruction.ignoredRules)).toEqual([
      ['DL3006', 'DL3007', 'DL3008'],
      [],
    ]);
  });

  it('collects global ignore pragmas', () => {
    expect(
      parseDockerfile(lines('# hadolint global ignore=DL3059,DL3008', 'FROM alpine:3.20')).globalIgnores,
    ).toEqual(['DL3059', 'DL3008']);
  });
});
