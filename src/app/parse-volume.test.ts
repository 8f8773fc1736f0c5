import { describe, expect, it } from 'vitest';
import { parseVolume } from './parse-volume.js';

describe('parseVolume', () => {
  it.each([
    ['/data', { target: '/data', options: [] }],
    ['data:/var/lib/data', { source: 'data', target: '/var/lib/data', options: [] }],
    ['data:/var/lib/data:ro', { source: 'data', target: '/var/lib/data', options: ['ro'] }],
    [
      './site:/usr/share/nginx/html:ro,cached',
      { source: './site', target: '/usr/share/nginx/html', options: ['ro', 'cached'] },
    ],
    ['/etc/hosts:/etc/hosts', { source: '/etc/hosts', target: '/etc/hosts', options: [] }],
  ])('splits %j', (input, expected) => {
    expect(parseVolume(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['data:relative', 'the container path "relative" is not absolute'],
    [':/data', 'the source before ":" is empty'],
    ['a:/b:ro:extra', 'expected [SOURCE:]TARGET[:MODE]'],
    ['relative', 'is not absolute'],
  ])('rejects %j', (input, reason) => {
    expect(parseVolume(input)).toEqual({ ok: false, reason: expect.stringContaining(reason) as string });
  });
});
