import { describe, expect, it } from 'vitest';
import { BerthError } from '../../errors/index.js';
import { parseBerthignore } from './index.js';

function errorOf(text: string): BerthError {
  try {
    parseBerthignore(text, '.berthignore');
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected parseBerthignore to throw');
}

describe('parseBerthignore', () => {
  it('reads entries with their line, globs, package and expiry', () => {
    const text = [
      '# accepted risks, reviewed monthly',
      '- id: DL3008',
      '  paths: [services/*/Dockerfile]',
      '  reason: base image pins apt packages',
      '  expires: 2026-12-31',
      '- id: CVE-2025-*',
      '  package: pkg:deb/debian/openssl',
      '  paths: Dockerfile',
      '  reason: not reachable, see SEC-12',
      '  expires: 2027-01-15T12:00:00Z',
    ].join('\n');
    expect(parseBerthignore(text, '.berthignore')).toEqual([
      {
        id: 'DL3008',
        paths: ['services/*/Dockerfile'],
        reason: 'base image pins apt packages',
        expires: '2026-12-31',
        expiresAt: new Date('2027-01-01T00:00:00Z'),
        source: { file: '.berthignore', line: 2 },
      },
      {
        id: 'CVE-2025-*',
        package: 'pkg:deb/debian/openssl',
        paths: ['Dockerfile'],
        reason: 'not reachable, see SEC-12',
        expires: '2027-01-15T12:00:00Z',
        expiresAt: new Date('2027-01-15T12:00:00Z'),
        source: { file: '.berthignore', line: 6 },
      },
    ]);
  });

  it('reads an empty or comment-only file as no entries', () => {
    expect(parseBerthignore('', '.berthignore')).toEqual([]);
    expect(parseBerthignore('# nothing ignored\n', '.berthignore')).toEqual([]);
  });

  it('rejects an entry without a reason, at the entry line', () => {
    const error = errorOf(
      '- id: DL3008\n  expires: 2026-12-31\n- id: DL3009\n  expires: 2026-12-31\n  reason: ok\n',
    );
    expect(error.code).toBe('BERTH_CONFIG');
    expect(error.position).toEqual({ file: '.berthignore', line: 1, column: 3 });
    expect(error.message).toContain('.berthignore:1:3: entry 1 ("DL3008") has no `reason`');
  });

  it('rejects an entry without an expiry date, at the entry line', () => {
    const error = errorOf(
      '- id: DL3009\n  reason: ok\n  expires: 2026-12-31\n\n- id: BC101\n  reason: legacy\n',
    );
    expect(error.position?.line).toBe(5);
    expect(error.message).toContain('entry 2 ("BC101") has no `expires`');
  });

  it('points at the value of an expiry that is not a date', () => {
    const error = errorOf('- id: DL3008\n  reason: ok\n  expires: next year\n');
    expect(error.position).toEqual({ file: '.berthignore', line: 3, column: 12 });
    expect(error.message).toContain('`expires` "next year" is not a date like 2026-12-31');
  });

  it('reports every problem at once', () => {
    const error = errorOf('- id: A\n- id: B\n  reason: r\n  expires: 2026-01-01\n  reasons: typo\n');
    expect(error.details?.problems).toEqual([
      { line: 1, column: 3, message: 'entry 1 ("A") has no `reason`' },
      { line: 1, column: 3, message: 'entry 1 ("A") has no `expires`' },
      { line: 2, column: 3, message: 'entry 2 ("B") has unknown key(s) `reasons`' },
    ]);
  });

  it('rejects a file that is not a list, and YAML syntax errors, with their line', () => {
    expect(errorOf('id: DL3008\n').message).toContain('must be a YAML list');
    expect(errorOf('- id: DL3008\n  reason: [unclosed\n').position?.line).toBeGreaterThanOrEqual(2);
  });
});
