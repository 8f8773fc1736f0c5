import { summarize, type Finding, type ScanReport } from '../../report/index.js';
import type { SbomInput } from '../sbom-document-meta.js';

export const dockerfileFinding: Finding = {
  kind: 'dockerfile',
  id: 'DL3008',
  severity: 'medium',
  title: 'Pin versions in apt-get install',
  message: 'apt-get install curl has no version pin',
  location: { file: './services/web/Dockerfile', line: 4, column: 1 },
  reference: 'https://github.com/hadolint/hadolint/wiki/DL3008',
  fix: 'install curl=<version>',
};

export const vulnFinding: Finding = {
  kind: 'vulnerability',
  id: 'CVE-2025-62813',
  severity: 'critical',
  title: 'lz4: heap overflow',
  message: 'liblz4-1 1.9.4-1 (Debian:12) is affected by CVE-2025-62813',
  location: { file: 'var/lib/dpkg/status' },
  resource: 'pkg:deb/debian/liblz4-1@1.9.4-1?arch=amd64&distro=debian-12',
  reference: 'https://osv.dev/vulnerability/CVE-2025-62813',
  fix: 'upgrade lz4 to 1.9.4-1+deb12u1 or later',
  cvss: {
    version: '4.0',
    vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    score: 9.3,
  },
};

export const secretFinding: Finding = {
  kind: 'secret',
  id: 'BS001',
  severity: 'low',
  title: 'Hard-coded secret',
  message: 'a value that looks like an API key is set in the environment',
  resource: 'service web',
};

export const sbom: SbomInput = {
  distro: { id: 'debian', versionId: '12' },
  packages: [
    {
      ecosystem: 'Debian:12',
      name: 'liblz4-1',
      version: '1.9.4-1',
      purl: 'pkg:deb/debian/liblz4-1@1.9.4-1?arch=amd64&distro=debian-12',
    },
    {
      ecosystem: 'npm',
      name: '@hono/node-server',
      version: '2.1.9',
      purl: 'pkg:npm/%40hono/node-server@2.1.9',
    },
    // The same package found in two places is one component.
    {
      ecosystem: 'npm',
      name: '@hono/node-server',
      version: '2.1.9',
      purl: 'pkg:npm/%40hono/node-server@2.1.9',
    },
  ],
};

export function report(findings: Finding[]): ScanReport {
  return {
    schemaVersion: 1,
    tool: { name: 'berth', version: '0.1.0' },
    createdAt: '2026-11-26T12:00:00.000Z',
    target: { kind: 'image', name: 'nginx:1.27' },
    findings,
    suppressed: 0,
    summary: summarize(findings),
  };
}
