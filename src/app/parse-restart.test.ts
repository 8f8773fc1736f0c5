import { describe, expect, it } from 'vitest';
import { parseRestart } from './parse-restart.js';

describe('parseRestart', () => {
  it.each([
    ['no', { condition: 'none' }],
    ['always', { condition: 'any' }],
    ['unless-stopped', { condition: 'any' }],
    ['on-failure', { condition: 'on-failure' }],
    ['on-failure:5', { condition: 'on-failure', maxAttempts: 5 }],
  ])('maps restart: %s', (input, expected) => {
    expect(parseRestart(input)).toEqual({ ok: true, value: expected });
  });

  it.each([['sometimes'], ['on-failure:x'], ['Always']])('rejects %j', (input) => {
    expect(parseRestart(input).ok).toBe(false);
  });
});
