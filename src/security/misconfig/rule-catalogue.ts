import type { MisconfigFinding, MisconfigRule } from './misconfig-finding.js';
import type { SourcePoint } from './yaml-locator.js';

/** Looks rules up by ID; the ID type comes from the catalogue, so an unknown ID does not compile. */
export function ruleLookup<R extends MisconfigRule>(rules: readonly R[]): (id: R['id']) => R {
  const byId = new Map<string, R>(rules.map((rule) => [rule.id, rule]));
  return (id) => {
    const rule = byId.get(id);
    if (rule === undefined) throw new Error(`rule ${id} is not in the catalogue`);
    return rule;
  };
}

/** A finding of `rule` at a position; title, severity, reference and fix come from the catalogue. */
export function findingFor(
  rule: MisconfigRule,
  file: string,
  point: SourcePoint,
  message: string,
  resource: string | undefined,
): MisconfigFinding {
  return {
    rule: rule.id,
    severity: rule.severity,
    title: rule.title,
    message,
    file,
    line: point.line,
    column: point.column,
    ...(resource === undefined ? {} : { resource }),
    ...(rule.reference === undefined ? {} : { reference: rule.reference }),
    fix: rule.fix,
  };
}

/** Orders findings by position, then rule. */
export function byPosition(a: MisconfigFinding, b: MisconfigFinding): number {
  return a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}
