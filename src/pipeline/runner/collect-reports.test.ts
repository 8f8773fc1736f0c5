import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectReports } from './collect-reports.js';
import { tempRun } from './testing/run-fixture.js';

const made: ReturnType<typeof tempRun>[] = [];
const workspace = (files: Record<string, string>) => {
  const run = tempRun(files);
  made.push(run);
  return run;
};
afterEach(() => made.splice(0).forEach((run) => run.remove()));

const suite = (cases: string) => `<testsuite>${cases}</testsuite>`;

describe('collectReports', () => {
  it('reads every file the glob matches into one summary per entry', async () => {
    const { workspaceDir } = workspace({
      'reports/a.xml': suite('<testcase name="a"/>'),
      'reports/b.xml': suite('<testcase name="b"><failure message="no"/></testcase>'),
      'reports/notes.txt': 'not a report',
    });
    const [verdict] = await collectReports(workspaceDir, [
      { format: 'junit', path: 'reports/*.xml', failOn: 'failure' },
    ]);
    expect(verdict?.files).toEqual(['reports/a.xml', 'reports/b.xml']);
    expect(verdict?.summary).toMatchObject({ total: 2, passed: 1, failed: 1 });
    expect(verdict?.fails).toBe(true);
  });

  it('fails a gate whose report is missing, so a crashed test command cannot pass it', async () => {
    const { workspaceDir } = workspace({});
    const [verdict] = await collectReports(workspaceDir, [
      { format: 'junit', path: 'junit.xml', failOn: 'failure' },
    ]);
    expect(verdict).toMatchObject({ fails: true, reason: 'no file matches "junit.xml"' });
  });

  it('does not read a report that is a link to a host file', async () => {
    const { workspaceDir, root } = workspace({});
    writeFileSync(join(root, 'host.xml'), suite('<testcase name="host"/>'));
    symlinkSync(join(root, 'host.xml'), join(workspaceDir, 'junit.xml'));
    const [verdict] = await collectReports(workspaceDir, [
      { format: 'junit', path: 'junit.xml', failOn: 'none' },
    ]);
    expect(verdict?.files).toEqual([]);
    expect(verdict?.summary).toBeUndefined();
  });
});
