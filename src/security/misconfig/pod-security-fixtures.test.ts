import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkKubernetes, evaluatePodSecurity, type PodSecurityLevel } from './index.js';
import { podMetadataSchema, podSpecSchema } from './kubernetes/pod-security/index.js';

/*
 * Golden tests against kubernetes/pod-security-admission's own test data (copied to shared/datasets, see its
 * README): `<level>/<version>/<pass|fail>/<check><n>.yaml`. Each file is a Pod that the admission controller
 * allows (pass) or denies (fail) at that level and version; a fail file's name starts with the check that
 * denies it.
 */
const fixturesUrl = new URL('../../../../shared/datasets/k8s-pod-security-fixtures/', import.meta.url);
const fixturesDir = fileURLToPath(fixturesUrl);

interface Fixture {
  level: PodSecurityLevel;
  version: string;
  verdict: 'pass' | 'fail';
  name: string;
  text: string;
}

function loadFixtures(): Fixture[] {
  // A missing folder must fail the suite (the test below), not make it vacuously pass.
  if (!existsSync(fixturesDir)) return [];
  const fixtures: Fixture[] = [];
  for (const level of ['baseline', 'restricted'] as const) {
    for (const version of readdirSync(new URL(`${level}/`, fixturesUrl))) {
      for (const verdict of ['pass', 'fail'] as const) {
        const dir = new URL(`${level}/${version}/${verdict}/`, fixturesUrl);
        if (!existsSync(dir)) continue;
        for (const name of readdirSync(dir)
          .filter((file) => file.endsWith('.yaml'))
          .sort()) {
          fixtures.push({ level, version, verdict, name, text: readFileSync(new URL(name, dir), 'utf8') });
        }
      }
    }
  }
  return fixtures;
}

const fixtures = loadFixtures();

/** At the restricted level these baseline checks are replaced by the restricted check named here. */
const restrictedOverrides: Record<string, string> = {
  capabilities_baseline: 'capabilities_restricted',
  seccompprofile_baseline: 'seccompProfile_restricted',
  hostpathvolumes: 'restrictedVolumes',
  procmount: 'procMount_restricted',
};

function expectedCheck({ level, name }: Fixture): string {
  const stem = name.replace(/\d*\.yaml$/, '');
  return (level === 'restricted' ? restrictedOverrides[stem] : undefined) ?? stem;
}

function evaluate({ text, level, version }: Fixture): ReturnType<typeof evaluatePodSecurity> {
  const pod = parse(text) as { metadata?: unknown; spec?: unknown };
  return evaluatePodSecurity(
    podSpecSchema.parse(pod.spec ?? {}),
    level,
    version,
    podMetadataSchema.parse(pod.metadata ?? {}),
  );
}

describe('Pod Security Standards fixtures (pod-security-admission test data)', () => {
  it('finds every fixture the dataset README counts', () => {
    expect(existsSync(fixturesDir), `fixture folder ${fixturesDir} is missing`).toBe(true);
    const readme = readFileSync(new URL('README.md', fixturesUrl), 'utf8');
    const counts = /baseline (\d+) pass \/ (\d+) fail; restricted (\d+) pass \/ (\d+) fail/.exec(readme);
    expect(counts, 'README states the fixture counts').not.toBeNull();
    const count = (level: string, verdict: string): number =>
      fixtures.filter((fixture) => fixture.level === level && fixture.verdict === verdict).length;
    expect([
      count('baseline', 'pass'),
      count('baseline', 'fail'),
      count('restricted', 'pass'),
      count('restricted', 'fail'),
    ]).toEqual(counts?.slice(1).map(Number));
    expect(fixtures).toHaveLength(148);
  });

  it.each(
    fixtures.map(
      (fixture) =>
        [`${fixture.level}/${fixture.version}/${fixture.verdict}/${fixture.name}`, fixture] as const,
    ),
  )('evaluatePodSecurity gives the admission verdict for %s', (_label, fixture) => {
    const result = evaluate(fixture);
    expect(result.allowed).toBe(fixture.verdict === 'pass');
    if (fixture.verdict === 'fail') {
      const checks = result.violations.map((violation) => violation.check.toLowerCase());
      expect(checks).toContain(expectedCheck(fixture).toLowerCase());
    }
  });

  it.each(
    fixtures.map(
      (fixture) =>
        [`${fixture.level}/${fixture.version}/${fixture.verdict}/${fixture.name}`, fixture] as const,
    ),
  )('checkKubernetes reports Pod Security findings exactly for the denied fixture %s', (_label, fixture) => {
    const findings = checkKubernetes(fixture.text, fixture.name, {
      level: fixture.level,
      version: fixture.version,
    });
    const podSecurity = findings.filter((finding) => /^BK[12]/.test(finding.rule));
    expect(podSecurity.length > 0).toBe(fixture.verdict === 'fail');
    expect(findings.filter((finding) => finding.rule === 'BK001')).toEqual([]);
  });
});
