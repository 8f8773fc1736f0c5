import { describe, expect, it } from 'vitest';
import { BerthError } from '../../errors/index.js';
import { loadPipeline } from './load-pipeline.js';
import type { BuildStep, RunStep } from './pipeline-spec.js';

const file = '.berth/pipeline.yaml';
const load = (...lines: string[]) => loadPipeline(lines.join('\n'), { file });

/** The error `loadPipeline` throws for these lines. */
function errorOf(lines: readonly string[]): BerthError {
  try {
    loadPipeline(lines.join('\n'), { file });
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected loadPipeline to throw');
}

describe('loadPipeline', () => {
  it('reads a run step with every field into camelCase fields with units', () => {
    const spec = load(
      'steps:',
      '  test:',
      '    image: node:20',
      '    commands:',
      '      - npm ci',
      '      - npm test',
      '    entrypoint: [/bin/sh, -c]',
      '    environment:',
      '      CI: true',
      '      PORT: 8080',
      '      TOKEN: { from_secret: npm_token }',
      '    secrets: [SONAR_TOKEN]',
      '    cache:',
      "      - key: npm-{{ hashFiles('package-lock.json') }}",
      '        path: /root/.npm',
      '    artifacts: [coverage/**]',
      '    reports:',
      '      - junit: reports/*.xml',
      '        fail_on: failure',
      '    resources: { cpus: 0.5, memory: 512m }',
      '    timeout: 1h30m',
      '    failure: ignore',
    );
    expect(spec.steps).toEqual([
      {
        name: 'test',
        kind: 'run',
        image: 'node:20',
        commands: ['npm ci', 'npm test'],
        entrypoint: ['/bin/sh', '-c'],
        environment: { CI: 'true', PORT: '8080', TOKEN: { fromSecret: 'npm_token' } },
        secrets: ['SONAR_TOKEN'],
        cache: [{ key: "npm-{{ hashFiles('package-lock.json') }}", path: '/root/.npm' }],
        artifacts: ['coverage/**'],
        reports: [{ format: 'junit', path: 'reports/*.xml', failOn: 'failure' }],
        resources: { cpus: 0.5, memoryBytes: 512 * 1024 ** 2 },
        timeoutMs: 5_400_000,
        ignoreFailure: true,
        when: [],
        dependsOn: [],
      },
    ]);
    expect(spec.dag).toBe(false);
  });

  it('gives a bare run step its documented defaults', () => {
    const [step] = load('steps:', '  lint:', '    image: node:20').steps as RunStep[];
    expect(step).toMatchObject({
      commands: [],
      environment: {},
      secrets: [],
      cache: [],
      artifacts: [],
      reports: [],
      resources: { cpus: 1, memoryBytes: 2 * 1024 ** 3 },
      timeoutMs: 3_600_000,
      ignoreFailure: false,
    });
    expect(step?.entrypoint).toBeUndefined();
  });

  it('keeps steps in file order, in the mapping form and in the list form', () => {
    const mapped = load('steps:', '  b: { image: x }', '  a: { image: x }', '  c: { image: x }');
    expect(mapped.steps.map((s) => s.name)).toEqual(['b', 'a', 'c']);
    const listed = load(
      'steps:',
      '  - name: b',
      '    image: x',
      '  - image: x',
      '  - name: a',
      '    image: x',
    );
    expect(listed.steps.map((s) => s.name)).toEqual(['b', 'step-2', 'a']);
  });

  it('reads every built-in step kind with its defaults', () => {
    const spec = load(
      'steps:',
      '  build:',
      '    kind: build',
      '    tags: ["registry.example.com/shop/web:${BERTH_COMMIT_SHORT}"]',
      '    build_args: { NODE_VERSION: 20 }',
      '  scan:',
      '    kind: scan',
      '    image: registry.example.com/shop/web:${BERTH_COMMIT_SHORT}',
      '  push:',
      '    kind: push',
      '    image: registry.example.com/shop/web:${BERTH_COMMIT_SHORT}',
      '    username: ci',
      '    password: { from_secret: registry_password }',
      '  approve:',
      '    kind: approval',
      '  deploy:',
      '    kind: deploy',
      '    images: { web: "registry.example.com/shop/web:${BERTH_COMMIT_SHORT}" }',
    );
    const [build, scan, push, approve, deploy] = spec.steps;
    expect(build).toMatchObject({
      kind: 'build',
      context: '.',
      dockerfile: 'Dockerfile',
      tags: ['registry.example.com/shop/web:${BERTH_COMMIT_SHORT}'],
      buildArgs: { NODE_VERSION: '20' },
      labels: {},
    });
    expect((build as BuildStep).target).toBeUndefined();
    expect(scan).toMatchObject({
      kind: 'scan',
      target: { image: 'registry.example.com/shop/web:${BERTH_COMMIT_SHORT}' },
      policy: { severity: 'high', secrets: true, dockerfile: 'none', ignore: [] },
    });
    expect(push).toMatchObject({
      kind: 'push',
      tags: [],
      username: 'ci',
      password: { fromSecret: 'registry_password' },
    });
    expect(approve).toMatchObject({ kind: 'approval', role: 'deployer', timeoutMs: 86_400_000 });
    expect(deploy).toMatchObject({
      kind: 'deploy',
      compose: 'compose.yaml',
      wait: true,
      images: { web: 'registry.example.com/shop/web:${BERTH_COMMIT_SHORT}' },
    });
  });

  it('reads a scan policy with rule lists', () => {
    const [scan] = load(
      'steps:',
      '  scan:',
      '    kind: scan',
      '    path: .',
      '    policy: { severity: critical, secrets: false, dockerfile: [DL3008, DL3007], ignore: [CVE-2024-1234] }',
    ).steps;
    expect(scan).toMatchObject({
      target: { path: '.' },
      policy: {
        severity: 'critical',
        secrets: false,
        dockerfile: ['DL3008', 'DL3007'],
        ignore: ['CVE-2024-1234'],
      },
    });
  });

  it('reads when as one mapping or a list of alternatives, with include/exclude and path options', () => {
    const spec = load(
      'when:',
      '  - event: push',
      '    branch: [main, release/*]',
      '  - event: { include: [tag, manual] }',
      '    tag: v*',
      'steps:',
      '  notify:',
      '    image: alpine',
      '    when:',
      '      path: { include: [src/**], exclude: ["**/*.md"], on_empty: false }',
      '      cron: { exclude: nightly }',
      '      status: [failure, success]',
    );
    expect(spec.when).toEqual([
      {
        event: { include: ['push'], exclude: [] },
        branch: { include: ['main', 'release/*'], exclude: [] },
        status: ['success'],
      },
      {
        event: { include: ['tag', 'manual'], exclude: [] },
        tag: { include: ['v*'], exclude: [] },
        status: ['success'],
      },
    ]);
    expect(spec.steps[0]?.when).toEqual([
      {
        path: { include: ['src/**'], exclude: ['**/*.md'], onEmpty: false },
        cron: { include: [], exclude: ['nightly'] },
        status: ['success', 'failure'],
      },
    ]);
  });

  it('expands a matrix into every combination, or takes the include list as written', () => {
    expect(
      load(
        'matrix:',
        '  NODE: [20, 22]',
        '  DB: [postgres, mysql]',
        'steps:',
        '  a: { image: "node:${NODE}" }',
      ).matrix,
    ).toEqual([
      { NODE: '20', DB: 'postgres' },
      { NODE: '20', DB: 'mysql' },
      { NODE: '22', DB: 'postgres' },
      { NODE: '22', DB: 'mysql' },
    ]);
    expect(
      load(
        'matrix:',
        '  include:',
        '    - { GO: 1.10, OS: linux }',
        '    - { GO: 1.22, OS: darwin }',
        'steps:',
        '  a: { image: "golang:${GO}" }',
      ).matrix,
    ).toEqual([
      { GO: '1.10', OS: 'linux' },
      { GO: '1.22', OS: 'darwin' },
    ]);
  });

  it('reads services, cron entries and pipeline reports', () => {
    const spec = load(
      'services:',
      '  db:',
      '    image: postgres:16',
      '    environment: { POSTGRES_PASSWORD: test }',
      'cron:',
      '  - name: nightly',
      '    schedule: "0 3 * * *"',
      '    branch: main',
      'reports:',
      '  - sarif: "**/*.sarif"',
      '    fail_on: error',
      'steps:',
      '  a: { image: x }',
    );
    expect(spec.services).toEqual([
      {
        name: 'db',
        image: 'postgres:16',
        commands: [],
        environment: { POSTGRES_PASSWORD: 'test' },
        secrets: [],
        resources: { cpus: 1, memoryBytes: 2 * 1024 ** 3 },
      },
    ]);
    expect(spec.cron).toEqual([{ name: 'nightly', schedule: '0 3 * * *', branch: 'main' }]);
    expect(spec.reports).toEqual([{ format: 'sarif', path: '**/*.sarif', failOn: 'error' }]);
  });

  it('is in DAG mode as soon as one step declares depends_on, even an empty one', () => {
    expect(load('steps:', '  a: { image: x }', '  b: { image: x }').dag).toBe(false);
    expect(load('steps:', '  a: { image: x }', '  b: { image: x, depends_on: [] }').dag).toBe(true);
  });

  it('resolves YAML anchors kept under x- keys', () => {
    const spec = load(
      'x-node: &node',
      '  image: node:20',
      '  resources: { cpus: 2 }',
      'steps:',
      '  a:',
      '    <<: *node',
      '    commands: [npm test]',
    );
    expect(spec.steps[0]).toMatchObject({ image: 'node:20', commands: ['npm test'], resources: { cpus: 2 } });
  });

  it('returns a deeply frozen spec', () => {
    const spec = load('steps:', '  a: { image: x, commands: [a] }');
    expect(Object.isFrozen(spec)).toBe(true);
    expect(Object.isFrozen((spec.steps[0] as RunStep).commands)).toBe(true);
  });

  it('raises errors with the catalogue code, the position and the key path in details', () => {
    const error = errorOf([
      'steps:',
      '  a:',
      '    image: x',
      '    depends_on: [biuld]',
      '  build: { image: x }',
    ]);
    expect(error.code).toBe('BERTH_PIPELINE_INVALID');
    expect(error.position).toEqual({ file, line: 4, column: 18 });
    expect(error.details).toEqual({ path: 'steps.a.depends_on[0]' });
    expect(error.hint).toBe('Name a step of this file: build.');
  });

  const cases: [string, string[], string][] = [
    ['an empty file', [''], '1:1 (top level): the file is empty'],
    [
      'broken YAML',
      ['steps:', '  a: [x'],
      '2:8 (top level): invalid YAML: Flow sequence in block collection must be sufficiently indented',
    ],
    [
      'duplicate keys',
      ['steps:', '  a: { image: x }', '  a: { image: y }'],
      '3:3 (top level): invalid YAML: Map keys must be unique',
    ],
    ['a scalar document', ['hello'], '1:1 (top level): expected a mapping, got "hello"'],
    ['no steps key', ['services: {}'], '1:1 (top level): "steps" is missing'],
    ['no steps', ['steps: {}'], '1:8 steps: no steps are defined'],
    [
      'a misspelt top-level key',
      ['step:', '  a: { image: x }'],
      '1:1 step: unknown key "step"; did you mean "steps"?',
    ],
    [
      'a misspelt step key',
      ['steps:', '  a:', '    imag: x'],
      '3:5 steps.a.imag: unknown key "imag"; did you mean "image"?',
    ],
    [
      'a key of another kind',
      ['steps:', '  a:', '    image: x', '    dockerfile: Dockerfile'],
      '4:5 steps.a.dockerfile: key "dockerfile" is not valid for a run step',
    ],
    [
      'an unknown kind',
      ['steps:', '  a:', '    kind: biuld'],
      '3:11 steps.a.kind: "biuld" is not one of "run", "build", "scan", "push", "deploy", "approval"; did you mean "build"?',
    ],
    ['a run step without image', ['steps:', '  a:', '    commands: [x]'], '3:5 steps.a: "image" is missing'],
    [
      'an unknown dependency',
      ['steps:', '  build: { image: x }', '  test:', '    image: x', '    depends_on: [biuld]'],
      '5:18 steps.test.depends_on[0]: unknown step "biuld"; did you mean "build"?',
    ],
    [
      'a self-dependency',
      ['steps:', '  a:', '    image: x', '    depends_on: a'],
      '4:17 steps.a.depends_on: step "a" depends on itself',
    ],
    [
      'a dependency cycle',
      [
        'steps:',
        '  a: { image: x, depends_on: [c] }',
        '  b: { image: x, depends_on: [a] }',
        '  c: { image: x, depends_on: [b] }',
      ],
      '2:31 steps.a.depends_on[0]: dependency cycle a -> c -> b -> a',
    ],
    [
      'a duplicate step in list form',
      ['steps:', '  - name: a', '    image: x', '  - name: a', '    image: x'],
      '4:11 steps[1].name: step "a" is defined twice',
    ],
    ['a bad step name', ['steps:', '  "a b": { image: x }'], '2:3 steps.a b: "a b" is not a valid step name'],
    [
      'a service named like a step',
      ['services:', '  a: { image: x }', 'steps:', '  a: { image: x }'],
      '2:3 services.a: "a" is both a step and a service',
    ],
    [
      'a boolean where a string belongs',
      ['steps:', '  a:', '    image: true'],
      '3:12 steps.a.image: expected a string, got the boolean true',
    ],
    [
      'a bad duration',
      ['steps:', '  a: { image: x, timeout: 10 }'],
      '2:27 steps.a.timeout: "10" is not a duration',
    ],
    [
      'a bad size',
      ['steps:', '  a: { image: x, resources: { memory: lots } }'],
      '2:39 steps.a.resources.memory: "lots" is not a size',
    ],
    [
      'an unknown event',
      ['when: { event: pull }', 'steps:', '  a: { image: x }'],
      '1:16 when.event: "pull" is not one of "push", "tag", "manual", "cron"',
    ],
    [
      'status at the top level',
      ['when: { status: failure }', 'steps:', '  a: { image: x }'],
      '1:9 when.status: unknown key "status"',
    ],
    [
      'an unknown status',
      ['steps:', '  a:', '    image: x', '    when: { status: [failed] }'],
      '4:22 steps.a.when.status[0]: "failed" is not one of "success", "failure"',
    ],
    [
      'an unknown variable',
      ['matrix: { NODE: [20] }', 'steps:', '  a: { image: "node:${NOD}" }'],
      '3:15 steps.a.image: unknown variable "${NOD}"; did you mean "NODE"?',
    ],
    [
      'a malformed variable',
      ['steps:', '  a: { image: "node:${1}" }'],
      '2:15 steps.a.image: "${1}" is not a variable reference',
    ],
    [
      'an env var from an unknown variable',
      ['steps:', '  a:', '    image: x', '    environment: { A: "${HOME}" }'],
      '4:23 steps.a.environment.A: unknown variable "${HOME}"',
    ],
    [
      'a plain password',
      ['steps:', '  p:', '    kind: push', '    image: x', '    username: u', '    password: hunter2'],
      '6:15 steps.p.password: the password must come from a secret',
    ],
    [
      'a username without password',
      ['steps:', '  p:', '    kind: push', '    image: x', '    username: u'],
      '3:5 steps.p: "password" is missing',
    ],
    [
      'a scan with image and path',
      ['steps:', '  s: { kind: scan, image: x, path: . }'],
      '2:6 steps.s: a scan step needs exactly one of "image" or "path"',
    ],
    [
      'a bad Dockerfile rule id',
      ['steps:', '  s: { kind: scan, path: ., policy: { dockerfile: [dl3008] } }'],
      '2:52 steps.s.policy.dockerfile[0]: "dl3008" is not a valid Dockerfile rule id',
    ],
    ['a build without tags', ['steps:', '  b: { kind: build }'], '2:6 steps.b: "tags" is missing'],
    [
      'an artifact outside the workspace',
      ['steps:', '  a: { image: x, artifacts: [../secret] }'],
      '2:30 steps.a.artifacts[0]: "../secret" is outside the workspace',
    ],
    [
      'a relative cache path',
      ['steps:', '  a:', '    image: x', '    cache: [{ key: k, path: .npm }]'],
      '4:29 steps.a.cache[0].path: ".npm" is not an absolute path inside the container',
    ],
    [
      'a bad cache key',
      ['steps:', '  a:', '    image: x', '    cache: [{ key: "{{ sha(x) }}", path: /c }]'],
      '4:20 steps.a.cache[0].key: "{{ sha(x) }}" is not hashFiles',
    ],
    [
      'a report with two formats',
      ['steps:', '  a:', '    image: x', '    reports: [{ junit: a.xml, sarif: b.sarif }]'],
      '4:15 steps.a.reports[0]: a report needs exactly one of "junit" or "sarif"',
    ],
    [
      'a SARIF level on JUnit',
      ['steps:', '  a:', '    image: x', '    reports: [{ junit: a.xml, fail_on: error }]'],
      '4:40 steps.a.reports[0].fail_on: "error" is not one of "none", "failure"',
    ],
    [
      'a bad cron schedule',
      ['cron:', '  - name: nightly', '    schedule: "0 25 * * *"', 'steps:', '  a: { image: x }'],
      '3:15 cron[0].schedule: hour "25": "25" is outside 0-23',
    ],
    [
      'a duplicate cron name',
      [
        'cron:',
        '  - { name: n, schedule: "@daily" }',
        '  - { name: n, schedule: "@hourly" }',
        'steps:',
        '  a: { image: x }',
      ],
      '3:13 cron[1].name: cron entry "n" is defined twice',
    ],
    [
      'a matrix axis without values',
      ['matrix: { NODE: [] }', 'steps:', '  a: { image: x }'],
      '1:17 matrix.NODE: axis "NODE" has no values',
    ],
    [
      'a reserved matrix axis',
      ['matrix: { BERTH_X: [1] }', 'steps:', '  a: { image: x }'],
      '1:11 matrix.BERTH_X: axis "BERTH_X" uses the reserved prefix BERTH_',
    ],
    [
      'a huge matrix',
      [
        'matrix:',
        '  A: [1, 2, 3, 4, 5]',
        '  B: [1, 2, 3, 4, 5]',
        '  C: [1, 2, 3]',
        'steps:',
        '  a: { image: x }',
      ],
      '2:3 matrix: the matrix has 75 combinations, more than 64',
    ],
    [
      'uneven include combinations',
      ['matrix:', '  include:', '    - { A: 1 }', '    - { B: 2 }', 'steps:', '  a: { image: x }'],
      '4:7 matrix.include[1]: the combination sets B, but the first one sets A',
    ],
    [
      'a secret also in environment',
      ['steps:', '  a:', '    image: x', '    environment: { T: t }', '    secrets: [T]'],
      '5:15 steps.a.secrets[0]: secret "T" is also set in environment',
    ],
    [
      'an invalid glob',
      ['steps:', '  a:', '    image: x', '    when: { branch: "[z-a]" }'],
      '4:21 steps.a.when.branch: "[z-a]" is not a valid glob',
    ],
    [
      'an unknown approver role',
      ['steps:', '  ok: { kind: approval, role: viewer }'],
      '2:31 steps.ok.role: "viewer" is not one of "deployer", "admin"',
    ],
  ];

  it.each(cases)('rejects %s with file:line:column, key path and reason', (_name, lines, expected) => {
    expect(errorOf(lines).message).toContain(`${file}:${expected}`);
  });
});
