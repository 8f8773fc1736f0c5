import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGoBuildInfo } from './go-buildinfo.js';
import { goBuildInfoReducer } from './go-reducer.js';
import { goPackages } from './language-packages.js';
import { inlineGoBinary, pointerGoBinary, sampleModinfo } from './testing/go-fixtures.js';

/** Feeds a file to the reducer in chunks, as a tar layer would, and returns what it keeps. */
function reduce(data: Buffer, chunkSize = 65536): Buffer | undefined {
  const reducer = goBuildInfoReducer();
  for (let at = 0; at < data.length && reducer.done !== true; at += chunkSize)
    reducer.write(data.subarray(at, at + chunkSize));
  return reducer.end();
}

describe('parseGoBuildInfo', () => {
  it('reads the inline form of Go 1.18+: version, main module, deps with replacements, build settings', () => {
    const info = parseGoBuildInfo(inlineGoBinary('go1.21.5', sampleModinfo));
    expect(info?.goVersion).toBe('go1.21.5');
    expect(info?.path).toBe('example.com/app/cmd/app');
    expect(info?.main).toEqual({
      path: 'example.com/app',
      version: 'v1.4.0',
      sum: 'h1:abc=',
      replace: undefined,
    });
    expect(info?.deps.map((d) => [d.path, d.version, d.replace?.path, d.replace?.version])).toEqual([
      ['golang.org/x/net', 'v0.17.0', undefined, undefined],
      ['github.com/old/lib', 'v1.0.0', 'github.com/fork/lib', 'v1.0.1-fix'],
      ['k8s.io/api', 'v0.0.0', './staging/src/k8s.io/api', '(devel)'],
    ]);
    expect(info?.settings.get('vcs.revision')).toBe('0123abcd');
  });

  it('reads the pointer form of Go 1.13-1.17 through the ELF program headers', () => {
    const info = parseGoBuildInfo(pointerGoBinary('go1.16.15', sampleModinfo));
    expect(info?.goVersion).toBe('go1.16.15');
    expect(info?.main?.version).toBe('v1.4.0');
    expect(info?.deps).toHaveLength(3);
  });

  it('finds nothing in a binary without build info', () => {
    expect(parseGoBuildInfo(Buffer.from('\x7fELF not go at all'))).toBeUndefined();
  });
});

describe('goPackages', () => {
  it('names stdlib, the main module and deps as OSV Go packages, using module replacements only', () => {
    const info = parseGoBuildInfo(inlineGoBinary('go1.21.5 X:boringcrypto', sampleModinfo));
    expect(info && goPackages(info).map((p) => `${p.name}@${p.version} ${p.purl}`)).toEqual([
      'stdlib@1.21.5 pkg:golang/stdlib@1.21.5',
      'example.com/app@v1.4.0 pkg:golang/example.com/app@v1.4.0',
      'golang.org/x/net@v0.17.0 pkg:golang/golang.org/x/net@v0.17.0',
      'github.com/fork/lib@v1.0.1-fix pkg:golang/github.com/fork/lib@v1.0.1-fix',
      'k8s.io/api@v0.0.0 pkg:golang/k8s.io/api@v0.0.0',
    ]);
  });
});

describe('goBuildInfoReducer', () => {
  it('keeps only the build info of an inline binary, whatever the chunking', () => {
    const binary = inlineGoBinary('go1.22.1', sampleModinfo, 100_003 * 16);
    for (const chunkSize of [7, 4096, 65536, binary.length]) {
      const kept = reduce(binary, chunkSize);
      expect(kept?.length).toBeLessThan(1024);
      expect(kept && parseGoBuildInfo(kept)).toEqual(parseGoBuildInfo(binary));
    }
  });

  it('decides on the first four bytes even when they arrive one by one', () => {
    const binary = inlineGoBinary('go1.22.1', sampleModinfo, 4096);
    for (const chunkSize of [1, 3])
      expect(reduce(binary, chunkSize) && parseGoBuildInfo(binary)).toBeDefined();
    expect(reduce(binary, 1)).toEqual(reduce(binary));
  });

  it('keeps a pointer-form binary whole, since its strings lie elsewhere', () => {
    const binary = pointerGoBinary('go1.17.13', sampleModinfo);
    expect(reduce(binary, 1000)?.equals(binary)).toBe(true);
  });

  it('holds no bytes of an ELF file without a Go build ID note', () => {
    const binary = pointerGoBinary('go1.17.13', sampleModinfo);
    binary.write('XX', 0x20c, 'latin1');
    expect(reduce(binary, 1000)).toBeUndefined();
  });

  it('rejects non-executables on their first bytes', () => {
    const reducer = goBuildInfoReducer();
    reducer.write(Buffer.from('#!/bin/sh\necho \xff Go buildinf:'));
    expect(reducer.done).toBe(true);
    expect(reducer.end()).toBeUndefined();
  });
});

// Go binaries Debian ships on this machine; `caddy build-info` prints the same build info independently.
const machineBinaries = ['/usr/bin/caddy', '/usr/sbin/dockerd', '/usr/bin/containerd'].filter(existsSync);
// Module-mode binaries with many deps (Google Cloud SDK), checked against the modinfo text found by its sentinels.
const moduleBinaries = [
  '/usr/lib/google-cloud-sdk/bin/kpt',
  '/usr/lib/google-cloud-sdk/bin/kubectl.1.27',
].filter(existsSync);

describe.skipIf(machineBinaries.length === 0)("this machine's Go binaries", () => {
  it.each(machineBinaries)('reads %s the same whole and streamed through the reducer', (path) => {
    const binary = readFileSync(path);
    const whole = parseGoBuildInfo(binary);
    expect(whole?.goVersion).toMatch(/^go1\.\d+/);
    const kept = reduce(binary);
    expect(kept?.length).toBeLessThan(64 * 1024);
    expect(kept && parseGoBuildInfo(kept)).toEqual(whole);
  });

  it.skipIf(!existsSync('/usr/bin/caddy'))('agrees with `caddy build-info`', () => {
    const printed = execFileSync('caddy', ['build-info'], { encoding: 'utf8' });
    const info = parseGoBuildInfo(readFileSync('/usr/bin/caddy'));
    expect(printed).toContain(`go\t${info?.goVersion}`);
    expect(printed).toContain(`path\t${info?.path}`);
    for (const [key, value] of info?.settings ?? []) expect(printed).toContain(`build\t${key}=${value}`);
  });

  it.each(moduleBinaries)('lists every dep of %s', (path) => {
    const binary = readFileSync(path);
    const start = binary.indexOf(Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex'));
    const text = binary.toString(
      'utf8',
      start + 16,
      binary.indexOf(Buffer.from('f932433186182072008242104116d8f2', 'hex'), start),
    );
    const expected = [...text.matchAll(/^dep\t(\S+)\t(\S+)/gm)].map((m) => `${m[1]}@${m[2]}`);
    const info = parseGoBuildInfo(binary);
    expect(info?.deps.map((d) => `${d.path}@${d.version}`)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(50);
    expect(statSync(path).size).toBeGreaterThan(10 * 1024 * 1024);
    expect(reduce(binary)?.length).toBeLessThan(64 * 1024);
  });
});
