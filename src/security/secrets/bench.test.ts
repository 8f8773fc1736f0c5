import { it } from 'vitest';
import { findSecrets } from './find-secrets.js';
const mb = 1_000_000;
const fill = (unit: string) => unit.repeat(Math.ceil(mb / unit.length));
let s = 1;
const rnd = (n: number) => { let o = ''; for (let i = 0; i < n; i++) { s = (s * 1103515245 + 12345) % 2147483648; o += 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789+/'.charAt((s >>> 16) % 62); } return o; };
const inputs: Record<string, string> = {
  'repeated BEGIN without END': fill('-----BEGIN RSA PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n'),
  'eyeyey': fill('ey'),
  'AAAA': fill('A'),
  'password= lines random': Array.from({ length: 25000 }, (_, i) => `password${i}= ${rnd(30)}`).join('\n'),
  'key: lines': fill('key: value key: value token=abc secret:\n'),
  'base64 blob': rnd(mb),
  'AKIA repeated': fill('AKIA'),
  'ghp_ no boundary': fill('ghp_abc'),
  'aws_key repeated': fill('aws_key='),
  '"auth": spam': fill('"auth":"'),
  'xoxb-': fill('xoxb-'),
  'dockerconfigjson: ey': '.dockerconfigjson: ' + fill('ey'),
};
it('bench', () => {
  for (const [name, text] of Object.entries(inputs)) {
    const t = performance.now();
    const n = findSecrets(text, 'x').length;
    console.log(`${name}: ${(text.length / mb).toFixed(2)} MB ${(performance.now() - t).toFixed(1)} ms, ${n} findings`);
  }
}, 60_000);
