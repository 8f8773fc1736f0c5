import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareVersions, isValidVersion } from './index.js';
import type { Ordering } from './ordering.js';

// Version-comparison vectors from google/osv-scalibr `semantic/testdata` (Apache-2.0); see the folder's README.md.
// A missing folder must fail the suite, never skip it.
const folder = new URL('../../../../shared/datasets/version-compare-vectors/', import.meta.url);

/** Which ecosystems each vector file speaks for (osv-scalibr `semantic/compare_test.go`, plus aliases). */
const ecosystemsByFile: Readonly<Record<string, readonly string[]>> = {
  'alpine-versions.txt': ['Alpine', 'Wolfi', 'Chainguard'],
  'alpine-versions-generated.txt': ['Alpine'],
  'cran-versions.txt': ['CRAN'],
  'cran-versions-generated.txt': ['CRAN'],
  'debian-versions.txt': ['Debian', 'Ubuntu'],
  'debian-versions-generated.txt': ['Debian'],
  'hackage-versions.txt': ['Hackage', 'GHC'],
  'maven-versions.txt': ['Maven'],
  'maven-versions-generated.txt': ['Maven'],
  'nuget-versions.txt': ['NuGet'],
  'packagist-versions.txt': ['Packagist'],
  'packagist-versions-generated.txt': ['Packagist'],
  'pub-versions.txt': ['Pub'],
  'pypi-versions.txt': ['PyPI'],
  'pypi-versions-generated.txt': ['PyPI'],
  'redhat-versions.txt': ['Red Hat', 'AlmaLinux', 'Rocky Linux'],
  'rubygems-versions.txt': ['RubyGems'],
  'rubygems-versions-generated.txt': ['RubyGems'],
  'semver-versions.txt': ['npm', 'crates.io', 'Go', 'Hex', 'DHI'],
};

const expectedByOperator: Readonly<Record<string, Ordering>> = { '<': -1, '=': 0, '>': 1 };

interface Vector {
  line: number;
  text: string;
  a: string;
  b: string;
  expected: Ordering;
}

function readVectors(file: string): Vector[] {
  const lines = readFileSync(new URL(file, folder), 'utf8').split('\n');
  const vectors: Vector[] = [];
  lines.forEach((raw, index) => {
    const text = raw.trim();
    if (text === '' || text.startsWith('#') || text.startsWith('//')) return;
    const [a, operator, b, ...extra] = text.split(' ');
    const expected = expectedByOperator[operator ?? ''];
    if (a === undefined || b === undefined || expected === undefined || extra.length > 0) {
      throw new Error(`${file}:${index + 1}: expected "A <op> B" with op <, = or >, got "${text}"`);
    }
    vectors.push({ line: index + 1, text, a, b, expected });
  });
  return vectors;
}

const symbol = { '-1': '<', '0': '=', '1': '>' } as const;

/** Lines where compare(a, b) or its mirror compare(b, a) disagrees with the file, as `file:line: ...`. */
function disagreements(ecosystem: string, file: string, vectors: readonly Vector[]): string[] {
  const failures: string[] = [];
  for (const { line, text, a, b, expected } of vectors) {
    const forward = compareVersions(ecosystem, a, b);
    const backward = compareVersions(ecosystem, b, a);
    if (forward !== expected || backward !== -expected) {
      failures.push(
        `${file}:${line}: ${text} (got ${a} ${symbol[forward]} ${b}, ${b} ${symbol[backward]} ${a})`,
      );
    }
  }
  return failures;
}

/** The vector files, or an empty list (and a failing first test) when the folder is missing. */
function listVectorFiles(): string[] {
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith('.txt') && name !== 'LICENSE.txt')
      .sort();
  } catch {
    return [];
  }
}

const files = listVectorFiles();

describe('version-compare vectors', () => {
  it('finds the vector folder with a file for every ecosystem it expects', () => {
    expect(files, `no vector files in ${folder.pathname}`).toEqual(Object.keys(ecosystemsByFile).sort());
  });

  const cases = files.flatMap((file) => (ecosystemsByFile[file] ?? []).map((ecosystem) => [ecosystem, file]));
  it.each(cases)('%s agrees with every line of %s', (ecosystem, file) => {
    const vectors = readVectors(file);
    expect(vectors.length).toBeGreaterThan(0);
    const failures = disagreements(ecosystem, file, vectors);
    const shown = failures.slice(0, 40);
    if (failures.length > shown.length) shown.push(`... and ${failures.length - shown.length} more`);
    expect(shown, `${failures.length} of ${vectors.length} vectors disagree`).toEqual([]);
  });

  // ComparableVersion itself is not transitive (maven-artifact 3.8: 1 < 1.0-1 < 1.0.0.RC8 < 1), so Maven is
  // left out; strings a scheme calls invalid (apk's plain string fallback) are too.
  const orderCases = Object.entries(versionsByEcosystem()).filter(([ecosystem]) => ecosystem !== 'Maven');
  it.each(orderCases)(
    'orders the valid %s versions of the vector files consistently',
    (ecosystem, versions) => {
      const sorted = versions
        .filter((v) => isValidVersion(ecosystem, v))
        .sort((a, b) => compareVersions(ecosystem, a, b));
      const failures: string[] = [];
      const random = lcg(42);
      // Random pairs, half of them close together (where a broken order shows first).
      for (let k = 0; k < 40_000 && failures.length < 10; k++) {
        const i = Math.floor(random() * sorted.length);
        const j = k % 2 === 0 ? i + 1 + Math.floor(random() * 50) : Math.floor(random() * sorted.length);
        const [a, b] = [sorted[Math.min(i, j)], sorted[Math.max(i, j)]];
        if (a === undefined || b === undefined) continue;
        if (compareVersions(ecosystem, a, b) > 0)
          failures.push(`${a} sorts before ${b}, yet compares greater`);
      }
      expect(failures).toEqual([]);
    },
  );
});

/** Every version each ecosystem's vector files name, for the ordering check above. */
function versionsByEcosystem(): Record<string, string[]> {
  const byEcosystem: Record<string, Set<string>> = {};
  for (const file of files) {
    for (const ecosystem of ecosystemsByFile[file] ?? []) {
      const set = (byEcosystem[ecosystem] ??= new Set());
      for (const { a, b } of readVectors(file)) set.add(a).add(b);
    }
  }
  return Object.fromEntries(Object.entries(byEcosystem).map(([ecosystem, set]) => [ecosystem, [...set]]));
}

/** A small deterministic random source, so a failure reproduces. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
