import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../security/index.js';
import { runCli } from '../run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function scan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['scan', ...args], {
    env: { BERTH_HOME: dir },
    cwd: dir,
    stdout: { write: (s: string) => ((stdout += s), true) } as unknown as NodeJS.WritableStream,
    stderr: { write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WritableStream,
  });
  return { code, stdout, stderr };
}

describe('berth scan (no daemon)', () => {
  writeFileSync(
    join(dir, 'compose.yaml'),
    'services:\n  web:\n    image: nginx:latest\n    privileged: true\n',
  );
  writeFileSync(join(dir, 'Dockerfile'), 'FROM debian:12\nMAINTAINER me\nUSER root\n');
  writeFileSync(
    join(dir, 'pod.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  hostNetwork: true\n  containers: [{ name: c, image: nginx:1.27 }]\n',
  );

  it('reports Compose misconfiguration as JSON with positions and a severity summary', async () => {
    const result = await scan(['compose', 'compose.yaml', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(report).toMatchObject({
      schemaVersion: 1,
      target: { kind: 'compose', name: 'compose.yaml' },
      suppressed: 0,
    });
    const privileged = report.findings.find((f) => f.id === 'BC101');
    expect(privileged).toMatchObject({
      kind: 'misconfig',
      severity: 'critical',
      location: { file: 'compose.yaml', line: 4, column: 5 },
    });
    expect(report.summary.critical).toBeGreaterThanOrEqual(1);
  });

  it('exits 1 when a finding reaches --fail-on, 0 below it', async () => {
    expect((await scan(['compose', 'compose.yaml', '--fail-on', 'critical'])).code).toBe(1);
    expect((await scan(['dockerfile', 'Dockerfile', '--fail-on', 'critical'])).code).toBe(0);
  });

  it('lints a Dockerfile with Hadolint rule ids', async () => {
    const report = JSON.parse((await scan(['dockerfile', 'Dockerfile', '--json'])).stdout) as ScanReport;
    expect(report.findings.map((f) => f.id).sort()).toEqual(['DL3002', 'DL4000']);
  });

  it('checks Kubernetes manifests against the Pod Security Standards', async () => {
    const report = JSON.parse(
      (await scan(['k8s', 'pod.yaml', '--json', '--level', 'baseline'])).stdout,
    ) as ScanReport;
    expect(report.findings.some((f) => f.reference === 'PSS hostNamespaces')).toBe(true);
  });

  it('writes SARIF 2.1.0 for code-scanning tools', async () => {
    const sarif = JSON.parse((await scan(['compose', 'compose.yaml', '--format', 'sarif'])).stdout) as {
      version: string;
      runs: { tool: { driver: { name: string } }; results: { ruleId: string; level: string }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.tool.driver.name).toBe('berth');
    expect(sarif.runs[0]?.results).toContainEqual(
      expect.objectContaining({ ruleId: 'BC101', level: 'error' }),
    );
  });

  it('suppresses findings listed in .berthignore (with a reason and an expiry) and counts them', async () => {
    writeFileSync(
      join(dir, '.berthignore'),
      '- id: BC101\n  reason: lab machine, accepted until the device driver ships\n  expires: 2999-01-01\n',
    );
    try {
      const report = JSON.parse((await scan(['compose', 'compose.yaml', '--json'])).stdout) as ScanReport;
      expect(report.findings.map((f) => f.id)).not.toContain('BC101');
      expect(report.suppressed).toBe(1);
    } finally {
      rmSync(join(dir, '.berthignore'));
    }
  });

  it('refuses bad usage with exit code 2', async () => {
    expect((await scan(['compose'])).code).toBe(2);
    expect((await scan(['compose', 'compose.yaml', '--fail-on', 'severe'])).code).toBe(2);
    const missing = await scan(['compose', 'nope.yaml']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('BERTH_FILE_NOT_FOUND');
  });
});
