import { describe, expect, it } from 'vitest';
import { activeSection } from './nav-items';
import { sparklinePoints } from './sparkline-points';
import { statusLabel, statusTone } from './status-tone';

describe('status words', () => {
  it.each([
    ['ready', 'ok'],
    ['Active', 'ok'],
    ['verified', 'ok'],
    ['degraded', 'warn'],
    ['rolled-back', 'warn'],
    ['failed', 'bad'],
    ['firing', 'bad'],
    ['progressing', 'info'],
    ['superseded', 'neutral'],
    ['something-new', 'neutral'],
  ])('%s has tone %s', (status, tone) => {
    expect(statusTone(status)).toBe(tone);
  });

  it('reads rolled-back as "rolled back"', () => {
    expect(statusLabel('rolled-back')).toBe('rolled back');
  });
});

describe('sparklinePoints', () => {
  it('spreads values over the width and scales them to the height (0 at the bottom)', () => {
    expect(sparklinePoints([0, 5, 10], 100, 20)).toBe('0,20 50,10 100,0');
  });

  it('caps values at max and draws non-finite values and an all-zero series at the bottom', () => {
    expect(sparklinePoints([50, 200], 10, 10, 100)).toBe('0,5 10,0');
    expect(sparklinePoints([0, Number.NaN], 10, 10)).toBe('0,10 10,10');
    expect(sparklinePoints([], 10, 10)).toBe('');
  });
});

describe('activeSection', () => {
  it.each([
    ['/', '/'],
    ['/apps/shop', '/'],
    ['/apps/shop/pipelines', '/pipelines'],
    ['/apps/shop/pipelines/4', '/pipelines'],
    ['/security', '/security'],
    ['/settings/users', '/settings'],
    ['/elsewhere', ''],
  ])('%s highlights %j in the navigation', (path, section) => {
    expect(activeSection(path)).toBe(section);
  });
});
