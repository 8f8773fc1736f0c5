import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../errors/index.js';
import { SecretMasker } from './secret-masker.js';
import { secretVariants } from './secret-variants.js';
import { randomText, seededRandom } from './testing/test-random.js';

const token = 'tok_3f9a8b7c6d5e';
const pem = [
  '-----BEGIN TEST KEY-----',
  'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu',
  'KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm',
  'o3qGy0t6z09AIJtH+5OeRV1be+N4cDYJKffGzDa88vQENZiRm0GRq6a+HPGQMd2k',
  'TQIhAKMSvzIBnni7ot/OSie2TmJLY4SwTQAevXysE2RbFDYdAiEBCUEaRQnMnbp7',
  'Ab2=',
  '-----END TEST KEY-----',
].join('\n');
const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** The masking rule spelled out naively: cover every occurrence of every form, one `***` per stretch. */
function referenceMask(text: string, secrets: string[]): string {
  const covered = new Array<boolean>(text.length).fill(false);
  for (const variant of secrets.flatMap(secretVariants)) {
    for (let at = text.indexOf(variant); at >= 0; at = text.indexOf(variant, at + 1)) {
      covered.fill(true, at, at + variant.length);
    }
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!covered[i]) out += text[i];
    else if (i === 0 || !covered[i - 1]) out += '***';
  }
  return out;
}

function maskInChunks(masker: SecretMasker, chunks: (string | Uint8Array)[]): string {
  return chunks.map((chunk) => masker.write(chunk)).join('') + masker.end();
}

describe('SecretMasker', () => {
  it.each([
    ['the value itself', `login ${token} ok`, 'login *** ok'],
    ['the value with surrounding whitespace kept', `[ ${token} ]`, '[ *** ]'],
    ['standard base64 of the value alone, padding included', `auth: ${b64(token)}`, 'auth: ***'],
    ['base64 one byte into a larger text', `x ${b64(`:${token}xyz`)}`, 'x On***V4eXo='],
    ['base64 two bytes into a larger text', `x ${b64(`u:${token}xyz`)}`, 'x dTp***eHl6'],
    ['base64 three bytes into a larger text', `x ${b64(`us:${token}xyz`)}`, 'x dXM6***Xh5eg=='],
    ['base64 that ends with the value (basic auth)', `Basic ${b64(`u:${token}`)}`, 'Basic dTp***'],
    ['URL-safe base64', `t=${Buffer.from(`\u00fb\u00ff${token}`).toString('base64url')}`, 't=w7vDv3***'],
    ['lower-case hex', `hex ${Buffer.from(token).toString('hex')}`, 'hex ***'],
    ['upper-case hex', `HEX ${Buffer.from(token).toString('hex').toUpperCase()}`, 'HEX ***'],
  ])('masks %s', (_form, text, expected) => {
    const masker = new SecretMasker([token]);
    expect(masker.mask(text)).toBe(expected);
  });

  it.each([
    ['percent-encoded', 'pass word&=1', (v: string) => `?p=${encodeURIComponent(v)}&x=1`, '?p=***&x=1'],
    [
      'form-encoded',
      'pass word&=1',
      (v: string) => `p=${encodeURIComponent(v).replaceAll('%20', '+')}`,
      'p=***',
    ],
    ['JSON-escaped', 'say "hi" \\ now', (v: string) => `{"p":${JSON.stringify(v)}}`, '{"p":"***"}'],
  ])('masks the %s form of a value with special characters', (_form, value, print, expected) => {
    expect(new SecretMasker([value]).mask(print(value))).toBe(expected);
  });

  it('masks a multi-line secret whole, line by line with prefixes, with CRLF and inside JSON', () => {
    const masker = new SecretMasker([pem]);
    expect(masker.mask(`key:\n${pem}\ndone`)).toBe('key:\n***\ndone');
    const numbered = pem
      .split('\n')
      .map((line, i) => `${i + 1}\t${line}`)
      .join('\n');
    const masked = masker.mask(numbered).split('\n');
    expect(masked.slice(0, 5)).toEqual(['1\t***', '2\t***', '3\t***', '4\t***', '5\t***']);
    // The 4-character tail line cannot be masked on its own: it is shown, as documented.
    expect(masked[5]).toBe('6\tAb2=');
    expect(masker.mask(`>${pem.replaceAll('\n', '\r\n')}<`)).toBe('>***<');
    expect(masker.mask(JSON.stringify({ key: pem }))).toBe('{"key":"***"}');
  });

  it('replaces overlapping and touching occurrences with a single ***', () => {
    const masker = new SecretMasker(['abcdefgh12', 'gh12345678']);
    expect(masker.mask('x abcdefgh12345678 y')).toBe('x *** y');
    expect(masker.mask('x abcdefgh12abcdefgh12 y')).toBe('x *** y');
    expect(masker.mask('x abcdefgh12 abcdefgh12 y')).toBe('x *** *** y');
  });

  it('returns text at once when it cannot start a secret, and holds back only a possible start', () => {
    const masker = new SecretMasker([token]);
    expect(masker.write('building image\n')).toBe('building image\n');
    expect(masker.write('using tok_3f9')).toBe('using ');
    expect(masker.write('a8b7c6d5e and tok_x')).toBe('*** and tok_x');
    expect(masker.write('tok_3f9a8b7c6d5')).toBe('');
    expect(masker.end()).toBe('tok_3f9a8b7c6d5');
    expect(masker.write(`a ${token}`)).toBe('a ***');
    expect(masker.write(`${token} b`)).toBe(' b');
  });

  it('masks a secret whose bytes are split inside a multi-byte character', () => {
    const secret = 'pässwörd-ünïcode';
    const bytes = Buffer.from(`a ${secret} b`);
    const chunks = [...bytes].map((byte) => Uint8Array.of(byte));
    expect(maskInChunks(new SecretMasker([secret]), chunks)).toBe('a *** b');
  });

  it('passes text through unchanged and without delay when there are no secrets', () => {
    const masker = new SecretMasker([]);
    expect(masker.write('anything at all')).toBe('anything at all');
    expect(masker.end()).toBe('');
  });

  it('fork() gives an independent stream over the same secrets, and end() readies a masker for reuse', () => {
    const masker = new SecretMasker([token]);
    const other = masker.fork();
    expect(masker.write('a tok_3f9a')).toBe('a ');
    expect(other.write('8b7c6d5e')).toBe('8b7c6d5e');
    expect(masker.end()).toBe('tok_3f9a');
    expect(maskInChunks(masker, ['tok_3f9a', '8b7c6d5e'])).toBe('***');
  });

  it.each([
    ['a value of 7 characters', ['hunter2'], /7 characters/],
    ['a value that is 8 characters only with its whitespace', ['  abc12 \n'], /5 characters/],
    ['the empty value', [''], /0 characters/],
    ['a named short value', [{ name: 'DB_PASSWORD', value: 'short' }], /secret "DB_PASSWORD"/],
    ['a multi-line value made mostly of short lines', ['abcdefgh\nab\ncd\nef\ngh\nij'], /lines shorter/],
  ])('refuses %s with a message saying why it cannot be masked', (_case, secrets, message) => {
    let error: unknown;
    try {
      new SecretMasker(secrets);
    } catch (caught) {
      error = caught;
    }
    expect(isBerthError(error) && error.code).toBe('BERTH_SECRET_UNMASKABLE');
    expect(String(error)).toMatch(message);
    expect(String(error)).toMatch(/cannot be masked|unmasked/);
    expect(isBerthError(error) && error.hint).toMatch(/at least 8 characters/);
  });

  it('never quotes a refused value in its error', () => {
    expect(() => new SecretMasker(['s3cr3t!'])).toThrow(
      expect.not.objectContaining({ message: expect.stringContaining('s3cr3t!') }),
    );
  });

  describe('over random texts cut at random places (seeded)', () => {
    const random = seededRandom(20_240_601);
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=_- \n:"';
    const cases = Array.from({ length: 60 }, (_, index) => {
      const secrets = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        randomText(random, 8 + Math.floor(random() * 24), alphabet.slice(0, 64)),
      );
      if (index % 5 === 0)
        secrets.push(`${randomText(random, 12, 'abcdef')}\n${randomText(random, 12, 'abcdef')}`);
      // Secrets share prefixes with the noise so partial matches happen all the time.
      const forms = secrets.flatMap(secretVariants);
      let text = '';
      while (text.length < 3000) {
        const pick = random();
        if (pick < 0.15) text += forms[Math.floor(random() * forms.length)] ?? '';
        else if (pick < 0.3) {
          const form = forms[Math.floor(random() * forms.length)] ?? '';
          text += form.slice(0, Math.floor(random() * form.length));
        } else text += randomText(random, 1 + Math.floor(random() * 40), alphabet);
      }
      const cuts = new Set<number>();
      const cutCount = Math.floor(random() * 200);
      for (let i = 0; i < cutCount; i++) cuts.add(Math.floor(random() * text.length));
      const points = [0, ...[...cuts].sort((a, b) => a - b), text.length];
      const chunks = points.slice(1).map((end, i) => text.slice(points[i], end));
      return { index, secrets, forms, text, chunks };
    });

    it.each(cases)(
      'case $index: chunked output equals masking the whole text, and no secret form remains',
      (c) => {
        const masker = new SecretMasker(c.secrets);
        const streamed = maskInChunks(masker, c.chunks);
        expect(streamed).toBe(masker.mask(c.text));
        expect(streamed).toBe(referenceMask(c.text, c.secrets));
        for (const form of c.forms) expect(streamed).not.toContain(form);
      },
    );
  });
});
