import { describe, expect, it } from 'vitest';
import {
  array,
  boolean,
  integer,
  lazy,
  literal,
  looseObject,
  nullish,
  optional,
  parseShape,
  record,
  string,
  unknown,
  type Shape,
} from './index.js';

interface Entry {
  Config: string;
  Layers: string[];
  RepoTags?: string[] | null | undefined;
  size?: number | undefined;
}

const entry = looseObject<Entry>({
  Config: string(),
  Layers: array(string({ regex: /^[a-f0-9]+\/layer\.tar$/, what: 'a <hex>/layer.tar path' })),
  RepoTags: nullish(array(string())),
  size: optional(integer({ min: 0 })),
});

describe('parseShape', () => {
  it('returns the value itself, other keys kept, when it has the shape', () => {
    const value = { Config: 'c.json', Layers: ['ab/layer.tar'], RepoTags: null, Extra: { kept: true } };
    expect(parseShape(array(entry), [value])).toEqual({ ok: true, value: [value] });
  });

  it.each([
    [{ Layers: [] }, ['Config'], 'expected a string, got undefined'],
    [{ Config: 1, Layers: [] }, ['Config'], 'expected a string, got number'],
    [{ Config: 'c', Layers: 'x' }, ['Layers'], 'expected an array, got string'],
    [
      { Config: 'c', Layers: ['ok/layer.tar'] },
      ['Layers', 0],
      'expected a <hex>/layer.tar path, got "ok/layer.tar"',
    ],
    [{ Config: 'c', Layers: [], RepoTags: [null] }, ['RepoTags', 0], 'expected a string, got null'],
    [{ Config: 'c', Layers: [], size: -1 }, ['size'], 'expected an integer of at least 0, got -1'],
    [{ Config: 'c', Layers: [], size: 1.5 }, ['size'], 'expected an integer, got number'],
    [['c'], [], 'expected an object, got array'],
  ])('reports the first problem of %j at %j', (value, path, message) => {
    expect(parseShape(entry, value)).toEqual({ ok: false, issue: { path, message } });
  });

  it('checks literals, booleans, records and unknown values', () => {
    const doc = looseObject<{ v: 2; on: boolean; labels: Record<string, string>; any: unknown }>({
      v: literal(2),
      on: boolean(),
      labels: record(string()),
      any: unknown(),
    });
    expect(parseShape(doc, { v: 2, on: false, labels: { a: 'b' }, any: [1] }).ok).toBe(true);
    expect(parseShape(doc, { v: 1, on: false, labels: {}, any: 0 })).toMatchObject({
      issue: { path: ['v'], message: 'expected 2, got 1' },
    });
    expect(parseShape(doc, { v: 2, on: 'yes', labels: {}, any: 0 })).toMatchObject({
      issue: { path: ['on'] },
    });
    expect(parseShape(doc, { v: 2, on: true, labels: { a: 1 }, any: 0 })).toMatchObject({
      issue: { path: ['labels', 'a'], message: 'expected a string, got number' },
    });
  });

  it('does not take inherited properties as present', () => {
    const value = Object.create({ Config: 'inherited' }) as object;
    expect(parseShape(looseObject<{ Config: string }>({ Config: string() }), value)).toMatchObject({
      ok: false,
      issue: { path: ['Config'] },
    });
  });

  it('checks recursive shapes (npm v1 lockfile dependencies)', () => {
    interface Dep {
      version?: string | undefined;
      dependencies?: Record<string, Dep> | undefined;
    }
    const dep: Shape<Dep> = lazy(() =>
      looseObject<Dep>({ version: optional(string()), dependencies: optional(record(dep)) }),
    );
    expect(parseShape(dep, { dependencies: { a: { version: '1', dependencies: { b: {} } } } }).ok).toBe(true);
    expect(parseShape(dep, { dependencies: { a: { dependencies: { b: { version: 2 } } } } })).toMatchObject({
      issue: { path: ['dependencies', 'a', 'dependencies', 'b', 'version'] },
    });
  });
});
