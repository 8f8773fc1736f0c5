import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LintDockerfileOptions } from './dockerfile-finding.js';
import { dockerfileRules, lintDockerfile } from './index.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** The options the one-violation fixture is written for: DL3026 and the label-schema rules are opt-in. */
const fixtureOptions: LintDockerfileOptions = {
  trustedRegistries: ['docker.io'],
  strictLabels: true,
  labelSchema: {
    'org.opencontainers.image.title': 'text',
    'org.opencontainers.image.url': 'url',
    'org.opencontainers.image.created': 'rfc3339',
    'org.opencontainers.image.revision': 'hash',
    'org.opencontainers.image.version': 'semver',
    'org.opencontainers.image.authors': 'email',
  },
};

describe('lintDockerfile', () => {
  it('reports every implemented rule exactly once for the fixture with one violation of each', () => {
    const findings = lintDockerfile(fixture('one-violation-each.Dockerfile'), fixtureOptions);
    const reported = findings.map((finding) => finding.rule).sort();
    expect(reported).toEqual(dockerfileRules.map((rule) => rule.id).sort());
  });

  it('reports each finding at the line its fixture comment announces', () => {
    const text = fixture('one-violation-each.Dockerfile');
    const lines = text.split('\n');
    for (const finding of lintDockerfile(text, fixtureOptions)) {
      // The announcing comment sits just above the instruction (or above the line inside a RUN).
      const announced = lines
        .slice(0, finding.line - 1)
        .findLastIndex((line) => line.trimStart().startsWith('#'));
      expect(lines[announced], `${finding.rule} at line ${finding.line}`).toContain(finding.rule);
    }
  });

  it('fills rule, severity, message, position, file and docs link', () => {
    expect(lintDockerfile('FROM node\n', { file: 'web/Dockerfile' })).toEqual([
      {
        rule: 'DL3006',
        severity: 'warning',
        message: expect.stringContaining('"node"'),
        line: 1,
        column: 1,
        file: 'web/Dockerfile',
        docsUrl: 'https://github.com/hadolint/hadolint/wiki/DL3006',
      },
    ]);
  });

  it('sorts findings by line, then column, then rule id', () => {
    const findings = lintDockerfile('FROM debian\nRUN apt-get update && apt-get install curl\nCMD x\n');
    const keys = findings.map((finding) => [finding.line, finding.column ?? 0, finding.rule] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]));
    expect(keys).toEqual(sorted);
  });

  it('reports nothing for a well-written multi-stage Dockerfile', () => {
    expect(lintDockerfile(fixture('clean.Dockerfile'))).toEqual([]);
  });

  it('never throws on arbitrary input', () => {
    for (const text of [
      '',
      '\n\n',
      '\\',
      'RUN',
      'FROM',
      'RUN <<',
      'COPY <<A <<B',
      'ONBUILD',
      '# escape=`\nRUN `',
      'RUN $(',
      'RUN "',
    ]) {
      expect(() => lintDockerfile(text)).not.toThrow();
    }
  });
});

describe('dockerfileRules', () => {
  it('lists unique ids, each with a Hadolint-compatible severity and a title', () => {
    const ids = dockerfileRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of dockerfileRules) {
      expect(rule.id).toMatch(/^(DL|BL)\d{4}$/);
      expect(['error', 'warning', 'info', 'style']).toContain(rule.severity);
      expect(rule.title).not.toBe('');
    }
  });

  it('matches the rule table in rules.md, severities included', () => {
    const documented = [
      ...readFileSync(new URL('./rules.md', import.meta.url), 'utf8').matchAll(
        /^\|\s*(\w{2}\d{4})\s*\|\s*(\w+)\s*\|/gm,
      ),
    ].map((match) => `${match[1]} ${match[2]}`);
    expect(documented).toEqual(dockerfileRules.map((rule) => `${rule.id} ${rule.severity}`));
  });
});
