import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isBerthError } from '../errors/index.js';
import { SecretBox } from './secret-box.js';

const key = Buffer.alloc(32, 7);
const box = new SecretBox(key);
const homes: string[] = [];
const newHome = (): string => {
  const home = mkdtempSync(join(tmpdir(), 'berth-secrets-'));
  homes.push(home);
  return home;
};
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('SecretBox', () => {
  it.each([
    ['a password', 'correct-horse-battery'],
    [
      'a multi-line key',
      '-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy\n-----END KEY-----\n',
    ],
    ['non-ASCII text', 'pässwörd-€-密码-🔑'],
    ['a 64 KiB value', 'x'.repeat(64 * 1024)],
  ])('gives back %s exactly as it was sealed', (_case, value) => {
    expect(box.decrypt('shop', 'DB_PASSWORD', box.encrypt('shop', 'DB_PASSWORD', value))).toBe(value);
  });

  it('lays a sealed value out as version, nonce, ciphertext and tag, with a fresh nonce each time', () => {
    const first = box.encrypt('shop', 'API_TOKEN', 'tok_3f9a8b7c6d');
    const second = box.encrypt('shop', 'API_TOKEN', 'tok_3f9a8b7c6d');
    expect(first[0]).toBe(1);
    expect(first).toHaveLength(1 + 12 + 'tok_3f9a8b7c6d'.length + 16);
    expect(first.subarray(1, 13).equals(second.subarray(1, 13))).toBe(false);
    expect(first.includes(Buffer.from('tok_3f9a8b7c6d'))).toBe(false);
  });

  it.each([
    ['another secret name', 'shop', 'API_TOKEN_2'],
    ['another app', 'blog', 'API_TOKEN'],
  ])('refuses a value moved to %s', (_case, app, name) => {
    const blob = box.encrypt('shop', 'API_TOKEN', 'tok_3f9a8b7c6d');
    const error = thrown(() => box.decrypt(app, name, blob));
    expect(isBerthError(error) && error.code).toBe('BERTH_SECRET_UNREADABLE');
    expect(String(error)).toMatch(/cannot be decrypted: it was altered, stored under another app or name/);
  });

  it.each([
    ['the nonce', 1],
    ['the ciphertext', 14],
    ['the tag', -1],
  ])('refuses a value with one bit flipped in %s', (_case, index) => {
    const blob = box.encrypt('shop', 'API_TOKEN', 'tok_3f9a8b7c6d');
    const at = index < 0 ? blob.length + index : index;
    blob[at] = (blob[at] ?? 0) ^ 0x01;
    expect(() => box.decrypt('shop', 'API_TOKEN', blob)).toThrow(/cannot be decrypted/);
  });

  it.each([
    ['an unknown format version', Buffer.from([2, ...Buffer.alloc(40)]), /has format 2, not 1/],
    ['an empty value', Buffer.alloc(0), /has format none/],
    ['a truncated value', Buffer.from([1, 0, 0, 0]), /cannot be decrypted/],
  ])('refuses %s with a clear error', (_case, blob, message) => {
    expect(() => box.decrypt('shop', 'API_TOKEN', blob)).toThrow(message);
  });

  it('refuses a value sealed with another key', () => {
    const blob = new SecretBox(Buffer.alloc(32, 9)).encrypt('shop', 'API_TOKEN', 'tok_3f9a8b7c6d');
    expect(() => box.decrypt('shop', 'API_TOKEN', blob)).toThrow(/encrypted with another secrets.key/);
  });

  it.each([
    ['a value too short to mask', 'API_TOKEN', 'abc123', /6 characters/, 'BERTH_SECRET_UNMASKABLE'],
    [
      'a lower-case name',
      'api_token',
      'tok_3f9a8b7c6d',
      /"api_token" may only hold A-Z/,
      'BERTH_BAD_REQUEST',
    ],
    ['a value over 64 KiB', 'BIG', 'x'.repeat(64 * 1024 + 1), /65537 bytes/, 'BERTH_BAD_REQUEST'],
    ['a value with a NUL character', 'BIN', 'abcdefgh\0ijk', /NUL character/, 'BERTH_BAD_REQUEST'],
  ])('will not seal %s', (_case, name, value, message, code) => {
    const error = thrown(() => box.encrypt('shop', name, value));
    expect(isBerthError(error) && error.code).toBe(code);
    expect(String(error)).toMatch(message);
  });
});

describe('SecretBox.open', () => {
  it('creates a 32-byte key file readable by its owner only, and reuses it', () => {
    const home = newHome();
    const blob = SecretBox.open(home).encrypt('shop', 'API_TOKEN', 'tok_3f9a8b7c6d');
    const stat = statSync(join(home, 'secrets.key'));
    expect(stat.size).toBe(32);
    expect(stat.mode & 0o777).toBe(0o600);
    expect(readdirSync(home)).toEqual(['secrets.key']);
    expect(SecretBox.open(home).decrypt('shop', 'API_TOKEN', blob)).toBe('tok_3f9a8b7c6d');
  });

  it('uses an existing key file rather than replacing it', () => {
    const home = newHome();
    writeFileSync(join(home, 'secrets.key'), key, { mode: 0o600 });
    const blob = box.encrypt('shop', 'API_TOKEN', 'tok_3f9a8b7c6d');
    expect(SecretBox.open(home).decrypt('shop', 'API_TOKEN', blob)).toBe('tok_3f9a8b7c6d');
  });

  it('refuses a key file that others can read, giving the chmod that fixes it', () => {
    const home = newHome();
    const path = join(home, 'secrets.key');
    writeFileSync(path, key);
    chmodSync(path, 0o644);
    const error = thrown(() => SecretBox.open(home));
    expect(isBerthError(error) && error.code).toBe('BERTH_CONFIG');
    expect(String(error)).toContain('has mode 0644');
    expect(isBerthError(error) && error.hint).toBe(`Run: chmod 600 ${path}`);
  });

  it('refuses a key file of the wrong size', () => {
    const home = newHome();
    writeFileSync(join(home, 'secrets.key'), Buffer.alloc(16), { mode: 0o600 });
    expect(() => SecretBox.open(home)).toThrow(/is 16 bytes, not 32/);
  });
});
