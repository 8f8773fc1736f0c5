import { describe, expect, it } from 'vitest';
import { parseApkInstalled } from './apk.js';

// The shape of Alpine 3.19's lib/apk/db/installed (checksums shortened).
const installed = `C:Q1abc=
P:musl
V:1.2.4_git20230717-r4
A:x86_64
S:407278
I:667648
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
m:Timo Teräs <timo.teras@iki.fi>
t:1705068834
c:f93af038c3de7146121c2ea8124ba5ce29b4b058
p:so:libc.musl-x86_64.so.1=1
F:lib
R:ld-musl-x86_64.so.1
a:0:0:755
Z:Q1def=
R:libc.musl-x86_64.so.1

P:libcrypto3
V:3.1.4-r5
A:x86_64
o:openssl
F:usr
F:usr/lib
R:libcrypto.so.3
F:etc/ssl
R:openssl.cnf

P:alpine-baselayout-data
V:3.4.3-r2
A:x86_64
o:alpine-baselayout
`;

describe('parseApkInstalled', () => {
  it('reads name, version, arch and origin, and the files under each F: directory', () => {
    expect(parseApkInstalled(installed)).toEqual([
      {
        name: 'musl',
        version: '1.2.4_git20230717-r4',
        architecture: 'x86_64',
        sourceName: 'musl',
        sourceVersion: '1.2.4_git20230717-r4',
        files: ['lib/ld-musl-x86_64.so.1', 'lib/libc.musl-x86_64.so.1'],
      },
      {
        name: 'libcrypto3',
        version: '3.1.4-r5',
        architecture: 'x86_64',
        sourceName: 'openssl',
        sourceVersion: '3.1.4-r5',
        files: ['usr/lib/libcrypto.so.3', 'etc/ssl/openssl.cnf'],
      },
      {
        name: 'alpine-baselayout-data',
        version: '3.4.3-r2',
        architecture: 'x86_64',
        sourceName: 'alpine-baselayout',
        sourceVersion: '3.4.3-r2',
        files: [],
      },
    ]);
  });
});
