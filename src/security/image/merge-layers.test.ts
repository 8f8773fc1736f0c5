import { describe, expect, it } from 'vitest';
import type { LayerContents } from './layer-contents.js';
import { pathHash } from './layer-path.js';
import { mergeLayers } from './merge-layers.js';

/** A layer: `files` kept, `whiteouts`, `opaque` dirs, `other` entries (directories end with `/`). */
function layer(spec: {
  files?: string[];
  whiteouts?: string[];
  opaque?: string[];
  other?: string[];
}): LayerContents {
  const other = spec.other ?? [];
  return {
    files: new Map((spec.files ?? []).map((path) => [path, { data: Buffer.from(path), mode: 0o644 }])),
    whiteouts: spec.whiteouts ?? [],
    opaqueDirs: spec.opaque ?? [],
    replaced: new Set(other.map((path) => pathHash(path.replace(/\/$/, '')))),
    nonDirectories: new Set(other.filter((path) => !path.endsWith('/')).map(pathHash)),
    skipped: [],
  };
}

const lower = layer({ files: ['a/x', 'a/b/y', 'c/z', 'd'] });

describe('mergeLayers', () => {
  it.each([
    ['a whiteout deletes a file', { whiteouts: ['a/x'] }, ['a/b/y', 'c/z', 'd']],
    ['a whiteout of a directory deletes all below it', { whiteouts: ['a'] }, ['c/z', 'd']],
    [
      'an opaque directory hides lower contents but keeps its own',
      { opaque: ['a'], files: ['a/new'] },
      ['a/new', 'c/z', 'd'],
    ],
    ['a symlink replacing a directory hides all below it', { other: ['a'] }, ['c/z', 'd']],
    ['a directory replacing a file hides the file', { other: ['d/'] }, ['a/b/y', 'a/x', 'c/z']],
    [
      'a directory entry over a directory hides nothing',
      { other: ['a/', 'a/b/'] },
      ['a/b/y', 'a/x', 'c/z', 'd'],
    ],
    ['an unwanted file at a wanted path hides the lower one', { other: ['c/z'] }, ['a/b/y', 'a/x', 'd']],
    ['a whiteout of a missing path changes nothing', { whiteouts: ['nope'] }, ['a/b/y', 'a/x', 'c/z', 'd']],
  ])('%s', (_, upper, expected) => {
    const { files } = mergeLayers([
      { id: 'sha256:lower', contents: lower },
      { id: 'sha256:upper', contents: layer(upper) },
    ]);
    expect([...files.keys()].sort()).toEqual(expected);
  });

  it('records the layer each file came from; the upper copy wins', () => {
    const { files } = mergeLayers([
      { id: 'sha256:lower', contents: lower },
      { id: 'sha256:upper', contents: layer({ files: ['d'] }) },
    ]);
    expect(files.get('d')?.layer).toBe('sha256:upper');
    expect(files.get('c/z')?.layer).toBe('sha256:lower');
  });
});
