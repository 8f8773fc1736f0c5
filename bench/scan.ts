// Issue 4 figures: image scan time and peak RSS against merely streaming the same `docker save` tarball
// through a tar reader; OSV database import time and lookup cost; Dockerfile lint time.
//
// Usage (build first; needs the local Docker Engine, /var/lib/dpkg of a Debian-like host and
// ../shared/datasets/osv; nothing is pulled):
//
//   npm run build
//   npx tsx bench/scan.ts [--runs 3] [--imports 3] [--lookups 10000] [--lint-runs 200]
//
// (1) Builds `bench-scan-dpkg:1` by `docker import` of a folder holding /bin/busybox, this machine's
//     /var/lib/dpkg/status, /var/lib/dpkg/info/*.list and /etc/os-release, `docker save`s it to a
//     tarball, then times child processes under `/usr/bin/time` (wall time, user + system CPU time,
//     "Maximum resident set size"):
//     `node -e 0` (Node start-up alone), a tar-stream walk of every entry of the outer tar and of each
//     layer tar (data discarded), and `berth scan image TARBALL --json` with a BERTH_HOME whose OSV
//     database was imported first (and, for comparison, with an empty BERTH_HOME: no vulnerability
//     matching). One untimed warm-up each, then --runs rounds running each command in turn (so that
//     all see the same machine load); medians and fastest runs.
// (2) `berth db update --from ../shared/datasets/osv` into a fresh BERTH_HOME, --imports times; then
//     `VulnDb.match()` in this process over PyPI and Go packages named in the imported data.
// (3) `lintDockerfile` of a generated 100-line multi-stage Dockerfile (first call, median of
//     --lint-runs) and `berth scan dockerfile FILE` wall time.
//
// Prints figures, ratios and verdicts; exits 0 whether targets are met or missed (see README.md).
import Database from 'better-sqlite3';
import { spawn, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { lintDockerfile } from '../src/security/dockerfile/index.js';
import { VulnDb, vulnDbFileName, type PackageQuery } from '../src/security/vulndb/index.js';
import { loadAverage } from './support/engine-context.js';
import { countFlag } from './support/flags.js';
import { runBench } from './support/run-bench.js';
import { median, ms, verdict } from './support/stats.js';
import { table } from './support/table.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/cli/main.js');
const osvDir = resolve(root, '../shared/datasets/osv');
const imageTag = 'bench-scan-dpkg:1';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    imports: { type: 'string', default: '3' },
    lookups: { type: 'string', default: '10000' },
    'lint-runs': { type: 'string', default: '200' },
  },
});
const runs = countFlag('runs', flags.runs);
const imports = countFlag('imports', flags.imports);
const lookups = countFlag('lookups', flags.lookups);
const lintRuns = countFlag('lint-runs', flags['lint-runs']);

interface ChildRun {
  wallMs: number;
  /** User plus system CPU time of the child (GNU time `%U + %S`, 10 ms resolution). */
  cpuMs: number;
  /** Peak resident set size of the child (kB as GNU time reports it, here in MB of 10^6 bytes). */
  peakRssMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one command under `/usr/bin/time`, timing it from spawn to exit. */
function timedChild(
  cmd: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; dir: string },
): Promise<ChildRun> {
  const rssFile = join(options.dir, `rss-${Math.random().toString(36).slice(2)}.txt`);
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', rssFile, cmd, ...args], {
      cwd: root,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      let peakKb = NaN;
      let cpuMs = NaN;
      try {
        const [user, system, peak] = (readFileSync(rssFile, 'utf8').trim().split('\n').at(-1) ?? '')
          .split(' ')
          .map(Number);
        peakKb = peak ?? NaN;
        cpuMs = ((user ?? NaN) + (system ?? NaN)) * 1000;
        rmSync(rssFile, { force: true });
      } catch {
        // time did not write it: leave NaN
      }
      resolveRun({ wallMs, cpuMs, peakRssMb: (peakKb * 1024) / 1e6, code, stdout, stderr });
    });
  });
}

/**
 * One untimed warm-up of each command, then `n` rounds that run every command once, in turn: on a shared
 * machine the load changes by the second, and interleaving lets the ratios compare runs made under the
 * same load. Throws when a run fails.
 */
async function interleaved<K extends string>(
  n: number,
  commands: Record<K, () => Promise<ChildRun>>,
): Promise<Record<K, { first: ChildRun; timed: ChildRun[] }>> {
  const names = Object.keys(commands) as K[];
  const check = (name: K, r: ChildRun): ChildRun => {
    if (r.code !== 0) throw new Error(`${name} exited ${r.code}: ${r.stderr.slice(0, 2000)}`);
    return r;
  };
  const out = {} as Record<K, { first: ChildRun; timed: ChildRun[] }>;
  for (const name of names) out[name] = { first: check(name, await commands[name]()), timed: [] };
  for (let i = 0; i < n; i++) {
    for (const name of names) {
      const r = check(name, await commands[name]());
      console.log(
        `  ${name} run ${i + 1}: ${ms(r.wallMs)} (CPU ${ms(r.cpuMs)}), peak RSS ${r.peakRssMb.toFixed(1)} MB`,
      );
      out[name].timed.push(r);
    }
  }
  return out;
}

/** Walks every entry of a `docker save` tarball and of each layer tar in it, discarding the data. */
const tarWalk = `
const extract = require('tar-stream').extract;
const fs = require('node:fs');
let outer = 0, inner = 0, bytes = 0;
function walk(stream, onEntry) {
  return new Promise((resolve, reject) => {
    const ex = extract();
    ex.on('entry', (header, body, next) => {
      onEntry(header, body).then(next, reject);
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
    stream.pipe(ex);
  });
}
const drain = (body) => new Promise((resolve, reject) => {
  body.on('data', (c) => { bytes += c.length; });
  body.on('end', resolve);
  body.on('error', reject);
});
walk(fs.createReadStream(process.argv[1]), async (header, body) => {
  outer++;
  if (/(^|\\/)layer\\.tar$|^blobs\\/sha256\\//.test(header.name) && header.size > 1024) {
    await walk(body, async (_h, b) => { inner++; await drain(b); });
  } else {
    await drain(body);
  }
}).then(() => console.log(JSON.stringify({ outer, inner, bytes })));
`;

/** A 100-line multi-stage Dockerfile in the style of real projects (apt, pip, npm, COPY, ENV …). */
function dockerfile100(): string {
  const lines = [
    '# syntax=docker/dockerfile:1',
    'ARG NODE_VERSION=20',
    'ARG PYTHON_VERSION=3.12',
    '',
    'FROM debian:12-slim AS base',
    'ENV DEBIAN_FRONTEND=noninteractive \\',
    '    LANG=C.UTF-8 \\',
    '    TZ=UTC',
    'RUN apt-get update && apt-get install -y --no-install-recommends \\',
    '      ca-certificates curl gnupg git build-essential libpq-dev \\',
    '    && rm -rf /var/lib/apt/lists/*',
    'WORKDIR /src',
    '',
    'FROM python:${PYTHON_VERSION}-slim AS py-build',
    'WORKDIR /app',
    'COPY requirements.txt requirements-dev.txt ./',
    'RUN pip install --no-cache-dir -r requirements.txt',
    'RUN pip install -r requirements-dev.txt && pip install gunicorn==22.0.0',
    'COPY pyproject.toml setup.cfg ./',
    'COPY src/ ./src/',
    'RUN python -m compileall -q src',
    'ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1',
    '',
    'FROM node:${NODE_VERSION}-bookworm AS web-build',
    'WORKDIR /web',
    'COPY package.json package-lock.json ./',
    'RUN npm ci',
    'RUN npm install -g typescript',
    'COPY web/ ./',
    'RUN npm run build && npm prune --production',
    '',
  ];
  for (let i = 1; lines.length < 82; i++) {
    lines.push(
      `FROM base AS tool${i}`,
      `RUN curl -fsSL https://example.com/tool${i}.tar.gz | tar -xz -C /usr/local/bin`,
      `RUN apt-get update && apt-get install -y tool${i}-extra`,
      `ENV TOOL${i}_HOME=/opt/tool${i} PATH=/opt/tool${i}/bin:$PATH`,
      `COPY --chown=1000:1000 config/tool${i}.conf /etc/tool${i}.conf`,
      `RUN cd /opt && mkdir -p tool${i} && chmod 755 tool${i}`,
      '',
    );
  }
  lines.push(
    'FROM debian:12-slim',
    'LABEL org.opencontainers.image.source="https://example.com/app" \\',
    '      org.opencontainers.image.licenses="Apache-2.0"',
    'RUN apt-get update && apt-get install -y --no-install-recommends python3 nodejs \\',
    '    && rm -rf /var/lib/apt/lists/*',
    'RUN useradd --create-home --uid 10001 app',
    'WORKDIR /app',
    'COPY --from=py-build /app /app',
    'COPY --from=web-build /web/dist /app/static',
    'COPY --from=tool1 /usr/local/bin/ /usr/local/bin/',
    'ADD https://example.com/extra.tar.gz /tmp/',
    'ENV PORT=8080 APP_ENV=production',
    'EXPOSE 8080',
    'USER app',
    'HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/health || exit 1',
    'CMD ["gunicorn", "--bind", "0.0.0.0:8080", "app:create_app()"]',
  );
  while (lines.length < 100) lines.splice(lines.length - 1, 0, `# padding comment ${lines.length}`);
  return lines.slice(0, 100).join('\n') + '\n';
}

const mb = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)} MB` : '-');
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');
const us = (value: number): string => `${value.toFixed(1)} µs`;

await runBench('scan', { deadlineMs: 900_000 }, async (cleanup) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-scan-'));
  cleanup.add('temporary folder', () => rmSync(dir, { recursive: true, force: true }));
  console.log(`scan: ${runs} runs (+1 warm-up) per figure, load ${loadAverage()}`);

  // (1) the image: busybox + this host's dpkg database
  const rootfs = join(dir, 'rootfs');
  const info = join(rootfs, 'var/lib/dpkg/info');
  mkdirSync(join(rootfs, 'bin'), { recursive: true });
  mkdirSync(join(rootfs, 'etc'), { recursive: true });
  mkdirSync(info, { recursive: true });
  copyFileSync('/bin/busybox', join(rootfs, 'bin/busybox'));
  copyFileSync('/etc/os-release', join(rootfs, 'etc/os-release'));
  copyFileSync('/var/lib/dpkg/status', join(rootfs, 'var/lib/dpkg/status'));
  const lists = readdirSync('/var/lib/dpkg/info').filter((f) => f.endsWith('.list'));
  for (const f of lists) copyFileSync(join('/var/lib/dpkg/info', f), join(info, f));
  const dpkgPackages = (readFileSync('/var/lib/dpkg/status', 'utf8').match(/^Package: /gm) ?? []).length;
  const rootTar = join(dir, 'rootfs.tar');
  execFileSync('tar', ['-cf', rootTar, '-C', rootfs, '.']);
  cleanup.add(`docker rmi ${imageTag}`, () =>
    execFileSync('docker', ['rmi', '-f', imageTag], { stdio: 'ignore' }),
  );
  execFileSync('docker', ['import', rootTar, imageTag], { stdio: 'ignore' });
  const tarball = join(dir, 'image.tar');
  execFileSync('docker', ['save', '-o', tarball, imageTag]);
  rmSync(rootTar);
  const tarballMb = statSync(tarball).size / 1e6;
  console.log(
    `  image ${imageTag}: ${dpkgPackages} dpkg packages, ${lists.length} .list files, tarball ${tarballMb.toFixed(1)} MB`,
  );

  // (2a) database import, each into a fresh home; the first home serves the scans
  const importRuns: ChildRun[] = [];
  const homes: string[] = [];
  for (let i = 0; i < imports; i++) {
    const home = mkdtempSync(join(dir, 'home-'));
    homes.push(home);
    const r = await timedChild('node', [cli, 'db', 'update', '--from', osvDir, '--json'], {
      env: { BERTH_HOME: home },
      dir,
    });
    if (r.code !== 0) throw new Error(`db update exited ${r.code}: ${r.stderr.slice(0, 2000)}`);
    console.log(`  db update run ${i + 1}: ${ms(r.wallMs)}, peak RSS ${mb(r.peakRssMb)}`);
    importRuns.push(r);
  }
  const home = homes[0] as string;
  const lastImport = JSON.parse(importRuns.at(-1)?.stdout ?? '{}') as {
    report?: { files?: number; records?: number; imported?: number; invalid?: unknown[] };
    stats?: { advisories?: number; affected?: Record<string, number> };
  };
  const dbFile = join(home, vulnDbFileName);
  const dbMb = statSync(dbFile).size / 1e6;

  // (1) child processes: Node alone, tar walk, scan, and the same scan with an empty database folder
  // (the cost of vulnerability matching, by difference), interleaved
  const scanArgs = [cli, 'scan', 'image', tarball, '--json'];
  const emptyHome = mkdtempSync(join(dir, 'home-empty-'));
  const children = await interleaved(runs, {
    'node -e 0': () => timedChild('node', ['-e', '0'], { dir }),
    'tar-stream walk': () => timedChild('node', ['-e', tarWalk, tarball], { dir }),
    'berth scan image': () => timedChild('node', scanArgs, { env: { BERTH_HOME: home }, dir }),
    'berth scan image (no database)': () =>
      timedChild('node', scanArgs, { env: { BERTH_HOME: emptyHome }, dir }),
  });
  const nodeAlone = children['node -e 0'];
  const walk = children['tar-stream walk'];
  const scan = children['berth scan image'];
  const scanNoDb = children['berth scan image (no database)'];
  const walked = JSON.parse(walk.timed[0]?.stdout ?? '{}') as {
    outer?: number;
    inner?: number;
    bytes?: number;
  };
  const report = JSON.parse(scan.timed[0]?.stdout ?? '{}') as {
    findings?: { kind?: string }[];
    warnings?: string[];
    sbom?: { distro?: { ecosystem?: string }; packages?: unknown[] };
  };

  // (2b) lookups in this process
  const sqlite = new Database(dbFile, { readonly: true });
  const pypi = sqlite
    .prepare(
      `SELECT name, MIN(version) AS version FROM affected_versions WHERE ecosystem = 'PyPI' GROUP BY name`,
    )
    .all() as { name: string; version: string }[];
  const go = sqlite.prepare(`SELECT DISTINCT name FROM affected WHERE ecosystem = 'Go'`).all() as {
    name: string;
  }[];
  sqlite.close();
  const queries: PackageQuery[] = [
    ...pypi.map((p) => ({ ecosystem: 'PyPI', name: p.name, version: p.version })),
    ...go.map((p) => ({ ecosystem: 'Go', name: p.name, version: '0.1.0' })),
  ];
  const openStarted = performance.now();
  const db = new VulnDb(dbFile);
  const openMs = performance.now() - openStarted;
  let matched = 0;
  const firstStarted = performance.now();
  for (const q of queries) matched += db.match(q).matches.length > 0 ? 1 : 0;
  const firstPassUs = ((performance.now() - firstStarted) * 1000) / queries.length;
  const repeatedUs: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    for (let i = 0; i < lookups; i++) db.match(queries[i % queries.length] as PackageQuery);
    repeatedUs.push(((performance.now() - started) * 1000) / lookups);
  }
  db.close();

  // (3) Dockerfile lint
  const text = dockerfile100();
  const dockerfilePath = join(dir, 'Dockerfile');
  writeFileSync(dockerfilePath, text);
  const lintFirstStarted = performance.now();
  const findings = lintDockerfile(text);
  const lintFirstMs = performance.now() - lintFirstStarted;
  const lintTimes: number[] = [];
  for (let i = 0; i < lintRuns; i++) {
    const started = performance.now();
    lintDockerfile(text);
    lintTimes.push(performance.now() - started);
  }
  // findings make no failure without --fail-on; a non-zero code stays visible all the same
  const lintCli = (
    await interleaved(runs, {
      'berth scan dockerfile': () =>
        timedChild('node', [cli, 'scan', 'dockerfile', dockerfilePath, '--json'], {
          env: { BERTH_HOME: home },
          dir,
        }),
    })
  )['berth scan dockerfile'];

  const med = (list: ChildRun[], pick: (r: ChildRun) => number): number => median(list.map(pick));
  const walkMs = med(walk.timed, (r) => r.wallMs);
  const scanMs = med(scan.timed, (r) => r.wallMs);
  const nodeMs = med(nodeAlone.timed, (r) => r.wallMs);
  const walkCpuMs = med(walk.timed, (r) => r.cpuMs);
  const scanCpuMs = med(scan.timed, (r) => r.cpuMs);
  const walkFastMs = Math.min(...walk.timed.map((r) => r.wallMs));
  const scanFastMs = Math.min(...scan.timed.map((r) => r.wallMs));
  const scanRss = Math.max(...scan.timed.map((r) => r.peakRssMb), scan.first.peakRssMb);
  const importMs = median(importRuns.map((r) => r.wallMs));
  const lookupUs = median(repeatedUs);
  const lintMedian = median(lintTimes);
  const lintCliMs = med(lintCli.timed, (r) => r.wallMs);

  console.log(
    `\nImage scan, ${imageTag} (${dpkgPackages} dpkg packages, tarball ${tarballMb.toFixed(1)} MB):`,
  );
  console.log(
    table([
      ['child process', 'first run', `median of ${runs}`, 'fastest', 'CPU (median)', 'peak RSS (max)'],
      ...(
        [
          ['node -e 0 (start-up alone)', nodeAlone],
          [`tar-stream walk (${walked.outer} + ${walked.inner} entries)`, walk],
          ['berth scan image TARBALL --json', scan],
          ['  same, empty BERTH_HOME (no vulnerability db)', scanNoDb],
          ['berth scan dockerfile FILE --json', lintCli],
        ] as const
      ).map(([name, r]) => [
        name,
        ms(r.first.wallMs),
        ms(med(r.timed, (x) => x.wallMs)),
        ms(Math.min(...r.timed.map((x) => x.wallMs))),
        ms(med(r.timed, (x) => x.cpuMs)),
        mb(Math.max(r.first.peakRssMb, ...r.timed.map((x) => x.peakRssMb))),
      ]),
    ]),
  );
  console.log(
    `  scan found ${report.sbom?.packages?.length ?? '?'} packages (distro ${report.sbom?.distro?.ecosystem ?? '?'}), ` +
      `${report.findings?.length ?? '?'} findings, warnings: ${JSON.stringify(report.warnings ?? [])}`,
  );

  console.log(
    `\nOSV import: ${lastImport.stats?.advisories ?? '?'} advisories, ` +
      `${lastImport.report?.files ?? '?'} files, ${lastImport.report?.records ?? '?'} records ` +
      `(${lastImport.report?.invalid?.length ?? '?'} files refused), database ${dbMb.toFixed(1)} MB; ` +
      `import wall times ${importRuns.map((r) => ms(r.wallMs)).join(', ')}, peak RSS ${mb(Math.max(...importRuns.map((r) => r.peakRssMb)))}`,
  );
  console.log(
    `Lookups: ${queries.length} packages (${pypi.length} PyPI at their lowest listed affected version, ` +
      `${go.length} Go at 0.1.0), ${matched} with a match; VulnDb open ${ms(openMs)}; ` +
      `first pass ${us(firstPassUs)}/lookup; ${lookups} lookups x3: ${repeatedUs.map(us).join(', ')}`,
  );
  console.log(
    `Dockerfile lint: ${text.split('\n').length - 1} lines, ${findings.length} findings; first call ${lintFirstMs.toFixed(2)} ms, ` +
      `median of ${lintRuns} ${lintMedian.toFixed(2)} ms`,
  );

  console.log('\nTargets:');
  console.log(
    table([
      ['target', 'measured', 'verdict'],
      ['full scan < 2 s warm', ms(scanMs), verdict(scanMs, 2000, 'below')],
      [
        'scan within 2x of the tar walk',
        `${ratio(scanMs, walkMs)} (${ms(scanMs)} / ${ms(walkMs)})`,
        verdict(scanMs / walkMs, 2),
      ],
      [
        '  same, fastest runs of each',
        `${ratio(scanFastMs, walkFastMs)} (${ms(scanFastMs)} / ${ms(walkFastMs)})`,
        '(context)',
      ],
      [
        // On a loaded machine wall times stretch with the CPU each process needs; this ratio does not.
        '  same, CPU time (user + system)',
        `${ratio(scanCpuMs, walkCpuMs)} (${ms(scanCpuMs)} / ${ms(walkCpuMs)})`,
        '(context)',
      ],
      [
        '  same, Node start-up taken off both',
        `${ratio(scanMs - nodeMs, walkMs - nodeMs)} (${ms(scanMs - nodeMs)} / ${ms(walkMs - nodeMs)})`,
        '(context)',
      ],
      ['scan peak RSS < 200 MB', mb(scanRss), verdict(scanRss, 200, 'below')],
      ['OSV import < 30 s', ms(importMs), verdict(importMs, 30_000, 'below')],
      ['lookup < 50 µs/package (repeated)', us(lookupUs), verdict(lookupUs, 50, 'below')],
      ['  lookup, first pass', us(firstPassUs), verdict(firstPassUs, 50, 'below')],
      ['lint 100 lines < 50 ms (median)', `${lintMedian.toFixed(2)} ms`, verdict(lintMedian, 50, 'below')],
      ['  lint, first call', `${lintFirstMs.toFixed(2)} ms`, verdict(lintFirstMs, 50, 'below')],
      ['  berth scan dockerfile (CLI wall)', ms(lintCliMs), '(context)'],
    ]),
  );
  console.log(`load at the end: ${loadAverage()}`);
});
