import { describe, expect, it } from 'vitest';
import { parseJUnit } from './parse-junit.js';
import type { ReportSummary } from './report-summary.js';

function summary(text: string, maxFindings?: number): ReportSummary {
  const result = parseJUnit(text, maxFindings === undefined ? {} : { maxFindings });
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

// As Vitest writes it: classname is the test file, failures carry the stack.
const vitest = `<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" tests="4" failures="1" errors="0" time="0.5">
  <testsuite name="src/cart.test.ts" timestamp="2025-01-01T00:00:00" hostname="ci" tests="4" failures="1" errors="0" skipped="1" time="0.1">
    <testcase classname="src/cart.test.ts" name="cart &gt; adds an item" time="0.01"/>
    <testcase classname="src/cart.test.ts" name="cart &gt; totals" time="0.02">
      <failure message="expected 3 to be 4 // Object.is equality" type="AssertionError">
AssertionError: expected 3 to be 4 // Object.is equality
 ❯ src/cart.test.ts:27:19
      </failure>
    </testcase>
    <testcase classname="src/cart.test.ts" name="cart &gt; later" time="0">
      <skipped/>
    </testcase>
    <testcase classname="src/cart.test.ts" name="cart &gt; empties" time="0.01"/>
  </testsuite>
</testsuites>`;

// As pytest (xunit1) and Surefire write it: file and line attributes, Java class names, errors.
const pytest = `<testsuite name="pytest" tests="3">
  <testcase classname="tests.test_api" name="test_get" file="tests/test_api.py" line="12"><error message="ConnectionError: refused">trace</error></testcase>
  <testcase classname="tests.test_api" name="test_post" file="tests/test_api.py" line="30"><failure>assert 500 == 200</failure></testcase>
  <testcase classname="tests.test_api" name="test_put"/>
</testsuite>`;

const surefire = `<testsuites><testsuite name="com.example.CartTest" file="src/test/java/com/example/CartTest.java">
  <testsuite name="nested">
    <testcase classname="com.example.CartTest" name="totals"><failure type="org.opentest4j.AssertionFailedError"/></testcase>
  </testsuite>
</testsuite></testsuites>`;

describe('parseJUnit', () => {
  it('counts test cases and reports failures with file, line from the stack, rule and test name (Vitest)', () => {
    expect(summary(vitest)).toEqual({
      kind: 'junit',
      total: 4,
      passed: 2,
      failed: 1,
      skipped: 1,
      bySeverity: { failure: 1 },
      findings: [
        {
          message: 'expected 3 to be 4 // Object.is equality',
          file: 'src/cart.test.ts',
          line: 27,
          rule: 'AssertionError',
          severity: 'failure',
          test: 'cart > totals',
        },
      ],
      omittedFindings: 0,
    });
  });

  it('takes file and line attributes, errors and first text lines as messages (pytest)', () => {
    const s = summary(pytest);
    expect([s.total, s.passed, s.failed, s.bySeverity]).toEqual([3, 1, 2, { error: 1, failure: 1 }]);
    expect(s.findings).toEqual([
      {
        message: 'ConnectionError: refused',
        file: 'tests/test_api.py',
        line: 12,
        severity: 'error',
        test: 'tests.test_api > test_get',
      },
      {
        message: 'assert 500 == 200',
        file: 'tests/test_api.py',
        line: 30,
        severity: 'failure',
        test: 'tests.test_api > test_post',
      },
    ]);
  });

  it('takes the file of the enclosing suite and the type as message when there is nothing else (Surefire)', () => {
    expect(summary(surefire).findings).toEqual([
      {
        message: 'org.opentest4j.AssertionFailedError',
        file: 'src/test/java/com/example/CartTest.java',
        rule: 'org.opentest4j.AssertionFailedError',
        severity: 'failure',
        test: 'com.example.CartTest > totals',
      },
    ]);
  });

  it('keeps exact counts but at most maxFindings findings', () => {
    const cases = Array.from(
      { length: 5 },
      (_, i) => `<testcase name="t${i}"><failure message="m${i}"/></testcase>`,
    ).join('');
    const s = summary(`<testsuite>${cases}</testsuite>`, 2);
    expect([s.failed, s.findings.map((f) => f.message), s.omittedFindings]).toEqual([5, ['m0', 'm1'], 3]);
  });

  it('reads an empty suite as zero tests', () => {
    expect(summary('<testsuites/>')).toMatchObject({
      total: 0,
      passed: 0,
      failed: 0,
      skipped: 0,
      findings: [],
    });
  });

  it.each([
    ['<html><body/></html>', 'not a JUnit report: the root element is <html>'],
    ['<testsuite>', 'not well-formed XML: line 1: <testsuite> is not closed'],
    ['<!DOCTYPE x><testsuite/>', 'DOCTYPE and DTDs are not allowed'],
  ])('refuses %j', (text, reason) => {
    const result = parseJUnit(text);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});
