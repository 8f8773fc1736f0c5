import { parseRfc3339 } from './parse-rfc3339.js';
import { DockerLogLineSplitter } from './docker-log-line-splitter.js';
const N = 200_000;
const ts: string[] = [];
for (let i = 0; i < N; i++)
  ts.push(`2024-05-01T12:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(9, '0')}Z`);
let t = performance.now();
for (const s of ts) parseRfc3339(s);
console.log('rfc3339', (performance.now() - t).toFixed(0), 'ms');
const payloads = ts.map((s) =>
  Buffer.from(`${s} {"a":1,"b":"hello world this is a line of moderate length"}\n`),
);
t = performance.now();
const sp = new DockerLogLineSplitter();
for (const p of payloads) sp.pushFrame({ stream: 'stdout', payload: p });
console.log('splitter', (performance.now() - t).toFixed(0), 'ms');
