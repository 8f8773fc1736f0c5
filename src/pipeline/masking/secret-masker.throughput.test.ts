import { describe, expect, it } from 'vitest';
import { SecretMasker } from './secret-masker.js';
import { randomText, seededRandom } from './testing/test-random.js';

const alnum = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

describe('SecretMasker throughput', () => {
  it('masks 100 secrets in a 10 MB stream in linear time', () => {
    const random = seededRandom(42);
    const secrets = Array.from({ length: 100 }, () => randomText(random, 32, `${alnum}+/`));
    const masker = new SecretMasker(secrets);
    const blob = Buffer.from(randomText(random, 600, alnum)).toString('base64');
    const words = ['INFO', 'step', 'npm', 'install', 'added', 'packages', 'GET', '/api/v1/apps', '200', blob];
    const lines: string[] = [];
    let size = 0;
    let planted = 0;
    while (size < 10 * 1024 * 1024) {
      let line = '';
      for (let i = 0; i < 12; i++)
        line += `${(words[Math.floor(random() * words.length)] ?? '').slice(0, 80)} `;
      if (random() < 0.01) {
        line += secrets[Math.floor(random() * secrets.length)] ?? '';
        planted++;
      }
      lines.push(`${line}\n`);
      size += line.length + 1;
    }
    const text = lines.join('');

    const started = performance.now();
    let out = '';
    for (let at = 0; at < text.length; at += 16_384) out += masker.write(text.slice(at, at + 16_384));
    out += masker.end();
    const seconds = (performance.now() - started) / 1000;
    const mbPerSecond = text.length / 1024 / 1024 / seconds;
    console.info(`SecretMasker: ${mbPerSecond.toFixed(0)} MB/s (${masker.patternCount} patterns)`);

    expect(out.split('***').length - 1).toBe(planted);
    for (const secret of secrets) expect(out.includes(secret)).toBe(false);
    // About 100 MB/s on the 2-core CI machine; a quadratic hold-back would be far below this floor.
    expect(mbPerSecond).toBeGreaterThan(10);
  });
});
