import { describe, expect, it } from 'vitest';
import { interpolate } from './interpolate.js';

const env: Record<string, string> = { SET: 'value', EMPTY: '', B: 'bee', TAG: '1.2' };
const lookup = (name: string): string | undefined => env[name];

describe('interpolate', () => {
  it.each([
    ['plain text', 'plain text'],
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['pre-${SET}-post', 'pre-value-post'],
    ['$SET.suffix', 'value.suffix'],
    ['${UNSET:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${SET:-fallback}', 'value'],
    ['${UNSET-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${UNSET:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${SET:?needed}', 'value'],
    ['${EMPTY?needed}', ''],
    ['${UNSET:-${B}}', 'bee'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['${UNSET:-a ${B} c}', 'a bee c'],
    ['${UNSET:-}', ''],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['cost $5 and $ alone', 'cost $5 and $ alone'],
    ['trailing $', 'trailing $'],
    ['nginx:${TAG}', 'nginx:1.2'],
  ])('interpolate(%j) gives %j', (template, expected) => {
    const result = interpolate(template, lookup);
    expect(result).toMatchObject({ ok: true, value: expected });
  });

  it('substitutes an empty string for an unset variable and reports it as unset', () => {
    expect(interpolate('a${NOPE}b$NOPE2', lookup)).toEqual({
      ok: true,
      value: 'ab',
      used: ['NOPE', 'NOPE2'],
      unset: ['NOPE', 'NOPE2'],
    });
  });

  it('does not report a variable with a default as unset', () => {
    expect(interpolate('${NOPE:-x}', lookup)).toEqual({ ok: true, value: 'x', used: ['NOPE'], unset: [] });
  });

  it('evaluates operands lazily, so an unused required operand does not fail', () => {
    expect(interpolate('${SET:-${NOPE:?never}}', lookup)).toMatchObject({
      ok: true,
      value: 'value',
      used: ['SET'],
    });
  });

  it.each([
    ['${UNSET:?set UNSET please}', 'required variable UNSET is missing a value: set UNSET please'],
    ['${EMPTY:?}', 'required variable EMPTY is missing a value'],
    ['${UNSET?no ${B}}', 'required variable UNSET is missing a value: no bee'],
  ])('%j fails with %j', (template, message) => {
    expect(interpolate(template, lookup)).toMatchObject({ ok: false, error: message });
  });

  it.each([
    ['${SET', 'missing closing "}"'],
    ['${UNSET:-${B}', 'missing closing "}"'],
    ['${}', '"${}" is not a supported expression'],
    ['${1ABC}', '"${1ABC}" is not a supported expression'],
    ['${SET/a/b}', '"${SET/a/b}" is not a supported expression'],
  ])('rejects the malformed template %j', (template, reason) => {
    const result = interpolate(template, lookup);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(reason);
      expect(result.hint).toContain('$$');
    }
  });
});
