import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { loadCompose, type ComposeInput, type LoadedCompose, type ServiceSpec } from './index.js';

const projectDir = '/srv/shop';
const file = `${projectDir}/compose.yaml`;

type Options = Partial<ComposeInput> & { files?: Record<string, string> };

/** Loads a file whose `web` service has `body` (indented by 4) plus optional top-level YAML. */
function loadWeb(
  body: string,
  options: Options & { top?: string } = {},
): { web: ServiceSpec; loaded: LoadedCompose } {
  const { files = {}, top = '', ...rest } = options;
  const content = `services:\n  web:\n${body.replace(/^/gm, '    ')}\n${top}`;
  const loaded = loadCompose({
    file: { path: file, content },
    projectDir,
    environment: {},
    readFile: (path) => files[path],
    ...rest,
  });
  const web = loaded.spec.services.web;
  if (web === undefined) throw new Error('no web service');
  return { web, loaded };
}

function webFailure(body: string, options: Options & { top?: string } = {}): BerthError {
  try {
    loadWeb(body, options);
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected loadCompose to fail');
}

describe('services.*.ports', () => {
  it.each([
    ['["8080:80"]', [{ published: 8080, target: 80, protocol: 'tcp' }]],
    [
      '[80, "443"]',
      [
        { target: 80, protocol: 'tcp' },
        { target: 443, protocol: 'tcp' },
      ],
    ],
    ['["127.0.0.1:5353:53/udp"]', [{ hostIp: '127.0.0.1', published: 5353, target: 53, protocol: 'udp' }]],
    [
      '[{ target: 80, published: "8080", host_ip: 0.0.0.0, protocol: tcp }]',
      [{ hostIp: '0.0.0.0', published: 8080, target: 80, protocol: 'tcp' }],
    ],
    ['[{ target: 53, protocol: udp }]', [{ target: 53, protocol: 'udp' }]],
  ])('normalises ports: %s', (ports, expected) => {
    expect(loadWeb(`image: nginx\nports: ${ports}`).web.ports).toEqual(expected);
  });

  it('allows an ephemeral port on a replicated service', () => {
    expect(loadWeb('image: nginx\nports: ["80"]\ndeploy: { replicas: 4 }').web.replicas).toBe(4);
  });

  it('accepts expose without changing the spec', () => {
    expect(loadWeb('image: nginx\nexpose: ["3000", 4000]').web.ports).toEqual([]);
  });
});

describe('services.*.volumes and tmpfs', () => {
  const top = 'volumes:\n  data: {}\n';

  it.each([
    ['data:/var/lib/data', { type: 'volume', source: 'data', target: '/var/lib/data', readOnly: false }],
    ['data:/var/lib/data:ro', { type: 'volume', source: 'data', target: '/var/lib/data', readOnly: true }],
    [
      './site:/usr/share/nginx/html:ro',
      { type: 'bind', source: '/srv/shop/site', target: '/usr/share/nginx/html', readOnly: true },
    ],
    ['../shared:/shared:rw', { type: 'bind', source: '/srv/shared', target: '/shared', readOnly: false }],
    [
      '/etc/localtime:/etc/localtime:ro',
      { type: 'bind', source: '/etc/localtime', target: '/etc/localtime', readOnly: true },
    ],
    [
      '~/.config/app:/config',
      { type: 'bind', source: '/home/me/.config/app', target: '/config', readOnly: false },
    ],
    [
      '{ type: volume, source: data, target: /data, read_only: true }',
      { type: 'volume', source: 'data', target: '/data', readOnly: true },
    ],
    [
      '{ type: bind, source: ./conf, target: /etc/app }',
      { type: 'bind', source: '/srv/shop/conf', target: '/etc/app', readOnly: false },
    ],
    ['{ type: tmpfs, target: /run }', { type: 'tmpfs', target: '/run', readOnly: false }],
  ])('normalises the volume %s', (volume, expected) => {
    const { web, loaded } = loadWeb(`image: nginx\nvolumes:\n  - ${volume}`, {
      top,
      environment: { HOME: '/home/me' },
    });
    expect(web.mounts).toEqual([expected]);
    if (volume.startsWith('~')) expect(loaded.variablesUsed).toEqual(['HOME']);
  });

  it('turns tmpfs paths into tmpfs mounts after the volumes', () => {
    expect(loadWeb('image: nginx\nvolumes: [data:/data]\ntmpfs: /run', { top }).web.mounts).toEqual([
      { type: 'volume', source: 'data', target: '/data', readOnly: false },
      { type: 'tmpfs', target: '/run', readOnly: false },
    ]);
    expect(loadWeb('image: nginx\ntmpfs: [/run, /tmp]').web.mounts).toHaveLength(2);
  });

  it('rejects tmpfs options it cannot apply', () => {
    expect(webFailure('image: nginx\ntmpfs: ["/run:size=64m"]').message).toBe(
      'services.web.tmpfs: "/run:size=64m": tmpfs options are not supported',
    );
  });
});

describe('services.*.environment and env_file', () => {
  it('reads a mapping with numbers, booleans and empty values', () => {
    const { web } = loadWeb(
      'image: nginx\nenvironment:\n  PORT: 8080\n  RATIO: 1.10\n  DEBUG: false\n  FROM_SHELL:\n  MISSING:',
      {
        environment: { FROM_SHELL: 'shell' },
      },
    );
    expect(web.environment).toEqual({ PORT: '8080', RATIO: '1.10', DEBUG: 'false', FROM_SHELL: 'shell' });
  });

  it('reads a KEY=VALUE list where a bare KEY comes from the project environment', () => {
    const { web, loaded } = loadWeb('image: nginx\nenvironment: [A=1, B==2, C=, FROM_DOTENV]', {
      files: { '/srv/shop/.env': 'FROM_DOTENV=dot' },
    });
    expect(web.environment).toEqual({ A: '1', B: '=2', C: '', FROM_DOTENV: 'dot' });
    expect(loaded.variablesUsed).toEqual(['FROM_DOTENV']);
  });

  it('merges env files in order under environment, which wins', () => {
    const { web, loaded } = loadWeb(
      'image: nginx\nenv_file:\n  - common.env\n  - path: ./local.env\n  - path: optional.env\n    required: false\nenvironment: { B: from-compose }',
      {
        files: {
          '/srv/shop/common.env': 'A=common\nB=common\nC=common',
          '/srv/shop/local.env': 'C=local\nD=${TAG:-d}',
        },
      },
    );
    expect(web.environment).toEqual({ A: 'common', B: 'from-compose', C: 'local', D: 'd' });
    expect(loaded.filesRead).toEqual(['/srv/shop/common.env', '/srv/shop/local.env']);
    expect(loaded.variablesUsed).toEqual(['TAG']);
  });

  it('accepts a single env_file string', () => {
    expect(
      loadWeb('image: nginx\nenv_file: web.env', { files: { '/srv/shop/web.env': 'X=1' } }).web.environment,
    ).toEqual({ X: '1' });
  });
});

describe('services.*.command and entrypoint', () => {
  it.each([
    ['command: npm run start', { command: ['npm', 'run', 'start'] }],
    [`command: sh -c 'echo "$$HOME"'`, { command: ['sh', '-c', 'echo "$HOME"'] }],
    ['command: ["npm", "start"]', { command: ['npm', 'start'] }],
    ['entrypoint: /docker-entrypoint.sh --verbose', { entrypoint: ['/docker-entrypoint.sh', '--verbose'] }],
    ['entrypoint: ""', { entrypoint: [] }],
    ['command: [sleep, 10]', { command: ['sleep', '10'] }],
  ])('splits %s', (line, expected) => {
    expect(loadWeb(`image: nginx\n${line}`).web).toMatchObject(expected);
  });

  it('leaves command undefined when empty', () => {
    expect(loadWeb('image: nginx\ncommand:').web.command).toBeUndefined();
  });
});

describe('services.*.healthcheck', () => {
  it.each([
    ['{ test: "curl -f localhost" }', { test: ['CMD-SHELL', 'curl -f localhost'] }],
    [
      '{ test: [CMD, curl, -f, localhost], retries: 3 }',
      { test: ['CMD', 'curl', '-f', 'localhost'], retries: 3 },
    ],
    ['{ disable: true }', { test: ['NONE'] }],
    ['{ test: [NONE] }', { test: ['NONE'] }],
    [
      '{ interval: 1m30s, timeout: 500ms, start_period: 2us }',
      { test: [], intervalMs: 90_000, timeoutMs: 500, startPeriodMs: 0.002 },
    ],
  ])('normalises %s', (healthcheck, expected) => {
    expect(loadWeb(`image: nginx\nhealthcheck: ${healthcheck}`).web.healthcheck).toEqual(expected);
  });
});

describe('services.*.restart and deploy.restart_policy', () => {
  it.each([
    ['restart: "no"', { condition: 'none' }],
    ['restart: always', { condition: 'any' }],
    ['restart: unless-stopped', { condition: 'any' }],
    ['restart: on-failure', { condition: 'on-failure' }],
    ['restart: on-failure:5', { condition: 'on-failure', maxAttempts: 5 }],
    ['deploy: { restart_policy: {} }', { condition: 'any' }],
    [
      'deploy: { restart_policy: { condition: on-failure, delay: 5s, max_attempts: 3, window: 2m } }',
      { condition: 'on-failure', delayMs: 5000, maxAttempts: 3, windowMs: 120_000 },
    ],
  ])('maps %s', (line, expected) => {
    expect(loadWeb(`image: nginx\n${line}`).web.restartPolicy).toEqual(expected);
  });

  it('defaults to restarting on any exit when neither is set', () => {
    expect(loadWeb('image: nginx').web.restartPolicy).toEqual({ condition: 'any' });
  });

  it('lets deploy.restart_policy win over restart with a warning', () => {
    const { web, loaded } = loadWeb(
      'image: nginx\nrestart: "no"\ndeploy: { restart_policy: { condition: on-failure } }',
    );
    expect(web.restartPolicy).toEqual({ condition: 'on-failure' });
    expect(loaded.warnings).toEqual([
      'services.web.restart: ignored because deploy.restart_policy is also set (deploy.restart_policy wins)',
    ]);
  });
});

describe('services.*.deploy', () => {
  it('normalises cpus, memory, pids and update_config', () => {
    const { web } = loadWeb(
      [
        'image: nginx',
        'deploy:',
        '  mode: replicated',
        '  replicas: 0',
        '  resources:',
        '    limits: { cpus: "1.5", memory: 1.5GB, pids: 100 }',
        '    reservations: { cpus: 0.5, memory: 100000 }',
        '  update_config:',
        '    parallelism: 2',
        '    delay: 10s',
        '    failure_action: rollback',
        '    monitor: 1m',
        '    max_failure_ratio: 0.25',
        '    order: start-first',
      ].join('\n'),
    );
    expect(web).toMatchObject({
      replicas: 0,
      limits: { cpus: 1.5, memoryBytes: 1_610_612_736, pids: 100 },
      reservations: { cpus: 0.5, memoryBytes: 100_000 },
      updateConfig: {
        parallelism: 2,
        delayMs: 10_000,
        failureAction: 'rollback',
        monitorMs: 60_000,
        maxFailureRatio: 0.25,
        order: 'start-first',
      },
    });
  });
});

describe('other service keys', () => {
  it('reads the simple keys', () => {
    const { web } = loadWeb(
      [
        'image: nginx',
        'user: 1000',
        'working_dir: /app',
        'read_only: true',
        'cap_add: [NET_BIND_SERVICE]',
        'cap_drop: [ALL]',
        'security_opt: ["no-new-privileges:true"]',
        'labels: [com.example.team=shop, flag]',
        'stop_grace_period: 1m30s',
        'stop_signal: SIGQUIT',
        'init: true',
        'pull_policy: always',
      ].join('\n'),
    );
    expect(web).toMatchObject({
      user: '1000',
      workingDir: '/app',
      readOnly: true,
      capAdd: ['NET_BIND_SERVICE'],
      capDrop: ['ALL'],
      securityOpt: ['no-new-privileges:true'],
      labels: { 'com.example.team': 'shop', flag: '' },
      stopGracePeriodMs: 90_000,
      stopSignal: 'SIGQUIT',
      init: true,
      pullPolicy: 'always',
    });
  });

  it('maps pull_policy if_not_present to missing', () => {
    expect(loadWeb('image: nginx\npull_policy: if_not_present').web.pullPolicy).toBe('missing');
  });

  it('joins networks with aliases', () => {
    const { web } = loadWeb('image: nginx\nnetworks:\n  front:\n    aliases: [www, shop]\n  default:', {
      top: 'networks:\n  front:\n',
    });
    expect(web.networks).toEqual({ front: { aliases: ['www', 'shop'] }, default: { aliases: [] } });
  });

  it('reads build args as a mapping and takes bare keys from the environment', () => {
    const { web } = loadWeb(
      'build:\n  context: app\n  dockerfile: docker/Dockerfile.prod\n  target: runtime\n  args:\n    VERSION: 1.10\n    FROM_ENV:\n    UNSET:',
      { environment: { FROM_ENV: 'yes' } },
    );
    expect(web.build).toEqual({
      context: '/srv/shop/app',
      dockerfile: 'docker/Dockerfile.prod',
      target: 'runtime',
      args: { VERSION: '1.10', FROM_ENV: 'yes' },
    });
  });

  it('rejects a remote build context', () => {
    expect(webFailure('build: https://github.com/acme/app.git').message).toBe(
      'services.web.build: remote build context "https://github.com/acme/app.git" is not supported',
    );
  });

  it('reads depends_on as a list and as a mapping with conditions', () => {
    const body =
      'image: nginx\ndepends_on:\n  db: { condition: service_healthy, restart: true }\n  migrate:\n    condition: service_completed_successfully\n  cache:';
    const content = `services:\n  web:\n${body.replace(/^/gm, '    ')}\n  db: { image: postgres }\n  migrate: { image: app }\n  cache: { image: redis }\n`;
    const loaded = loadCompose({
      file: { path: file, content },
      projectDir,
      environment: {},
      readFile: () => undefined,
    });
    expect(loaded.spec.services.web?.dependsOn).toEqual({
      db: { condition: 'service_healthy', restart: true, required: true },
      migrate: { condition: 'service_completed_successfully', restart: false, required: true },
      cache: { condition: 'service_started', restart: false, required: true },
    });
  });

  it('drops an optional dependency on an unknown service with a warning', () => {
    const { web, loaded } = loadWeb('image: nginx\ndepends_on:\n  metrics: { required: false }');
    expect(web.dependsOn).toEqual({});
    expect(loaded.warnings).toEqual([
      'services.web.depends_on.metrics: optional dependency "metrics" is not a service in this file; ignoring it',
    ]);
  });
});
