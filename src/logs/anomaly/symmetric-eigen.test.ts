import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetric-eigen.js';

const multiply = (m: number[][], v: number[]): number[] =>
  m.map((row) => row.reduce((s, x, i) => s + x * v[i]!, 0));

describe('symmetricEigen', () => {
  it.each([
    {
      name: 'a diagonal matrix',
      m: [
        [1, 0],
        [0, 5],
      ],
      values: [5, 1],
    },
    {
      name: 'a 2×2 coupling',
      m: [
        [2, 1],
        [1, 2],
      ],
      values: [3, 1],
    },
    {
      name: 'a rank-one matrix',
      m: [
        [1, 2, 3],
        [2, 4, 6],
        [3, 6, 9],
      ],
      values: [14, 0, 0],
    },
    {
      name: 'an indefinite matrix',
      m: [
        [0, 2],
        [2, 0],
      ],
      values: [2, -2],
    },
  ])('returns the eigenvalues of $name in descending order', ({ m, values }) => {
    const got = symmetricEigen(m).values;
    got.forEach((v, i) => expect(v).toBeCloseTo(values[i]!, 9));
  });

  it('returns orthonormal eigenvectors with A·v = λ·v for a dense 6×6 matrix', () => {
    const b = Array.from({ length: 6 }, (_, i) =>
      Array.from({ length: 6 }, (_, j) => Math.sin(i * 7 + j * 3 + 1)),
    );
    const a = b.map((_, i) => b.map((_, j) => b.reduce((s, row) => s + row[i]! * row[j]!, 0)));
    const { values, vectors } = symmetricEigen(a);
    vectors.forEach((v, k) => {
      const av = multiply(a, v);
      av.forEach((x, i) => expect(x).toBeCloseTo(values[k]! * v[i]!, 8));
      vectors.forEach((w, l) =>
        expect(v.reduce((s, x, i) => s + x * w[i]!, 0)).toBeCloseTo(k === l ? 1 : 0, 9),
      );
    });
  });

  it('leaves its input unchanged', () => {
    const m = [
      [2, 1],
      [1, 2],
    ];
    symmetricEigen(m);
    expect(m).toEqual([
      [2, 1],
      [1, 2],
    ]);
  });
});
