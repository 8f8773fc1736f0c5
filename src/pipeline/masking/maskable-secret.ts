import { BerthError } from '../../errors/index.js';

/**
 * The shortest secret Berth agrees to mask. Below this, a masked value would also hide ordinary words,
 * numbers and ids in the log (masking `main` or `1234` everywhere makes logs unreadable), and a short value
 * is easy to guess from what is left around the `***`. Issue 6 asks for 8.
 */
export const minMaskableLength = 8;

/** A secret value with the name it is known by, so errors can say which one is at fault. */
export interface NamedSecret {
  name: string;
  value: string;
}

/** The lines of a value, split on LF, CRLF or CR, each trimmed of surrounding whitespace. */
export function secretLines(value: string): string[] {
  return value.split(/\r\n|\n|\r/).map((line) => line.trim());
}

/**
 * Throws unless `value` can be masked reliably. Rules (documented in README.md):
 * - the value, trimmed, has at least {@link minMaskableLength} characters;
 * - for a multi-line value, lines shorter than that cannot be masked on their own (they are hidden only
 *   where the whole value, or a longer line, is printed), so they may hold at most half of the value's
 *   visible characters; a PEM key, whose only short line is the tail of its last base64 line, passes.
 *
 * The message never quotes the value: only its length.
 *
 * @example
 * assertMaskable({ name: 'DB_PASSWORD', value: 'hunter2' }); // throws BERTH_BAD_REQUEST
 */
export function assertMaskable(secret: string | NamedSecret): void {
  const { name, value } = typeof secret === 'string' ? { name: undefined, value: secret } : secret;
  const label = name === undefined ? 'a secret' : `secret "${name}"`;
  const core = value.trim();
  if (core.length < minMaskableLength) {
    throw new BerthError(
      'BERTH_SECRET_UNMASKABLE',
      `${label} has ${core.length} characters (without surrounding whitespace); values shorter than ` +
        `${minMaskableLength} cannot be masked in step output: masking them would also hide ordinary ` +
        'words and numbers, and a short value is easy to guess from what remains',
      {
        hint: `Use a value of at least ${minMaskableLength} characters, for example a generated one (openssl rand -base64 24), or pass it as a plain environment variable if it is not secret.`,
        details: { minLength: minMaskableLength, length: core.length },
      },
    );
  }
  const lines = secretLines(core).filter((line) => line !== '');
  if (lines.length < 2) return;
  const visible = lines.reduce((sum, line) => sum + line.length, 0);
  const short = lines.filter((line) => line.length < minMaskableLength);
  const shortChars = short.reduce((sum, line) => sum + line.length, 0);
  if (shortChars * 2 > visible) {
    throw new BerthError(
      'BERTH_SECRET_UNMASKABLE',
      `${label} has ${short.length} of its ${lines.length} lines shorter than ${minMaskableLength} ` +
        `characters, holding ${shortChars} of its ${visible} characters; a step that prints it line by ` +
        'line would show those lines unmasked',
      {
        hint: `Join the short lines, or store each part as its own secret of at least ${minMaskableLength} characters.`,
        details: { minLength: minMaskableLength, shortLines: short.length, lines: lines.length },
      },
    );
  }
}
