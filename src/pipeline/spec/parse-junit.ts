import type { ParseResult } from './parse-result.js';
import { parseXml, type XmlElement } from './parse-xml.js';
import {
  defaultMaxFindings,
  SummaryBuilder,
  type ReportOptions,
  type ReportSummary,
} from './report-summary.js';

/*
 * JUnit XML as test runners write it (Ant/Surefire schema and its dialects: Jest, Vitest, pytest,
 * go-junit-report): <testsuites>/<testsuite> (may nest) with <testcase> children holding <failure>,
 * <error> or <skipped>. Counts come from the test cases, not from the suites' attributes.
 */

/** A classname that is really a file (Vitest, Jest): it has a slash or a source-file extension. */
const fileLike = /[\\/]|\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|cs|php|swift|scala|ex|exs)$/;
const maxMessage = 1000;

/**
 * Summarises a JUnit XML report: counts, and one finding per failed or errored test with its file
 * and line when the report gives them (attributes `file`/`line`, or `file:line` in the failure text).
 *
 * @example
 * parseJUnit('<testsuite><testcase name="adds"/></testsuite>'); // { ok: true, value: { total: 1, passed: 1, ... } }
 */
export function parseJUnit(text: string, options: ReportOptions = {}): ParseResult<ReportSummary> {
  const parsed = parseXml(text, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
  if (!parsed.ok) return { ok: false, reason: `not well-formed XML: ${parsed.reason}` };
  const root = parsed.value;
  if (root.name !== 'testsuites' && root.name !== 'testsuite') {
    return {
      ok: false,
      reason: `not a JUnit report: the root element is <${root.name}>, not <testsuites> or <testsuite>`,
    };
  }
  const summary = new SummaryBuilder('junit', options.maxFindings ?? defaultMaxFindings);
  const visit = (element: XmlElement, suiteFile: string | undefined): void => {
    for (const child of element.children) {
      if (child.name === 'testsuite') visit(child, child.attributes['file'] ?? suiteFile);
      else if (child.name === 'testcase') addCase(summary, child, suiteFile);
    }
  };
  if (root.name === 'testsuite') visit({ name: '', attributes: {}, children: [root], text: '' }, undefined);
  else visit(root, root.attributes['file']);
  return { ok: true, value: summary.build() };
}

function addCase(summary: SummaryBuilder, testcase: XmlElement, suiteFile: string | undefined): void {
  const problem = testcase.children.find((c) => c.name === 'failure' || c.name === 'error');
  if (problem === undefined) {
    if (testcase.children.some((c) => c.name === 'skipped')) summary.skip();
    else summary.pass();
    return;
  }
  const { name = '', classname } = testcase.attributes;
  const classIsFile = classname !== undefined && fileLike.test(classname);
  const file = testcase.attributes['file'] ?? suiteFile ?? (classIsFile ? classname : undefined);
  const line = lineOf(testcase.attributes['line'], file, problem.text);
  const type = problem.attributes['type'];
  summary.fail({
    message: messageOf(problem),
    severity: problem.name === 'error' ? 'error' : 'failure',
    test: classname === undefined || classIsFile ? name : `${classname} > ${name}`,
    ...(file === undefined ? {} : { file }),
    ...(line === undefined ? {} : { line }),
    ...(type === undefined || type === '' ? {} : { rule: type }),
  });
}

function messageOf(problem: XmlElement): string {
  const first = problem.text.split('\n').find((l) => l.trim() !== '');
  const message =
    problem.attributes['message']?.trim() || first?.trim() || problem.attributes['type'] || 'test failed';
  return message.length > maxMessage ? `${message.slice(0, maxMessage)}…` : message;
}

/** The `line` attribute, else the first `<file>:<line>` in the failure text (stack traces). */
function lineOf(attribute: string | undefined, file: string | undefined, text: string): number | undefined {
  if (attribute !== undefined && /^\d+$/.test(attribute)) return Number(attribute);
  if (file === undefined || text === '') return undefined;
  const name = file.replace(/^\.\//, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${name}:(\\d+)`).exec(text);
  return match === null ? undefined : Number(match[1]);
}
