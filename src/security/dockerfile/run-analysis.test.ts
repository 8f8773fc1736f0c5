import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './parse-dockerfile.js';
import { analyzeRun } from './run-analysis.js';

function analyze(dockerfile: string) {
  const instruction = parseDockerfile(dockerfile).instructions.find(
    (candidate) => candidate.keyword === 'RUN',
  );
  if (instruction === undefined) throw new Error('no RUN in the example');
  return analyzeRun(instruction);
}

const located = (dockerfile: string): Array<[string, number, number | undefined]> =>
  analyze(dockerfile).commands.map(({ name, line, column }) => [name, line, column]);

describe('analyzeRun', () => {
  it('places each command of a continued RUN on its own source line and column', () => {
    expect(located('FROM alpine:3.20\nRUN apk add curl \\\n  && rm -rf /tmp/* \\\n  && echo done\n')).toEqual(
      [
        ['apk', 2, 5],
        ['rm', 3, 6],
        ['echo', 4, 6],
      ],
    );
  });

  it('parses a lone heredoc body as the shell script, with body line numbers', () => {
    expect(located('FROM alpine:3.20\nRUN <<EOF\nset -e\n  apk add curl\nEOF\n')).toEqual([
      ['set', 3, 1],
      ['apk', 4, 3],
    ]);
  });

  it('parses a heredoc fed to a shell, but not one fed to another program', () => {
    expect(analyze('RUN <<EOF bash -e\napt-get update\nEOF\n').commands.map((c) => c.name)).toEqual([
      'bash',
      'apt-get',
    ]);
    expect(analyze('RUN python3 <<EOF\nimport os\nEOF\n').commands.map((c) => c.name)).toEqual(['python3']);
    expect(analyze('RUN cat <<EOF > /etc/motd\nrm -rf /\nEOF\n').commands.map((c) => c.name)).toEqual([
      'cat',
    ]);
    expect(analyze('RUN sh -c "echo" <<EOF\nrm -rf /\nEOF\n').commands.map((c) => c.name)).toEqual(['sh']);
  });

  it('leaves a heredoc alone when its shebang names another interpreter', () => {
    expect(analyze('RUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\n').commands).toEqual([]);
    expect(analyze('RUN <<EOF\n#!/bin/bash\nmake\nEOF\n').commands.map((c) => c.name)).toEqual(['make']);
  });

  it('treats the exec form as one command unless it runs sh -c', () => {
    expect(
      analyze('RUN ["apt-get", "install", "-y", "curl"]').commands.map((c) => [c.name, ...c.args]),
    ).toEqual([['apt-get', 'install', '-y', 'curl']]);
    const shell = analyze('RUN ["/bin/bash", "-o", "pipefail", "-ec", "curl -fsSL x | tar -xz"]');
    expect(shell.commands.map((c) => c.name)).toEqual(['curl', 'tar']);
    expect(shell.scripts[0]).toMatchObject({ hasPipe: true, pipefail: true });
  });

  it('analyses the RUN an ONBUILD registers at the ONBUILD line', () => {
    const doc = parseDockerfile('FROM alpine:3.20\nONBUILD RUN apk add curl\n');
    const trigger = doc.instructions[1]?.trigger;
    if (trigger === undefined) throw new Error('no trigger');
    expect(analyzeRun(trigger).commands.map(({ name, line, column }) => [name, line, column])).toEqual([
      ['apk', 2, 13],
    ]);
  });
});
