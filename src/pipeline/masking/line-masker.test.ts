import { describe, expect, it } from 'vitest';
import { LineMasker } from './line-masker.js';
import { SecretMasker } from './secret-masker.js';

const token = 'tok_3f9a8b7c6d5e';

describe('LineMasker', () => {
  it('returns each line once complete and masked, holding a line whose secret may go on', () => {
    const lines = new LineMasker(new SecretMasker([token]));
    expect(lines.push('step 1\nusing tok_3f9a')).toEqual(['step 1']);
    expect(lines.push('8b7c6d5e now\r\nlast')).toEqual(['using *** now']);
    expect(lines.end()).toEqual(['last']);
  });

  it('masks a multi-line secret before cutting lines, so no line shows a part of it', () => {
    const secret = 'first-line-part\nsecond-line-part';
    const lines = new LineMasker(new SecretMasker([secret]));
    const out = [
      ...lines.push('a\nfirst-line-'),
      ...lines.push('part\nsecond-line-part\nb\n'),
      ...lines.end(),
    ];
    expect(out).toEqual(['a', '***', 'b']);
  });

  it('cuts a line longer than maxLineLength into pieces', () => {
    const lines = new LineMasker(new SecretMasker([]), { maxLineLength: 4 });
    expect(lines.push('abcdefghij')).toEqual(['abcd', 'efgh']);
    expect(lines.end()).toEqual(['ij']);
  });
});
