import { LineCounter, parseDocument } from 'yaml';
import type { MisconfigFinding } from '../misconfig-finding.js';
import { isRecord } from '../plain-value.js';
import { describeYamlError } from '../yaml-error-point.js';
import { locate } from '../yaml-locator.js';
import { byPosition, findingFor, ruleLookup } from '../rule-catalogue.js';
import { composeRules } from './compose-rules.js';
import { exposureChecks } from './exposure-checks.js';
import { mountChecks } from './mount-checks.js';
import { namespaceChecks } from './namespace-checks.js';
import { privilegeChecks } from './privilege-checks.js';
import { profileChecks } from './profile-checks.js';
import { resourceChecks } from './resource-checks.js';
import type { ComposeOffense, ServiceCheck } from './service-check.js';

const serviceChecks: readonly ServiceCheck[] = [
  privilegeChecks,
  namespaceChecks,
  mountChecks,
  profileChecks,
  resourceChecks,
  exposureChecks,
];

const composeRule = ruleLookup(composeRules);

/**
 * Checks a Compose file against the CIS Docker Benchmark §5 container-runtime rules (`composeRules`). It
 * parses the YAML itself rather than through Berth's loader, so files Berth would refuse to run (say, with
 * `privileged: true`) are still reported on. Values are not interpolated: a `${VAR}` is judged as unknown.
 * Findings are sorted by position.
 *
 * @example
 * checkCompose('services:\n  web:\n    image: nginx\n    privileged: true\n', 'compose.yaml')
 *   .filter((finding) => finding.rule === 'BC101'); // [{ rule: 'BC101', line: 4, column: 5, … }]
 */
export function checkCompose(text: string, file: string): MisconfigFinding[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true });
  const syntaxError = doc.errors[0];
  if (syntaxError !== undefined) {
    const { line, column, message } = describeYamlError(syntaxError, lineCounter);
    return [findingFor(composeRule('BC001'), file, { line, column }, message, undefined)];
  }
  let root: unknown;
  try {
    root = doc.toJS();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [findingFor(composeRule('BC001'), file, { line: 1, column: 1 }, reason, undefined)];
  }
  if (!isRecord(root) || !isRecord(root.services)) return [];

  const offenses: (ComposeOffense & { service: string })[] = [];
  for (const [name, service] of Object.entries(root.services)) {
    if (!isRecord(service)) continue;
    const context = { name, service, path: ['services', name] };
    for (const check of serviceChecks) {
      offenses.push(...check(context).map((offense) => ({ ...offense, service: name })));
    }
  }
  const findings = offenses.map((offense) =>
    findingFor(
      composeRule(offense.rule),
      file,
      locate(doc, offense.path, lineCounter),
      offense.message,
      `service/${offense.service}`,
    ),
  );
  return findings.sort(byPosition);
}
