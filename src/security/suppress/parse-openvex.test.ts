import { describe, expect, it } from 'vitest';
import { parseOpenVex } from './index.js';
import { sampleFiles, sampleText } from './testing/openvex-samples.js';

const minimal = (statement: object) =>
  JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'doc', statements: [statement] });

describe('parseOpenVex', () => {
  it.each(sampleFiles())('reads every statement of the sample %s', (file) => {
    const text = sampleText(file);
    const raw = JSON.parse(text) as { statements: { status: string; vulnerability: { name: string } }[] };
    const doc = parseOpenVex(text, file);
    expect(doc.source).toBe(file);
    expect(doc.statements.map((s) => [s.vulnerabilityIds[0], s.status])).toEqual(
      raw.statements.map((s) => [s.vulnerability.name, s.status]),
    );
    for (const s of doc.statements) expect(s.products.length).toBeGreaterThan(0);
  });

  it('keeps the vulnerability @id and aliases and the products with their subcomponents', () => {
    const doc = parseOpenVex(
      minimal({
        vulnerability: {
          '@id': 'https://nvd.nist.gov/vuln/detail/CVE-2024-1',
          name: 'CVE-2024-1',
          aliases: ['GHSA-x'],
        },
        products: [
          {
            '@id': 'pkg:oci/app',
            subcomponents: [{ '@id': 'pkg:npm/a@1' }, { identifiers: { purl: 'pkg:npm/b' } }],
          },
        ],
        status: 'fixed',
      }),
      'app.vex.json',
    );
    expect(doc.statements[0]).toMatchObject({
      vulnerabilityIds: ['CVE-2024-1', 'https://nvd.nist.gov/vuln/detail/CVE-2024-1', 'GHSA-x'],
      products: [{ purl: 'pkg:oci/app', subcomponents: ['pkg:npm/a@1', 'pkg:npm/b'] }],
      status: 'fixed',
    });
  });

  it('rejects a not_affected statement without a justification or impact statement', () => {
    const text = minimal({
      vulnerability: { name: 'CVE-2024-1' },
      products: [{ '@id': 'pkg:npm/a' }],
      status: 'not_affected',
    });
    expect(() => parseOpenVex(text, 'x.vex.json')).toThrow(
      /statements\[0\]\.justification: a not_affected statement needs/,
    );
  });

  it('accepts a not_affected statement with only an impact statement, as the spec allows', () => {
    const text = minimal({
      vulnerability: { name: 'CVE-2024-1' },
      products: [{ '@id': 'pkg:npm/a' }],
      status: 'not_affected',
      impact_statement: 'the parser is never called',
    });
    expect(parseOpenVex(text, 'x.vex.json').statements[0]?.status).toBe('not_affected');
  });

  it.each([
    [
      'an unknown status',
      minimal({ vulnerability: { name: 'CVE-1' }, status: 'wontfix' }),
      /statements\[0\]\.status/,
    ],
    [
      'an unknown justification',
      minimal({ vulnerability: { name: 'C' }, status: 'not_affected', justification: 'trust me' }),
      /justification/,
    ],
    [
      'a vulnerability without a name',
      minimal({ vulnerability: {}, status: 'fixed' }),
      /vulnerability\.name/,
    ],
    ['another format', JSON.stringify({ bomFormat: 'CycloneDX' }), /@context/],
    ['broken JSON', '{"statements": [', /not valid JSON/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseOpenVex(text, 'x.vex.json')).toThrow(message);
  });
});
