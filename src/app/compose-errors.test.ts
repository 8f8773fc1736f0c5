import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { loadCompose, type ComposeInput } from './index.js';

const projectDir = '/srv/shop';
const file = `${projectDir}/compose.yaml`;

function failure(content: string, input: Partial<ComposeInput> = {}): BerthError {
  try {
    loadCompose({
      file: { path: file, content },
      projectDir,
      environment: {},
      readFile: () => undefined,
      ...input,
    });
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected loadCompose to fail');
}

const web = (body: string): string => `services:\n  web:\n    image: nginx\n${body}`;

describe('loadCompose rejects unsupported keys at their exact position', () => {
  it.each([
    ['services.web.container_name', web('    container_name: shop-web\n'), 4, 5],
    ['services.web.privileged', web('    privileged: true\n'), 4, 5],
    ['services.web.network_mode', web('    network_mode: host\n'), 4, 5],
    ['services.web.devices', web('    devices: ["/dev/fuse"]\n'), 4, 5],
    [
      'services.web.deploy.placement',
      web('    deploy:\n      replicas: 2\n      placement:\n        constraints: []\n'),
      6,
      7,
    ],
    ['services.web.deploy.labels', web('    deploy:\n      labels: { a: b }\n'), 5, 7],
    ['services.web.deploy.rollback_config', web('    deploy:\n      rollback_config: {}\n'), 5, 7],
    [
      'services.web.deploy.resources.reservations.devices',
      web('    deploy:\n      resources:\n        reservations:\n          devices: []\n'),
      7,
      11,
    ],
    [
      'services.web.deploy.resources.reservations.pids',
      web('    deploy:\n      resources:\n        reservations: { pids: 5 }\n'),
      6,
      25,
    ],
    [
      'services.web.healthcheck.start_interval',
      web('    healthcheck:\n      test: "true"\n      start_interval: 1s\n'),
      6,
      7,
    ],
    ['services.web.build.ssh', web('    build:\n      context: .\n      ssh: [default]\n'), 6, 7],
    ['services.web.ports[0].mode', web('    ports:\n      - target: 80\n        mode: host\n'), 6, 9],
    [
      'services.web.volumes[0].bind',
      web(
        '    volumes:\n      - type: bind\n        source: ./a\n        target: /a\n        bind: { propagation: rshared }\n',
      ),
      8,
      9,
    ],
    [
      'services.web.networks.front.ipv4_address',
      `${web('    networks:\n      front:\n        ipv4_address: 10.0.0.2\n')}networks:\n  front:\n`,
      6,
      9,
    ],
    [
      'services.web.depends_on.db.wait',
      `${web('    depends_on:\n      db: { wait: true }\n')}  db:\n    image: postgres\n`,
      5,
      13,
    ],
    [
      'services.web.env_file[0].format',
      web('    env_file:\n      - path: .env.web\n        format: raw\n'),
      6,
      9,
    ],
    ['services.web.x-berth.startup', web('    x-berth:\n      startup: { tcp: { port: 80 } }\n'), 5, 7],
    [
      'services.web.x-berth.x-note',
      web('    x-berth:\n      x-note: extensions are not allowed inside x-berth\n'),
      5,
      7,
    ],
    [
      'services.web.x-berth.readiness.grpc',
      web('    x-berth:\n      readiness:\n        grpc: { port: 9000 }\n'),
      6,
      9,
    ],
    [
      'services.web.x-berth.readiness.http.host',
      web('    x-berth:\n      readiness:\n        http: { port: 80, host: example.com }\n'),
      6,
      27,
    ],
    ['configs', `configs:\n  app: { file: ./app.conf }\n${web('')}`, 1, 1],
    ['secrets', `${web('')}secrets:\n  token: { file: ./token }\n`, 4, 1],
    ['include', `include: [other.yaml]\n${web('')}`, 1, 1],
    ['networks.front.driver_opts', `${web('')}networks:\n  front:\n    driver_opts: { mtu: 1400 }\n`, 6, 5],
    ['volumes.data.driver_opts', `${web('')}volumes:\n  data:\n    driver_opts: { type: nfs }\n`, 6, 5],
  ])('%s', (keyPath, content, line, column) => {
    const error = failure(content);
    const key =
      keyPath
        .split('.')
        .at(-1)
        ?.replace(/\[\d+\]$/, '') ?? '';
    expect(error.code).toBe('BERTH_COMPOSE_UNSUPPORTED_KEY');
    expect(error.message).toBe(`${keyPath}: key "${key}" is not supported by Berth`);
    expect(error.position).toEqual({ file, line, column });
    expect(error.hint).toBeTruthy();
  });

  it('lists the supported keys at that level in the hint', () => {
    const error = failure(web('    deploy:\n      placement: {}\n'));
    expect(error.hint).toBe('Berth places every replica on its one engine; remove placement.');
    const generic = failure(web('    deploy:\n      endpoint_mode: vip\n'));
    expect(generic.hint).toBe(
      'Remove it; supported keys here are: mode, replicas, resources, restart_policy, update_config.',
    );
  });

  it('explains least privilege when privileged is used', () => {
    expect(failure(web('    privileged: true\n')).hint).toMatch(/least privilege.*cap_add/);
  });

  it('names the network key when a non-external network sets name', () => {
    const error = failure(`${web('')}networks:\n  front:\n    name: shared\n`);
    expect(error).toMatchObject({ code: 'BERTH_COMPOSE_UNSUPPORTED_KEY', position: { line: 6, column: 11 } });
  });

  it('accepts x-* extensions at the top level and inside services without a warning', () => {
    const content = `x-defaults: { anything: [1, 2] }\nservices:\n  web:\n    image: nginx\n    x-team: payments\n`;
    const loaded = loadCompose({
      file: { path: file, content },
      projectDir,
      environment: {},
      readFile: () => undefined,
    });
    expect(loaded.warnings).toEqual([]);
  });
});

describe('loadCompose reports invalid values with their position', () => {
  it.each([
    [
      web('    deploy:\n      resources:\n        limits:\n          memory: 12zz\n'),
      'services.web.deploy.resources.limits.memory: "12zz" is not a byte size',
      7,
      19,
    ],
    [web('    stop_grace_period: 10\n'), 'services.web.stop_grace_period: "10" is not a duration', 4, 24],
    [
      web('    deploy:\n      replicas: -1\n'),
      'services.web.deploy.replicas: "-1" is not an integer >= 0',
      5,
      17,
    ],
    [
      web('    deploy:\n      replicas: two\n'),
      'services.web.deploy.replicas: "two" is not an integer >= 0',
      5,
      17,
    ],
    [
      web('    deploy:\n      mode: global\n'),
      'services.web.deploy.mode: mode "global" is not supported',
      5,
      13,
    ],
    [web('    read_only: maybe\n'), 'services.web.read_only: "maybe" is not a boolean', 4, 16],
    [
      web('    ports: ["8000-8010:8000-8010"]\n'),
      'services.web.ports[0]: "8000-8010:8000-8010": container port range "8000-8010" is not supported; list each port',
      4,
      13,
    ],
    [web('    restart: sometimes\n'), 'services.web.restart: "sometimes" is not a restart policy', 4, 14],
    [
      web('    pull_policy: daily\n'),
      'services.web.pull_policy: "daily" is not one of "always", "never", "missing", "build", "if_not_present"',
      4,
      18,
    ],
    [
      web('    command: "echo \'oops"\n'),
      'services.web.command: "echo \'oops": a single quote is not closed',
      4,
      14,
    ],
    [
      web('    volumes: ["data:/data"]\n'),
      'services.web.volumes[0]: named volume "data" is not declared under top-level volumes',
      4,
      15,
    ],
    [web('    volumes: ["/cache"]\n'), 'services.web.volumes[0]: anonymous volumes are not supported', 4, 15],
    [
      web('    volumes: ["./a:/a:z"]\n'),
      'services.web.volumes[0]: "./a:/a:z": mount option "z" is not supported',
      4,
      15,
    ],
    [
      web('    networks: [back]\n'),
      'services.web.networks[0]: network "back" is not declared under top-level networks',
      4,
      16,
    ],
    [
      web('    healthcheck:\n      test: [curl, -f, localhost]\n'),
      'services.web.healthcheck.test: the test list starts with "curl"',
      5,
      13,
    ],
    [web('    labels: { a: [1] }\n'), 'services.web.labels.a: expected a string, got a list', 4, 18],
    [
      'services:\n  web:\n    command: run\n',
      'services.web: the service has neither "image" nor "build"',
      3,
      5,
    ],
    [
      'services:\n  web app:\n    image: nginx\n',
      'services.web app: service name "web app" may only contain letters, digits, ".", "_" and "-"',
      2,
      3,
    ],
    ['name: Shop\n' + web(''), 'name: project name "Shop" is invalid', 1, 7],
    ['networks: {}\n', '(top level): "services" is missing', 1, 1],
    ['services: {}\n', 'services: no services are defined', 1, 11],
    ['- just\n- a list\n', '(top level): expected a mapping, got a list', 1, 1],
    ['', '(top level): the file is empty', 1, 1],
  ])('%#: %s', (content, message, line, column) => {
    const error = failure(content);
    expect(error.message).toBe(message);
    expect(error.position).toEqual({ file, line, column });
    expect(error.hint).toBeTruthy();
  });

  it('rejects a published host port on a service with several replicas', () => {
    const error = failure(web('    ports: ["8080:80"]\n    deploy: { replicas: 3 }\n'));
    expect(error).toMatchObject({
      code: 'BERTH_COMPOSE_INVALID',
      message: 'services.web.ports[0]: host port 8080 cannot be published by 3 replicas',
      position: { line: 4, column: 13 },
    });
    expect(error.hint).toContain('"80"');
  });

  it('reports a missing env_file as BERTH_FILE_NOT_FOUND at the entry', () => {
    const error = failure(web('    env_file: [.env.web]\n'));
    expect(error).toMatchObject({
      code: 'BERTH_FILE_NOT_FOUND',
      message: 'services.web.env_file[0]: env file "/srv/shop/.env.web" does not exist',
      position: { file, line: 4, column: 16 },
    });
  });

  it('rejects an invalid -p project name as a usage error', () => {
    expect(failure(web(''), { projectName: 'My App' })).toMatchObject({ code: 'BERTH_USAGE' });
  });
});

describe('loadCompose reports invalid YAML with the parser position', () => {
  it.each([
    ['services:\n  web:\n    image: nginx\n   ports: [80]\n', 4, 1],
    ['services:\n  web:\n    image: nginx\n    image: httpd\n', 4, 5],
    ['services:\n  web: { image: nginx\n', 3, 1],
    ['services: [\n', 2, 1],
  ])('%j', (content, line, column) => {
    const error = failure(content);
    expect(error.code).toBe('BERTH_COMPOSE_YAML');
    expect(error.message).toMatch(/^invalid YAML: /);
    expect(error.position).toEqual({ file, line, column });
  });

  it('rejects an unresolved tag such as !reset', () => {
    const error = failure('services:\n  web:\n    image: nginx\n    ports: !reset []\n');
    expect(error).toMatchObject({
      code: 'BERTH_COMPOSE_YAML',
      message: 'invalid YAML: Unresolved tag: !reset',
      position: { file, line: 4, column: 12 },
    });
  });

  it('stops a document whose aliases expand without bound', () => {
    const levels = ['x-0: &l0 [a, a, a, a, a, a, a, a, a, a]'];
    for (let i = 1; i <= 6; i += 1)
      levels.push(
        `x-${i}: &l${i} [${Array(10)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    const error = failure(`${levels.join('\n')}\n${web('')}`);
    expect(error.code).toBe('BERTH_COMPOSE_YAML');
    expect(error.message).toContain('expands to more than');
  });

  it('quotes the parser message without repeating the position', () => {
    expect(failure('services:\n  web:\n    image: a\n    image: b\n').message).toBe(
      'invalid YAML: Map keys must be unique',
    );
  });
});

describe('loadCompose checks depends_on', () => {
  it('rejects a dependency on an unknown service at the entry', () => {
    const error = failure(web('    depends_on: [db, cache]\n') + '  db:\n    image: postgres\n');
    expect(error).toMatchObject({
      code: 'BERTH_COMPOSE_DEPENDENCY',
      message: 'services.web.depends_on[1]: depends on unknown service "cache"',
      position: { file, line: 4, column: 22 },
      hint: 'Use one of the services defined in this file: db, web.',
    });
  });

  it('names the path of a three-service cycle', () => {
    const content = [
      'services:',
      '  c:',
      '    image: x',
      '    depends_on: [a]',
      '  a:',
      '    image: x',
      '    depends_on:',
      '      b: { condition: service_started }',
      '  b:',
      '    image: x',
      '    depends_on: [c]',
      '',
    ].join('\n');
    const error = failure(content);
    expect(error).toMatchObject({
      code: 'BERTH_COMPOSE_DEPENDENCY',
      message: 'services.a.depends_on.b: dependency cycle a -> b -> c -> a',
      position: { file, line: 8, column: 7 },
    });
  });

  it('rejects a service that depends on itself', () => {
    expect(failure(web('    depends_on: [web]\n')).message).toBe(
      'services.web.depends_on[0]: dependency cycle web -> web',
    );
  });
});
