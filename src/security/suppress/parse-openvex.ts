import { BerthError } from '../../errors/index.js';
import { OpenVexDocumentSchema, type VexDocument, type VexProduct } from './vex-document.js';

/**
 * Parses and checks an OpenVEX 0.2.0 JSON document (github.com/openvex/spec), as Trivy `--vex` and Grype
 * `--vex` read it.
 *
 * @example
 * const vex = parseOpenVex(await readFile('nginx.vex.json', 'utf8'), 'nginx.vex.json');
 */
export function parseOpenVex(text: string, source: string): VexDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new BerthError(
      'BERTH_CONFIG',
      `VEX document ${source} is not valid JSON: ${(cause as Error).message}`,
      {
        hint: 'pass an OpenVEX 0.2.0 JSON document (vexctl create writes one)',
        cause,
      },
    );
  }
  const result = OpenVexDocumentSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw new BerthError('BERTH_CONFIG', `invalid OpenVEX document ${source}: ${problems.join('; ')}`, {
      hint: 'fix the fields named; the format is github.com/openvex/spec OPENVEX-SPEC.md (v0.2.0)',
      details: { problems },
    });
  }
  const doc = result.data;
  return {
    source,
    id: doc['@id'],
    statements: doc.statements.map((s) => ({
      id: s['@id'],
      vulnerabilityIds: [
        s.vulnerability.name,
        s.vulnerability['@id'],
        ...(s.vulnerability.aliases ?? []),
      ].filter((v): v is string => v !== undefined && v !== ''),
      products: (s.products ?? []).flatMap((p): VexProduct[] => {
        const purl = p.identifiers?.purl ?? p['@id'];
        if (purl === undefined) return [];
        const subcomponents = (p.subcomponents ?? []).flatMap((c) => {
          const sub = c.identifiers?.purl ?? c['@id'];
          return sub === undefined ? [] : [sub];
        });
        return [{ purl, subcomponents }];
      }),
      status: s.status,
      justification: s.justification,
      timestamp: s.timestamp ?? doc.timestamp,
    })),
  };
}

function formatPath(path: readonly PropertyKey[]): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || '(root)'
  );
}
