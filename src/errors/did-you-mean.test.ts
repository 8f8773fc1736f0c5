import { describe, expect, it } from 'vitest';
import { didYouMean } from './did-you-mean.js';

describe('didYouMean', () => {
  it.each([
    ['biuld', ['build', 'test'], '; did you mean "build"?'],
    ['imag', ['image', 'commands'], '; did you mean "image"?'],
    ['Image', ['image'], '; did you mean "image"?'],
    ['dependson', ['depends_on', 'when'], '; did you mean "depends_on"?'],
    ['xyz', ['build', 'test'], ''],
    ['a', ['b'], '; did you mean "b"?'],
    ['deploy', [], ''],
    ['failed', ['success', 'failure'], ''],
  ])('didYouMean(%j, %j) is %j', (word, candidates, expected) => {
    expect(didYouMean(word, candidates)).toBe(expected);
  });
});
