import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import {
  loadCompose,
  topologicalOrder,
  type ComposeInput,
  type LoadedCompose,
  type ServiceSpec,
} from './index.js';

const projectDir = '/srv/shop';
const file = `${projectDir}/compose.yaml`;

function load(
  content: string,
  input: Partial<ComposeInput> & { files?: Record<string, string> } = {},
): LoadedCompose {
  const { files = {}, ...rest } = input;
  return loadCompose({
    file: { path: file, content },
    projectDir,
    environment: {},
    readFile: (path) => files[path],
    ...rest,
  });
}

function failure(content: string, input: Parameters<typeof load>[1] = {}): BerthError {
  try {
    load(content, input);
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected loadCompose to fail');
}

const defaults = {
  build: undefined,
  environment: {},
  ports: [],
  mounts: [],
  networks: { default: { aliases: [] } },
  dependsOn: {},
  readOnly: false,
  capAdd: [],
  capDrop: [],
  securityOpt: [],
  labels: {},
  replicas: 1,
  limits: {},
  reservations: {},
  restartPolicy: { condition: 'any' },
  updateConfig: {
    parallelism: 1,
    delayMs: 0,
    failureAction: 'rollback',
    monitorMs: 5000,
    maxFailureRatio: 0,
    order: 'stop-first',
  },
  stopGracePeriodMs: 10_000,
  rollout: { progressDeadlineMs: 600_000, autoRollback: true },
  probes: {},
} satisfies Partial<ServiceSpec>;

const realistic = `
name: shop
x-logging: &restart
  restart: unless-stopped
services:
  web:
    <<: *restart
    build:
      context: ./web
      args: [NODE_ENV=production]
    image: registry.example.com/shop/web:\${TAG:-latest}
    command: node server.js --port 8080
    environment:
      DATABASE_URL: postgres://shop:\${DB_PASSWORD}@db:5432/shop
      LOG_LEVEL: info
    ports: ["8080"]
    networks: [front, back]
    depends_on:
      db:
        condition: service_healthy
    deploy:
      replicas: 3
      resources:
        limits: { cpus: "0.5", memory: 512m }
        reservations: { cpus: 0.25, memory: 256M }
      update_config: { parallelism: 1, order: start-first, monitor: 10s }
    x-berth:
      readiness:
        http: { port: 8080, path: /healthz }
        period: 5s
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: \${DB_PASSWORD}
    volumes:
      - dbdata:/var/lib/postgresql/data
    networks: [back]
    healthcheck:
      test: pg_isready -U postgres
      interval: 5s
      timeout: 3s
      retries: 10
      start_period: 30s
    stop_grace_period: 1m
networks:
  front: {}
  back:
    internal: true
volumes:
  dbdata:
`;

describe('loadCompose on a realistic multi-service file', () => {
  const loaded = load(realistic, { environment: { DB_PASSWORD: 's3cret', TAG: '1.4.2' } });

  it('produces the full normalised spec', () => {
    const web: ServiceSpec = {
      ...defaults,
      name: 'web',
      image: 'registry.example.com/shop/web:1.4.2',
      build: { context: '/srv/shop/web', dockerfile: 'Dockerfile', args: { NODE_ENV: 'production' } },
      pullPolicy: 'missing',
      command: ['node', 'server.js', '--port', '8080'],
      environment: { DATABASE_URL: 'postgres://shop:s3cret@db:5432/shop', LOG_LEVEL: 'info' },
      ports: [{ target: 8080, protocol: 'tcp' }],
      networks: { front: { aliases: [] }, back: { aliases: [] } },
      dependsOn: { db: { condition: 'service_healthy', restart: false, required: true } },
      replicas: 3,
      limits: { cpus: 0.5, memoryBytes: 512 * 1024 ** 2 },
      reservations: { cpus: 0.25, memoryBytes: 256 * 1024 ** 2 },
      restartPolicy: { condition: 'any' },
      updateConfig: { ...defaults.updateConfig, order: 'start-first', monitorMs: 10_000 },
      probes: {
        readiness: {
          handler: { type: 'http', port: 8080, path: '/healthz', scheme: 'http', headers: {} },
          initialDelayMs: 0,
          periodMs: 5000,
          timeoutMs: 1000,
          successThreshold: 1,
          failureThreshold: 3,
        },
      },
    };
    const { build: _unused, ...dbDefaults } = defaults;
    const db: ServiceSpec = {
      ...dbDefaults,
      name: 'db',
      image: 'postgres:16',
      pullPolicy: 'missing',
      environment: { POSTGRES_PASSWORD: 's3cret' },
      mounts: [{ type: 'volume', source: 'dbdata', target: '/var/lib/postgresql/data', readOnly: false }],
      networks: { back: { aliases: [] } },
      healthcheck: {
        test: ['CMD-SHELL', 'pg_isready -U postgres'],
        intervalMs: 5000,
        timeoutMs: 3000,
        retries: 10,
        startPeriodMs: 30_000,
      },
      stopGracePeriodMs: 60_000,
    };
    expect(loaded.spec).toStrictEqual({
      name: 'shop',
      services: { web, db },
      networks: {
        front: { engineName: 'shop_front', external: false, internal: false, labels: {} },
        back: { engineName: 'shop_back', external: false, internal: true, labels: {} },
        default: { engineName: 'shop_default', external: false, internal: false, labels: {} },
      },
      volumes: { dbdata: { engineName: 'shop_dbdata', external: false, labels: {} } },
    });
  });

  it('reports the variables it looked up and no warnings', () => {
    expect(loaded.variablesUsed).toEqual(['DB_PASSWORD', 'TAG']);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.filesRead).toEqual([]);
  });

  it('orders the services dependencies first', () => {
    expect(topologicalOrder(loaded.spec)).toEqual(['db', 'web']);
  });

  it('returns a deep-frozen spec', () => {
    expect(Object.isFrozen(loaded.spec)).toBe(true);
    expect(Object.isFrozen(loaded.spec.services.web?.ports[0])).toBe(true);
    expect(Object.isFrozen(loaded.spec.services.web?.probes.readiness?.handler)).toBe(true);
    expect(() => {
      (loaded.spec.services.web as { replicas: number }).replicas = 9;
    }).toThrow(TypeError);
  });
});

describe('loadCompose names the project', () => {
  const minimal = 'services:\n  web:\n    image: nginx\n';

  it.each([
    [{ projectName: 'from-flag' }, `name: from-file\n${minimal}`, 'from-flag'],
    [{}, `name: from-file\n${minimal}`, 'from-file'],
    [{}, `name: \${APP:-from-var}\n${minimal}`, 'from-var'],
    [{}, minimal, 'shop'],
    [{ projectDir: '/home/me/My Shop.v2' }, minimal, 'myshopv2'],
  ])('with %j and the file %j as %j', (input, content, expected) => {
    expect(load(content, input).spec.name).toBe(expected);
  });

  it('defaults the image of a build-only service to <project>-<service> and pulls by building', () => {
    const web = load('services:\n  Web:\n    build: .\n').spec.services.Web;
    expect(web).toMatchObject({ image: 'shop-web', pullPolicy: 'build', build: { context: '/srv/shop' } });
  });
});

describe('loadCompose top-level keys', () => {
  it('accepts version with the obsolete warning', () => {
    const loaded = load('version: "3.8"\nservices:\n  web:\n    image: nginx\n');
    expect(loaded.warnings).toEqual([
      'version: the attribute "version" is obsolete, it will be ignored; remove it to avoid confusion',
    ]);
  });

  it('always defines the default network and keeps a customised one', () => {
    const loaded = load(
      'services:\n  web:\n    image: nginx\nnetworks:\n  default:\n    driver: bridge\n    labels: [team=shop]\n',
    );
    expect(loaded.spec.networks).toEqual({
      default: {
        engineName: 'shop_default',
        external: false,
        internal: false,
        driver: 'bridge',
        labels: { team: 'shop' },
      },
    });
  });

  it('uses the given name or the key for external networks and volumes', () => {
    const loaded = load(
      [
        'services:',
        '  web:',
        '    image: nginx',
        '    networks: [proxy, edge]',
        '    volumes: [certs:/certs:ro, cache:/cache]',
        'networks:',
        '  proxy: { external: true, name: traefik_proxy }',
        '  edge: { external: true }',
        'volumes:',
        '  certs: { external: true, name: letsencrypt }',
        '  cache: { driver: local, labels: { keep: "yes" } }',
        '',
      ].join('\n'),
    );
    expect(loaded.spec.networks.proxy).toEqual({
      engineName: 'traefik_proxy',
      external: true,
      internal: false,
      labels: {},
    });
    expect(loaded.spec.networks.edge?.engineName).toBe('edge');
    expect(loaded.spec.volumes).toEqual({
      certs: { engineName: 'letsencrypt', external: true, labels: {} },
      cache: { engineName: 'shop_cache', external: false, driver: 'local', labels: { keep: 'yes' } },
    });
  });

  it('rejects settings Berth cannot apply to an external volume', () => {
    const error = failure(
      'services:\n  web:\n    image: nginx\nvolumes:\n  certs: { external: true, driver: local }\n',
    );
    expect(error).toMatchObject({ code: 'BERTH_COMPOSE_INVALID', position: { line: 5, column: 36 } });
  });

  it('resolves YAML merge keys, letting explicit keys win', () => {
    const loaded = load(
      [
        'x-base: &base',
        '  image: nginx',
        '  environment: { A: from-base }',
        'x-more: &more',
        '  user: "1000"',
        'services:',
        '  web:',
        '    <<: [*base, *more]',
        '    environment: { A: explicit }',
        '',
      ].join('\n'),
    );
    expect(loaded.spec.services.web).toMatchObject({
      image: 'nginx',
      user: '1000',
      environment: { A: 'explicit' },
    });
  });
});

describe('loadCompose interpolation', () => {
  const content =
    'services:\n  web:\n    image: "nginx:${TAG}"\n    environment:\n      A: ${A}\n      B: $${NOT_ME}\n';

  it('resolves from the environment before the project .env file', () => {
    const loaded = load(content, {
      environment: { TAG: 'from-shell' },
      files: { '/srv/shop/.env': 'TAG=from-dotenv\nA=only-in-dotenv\n' },
    });
    expect(loaded.spec.services.web?.image).toBe('nginx:from-shell');
    expect(loaded.spec.services.web?.environment).toEqual({ A: 'only-in-dotenv', B: '${NOT_ME}' });
    expect(loaded.filesRead).toEqual(['/srv/shop/.env']);
    expect(loaded.variablesUsed).toEqual(['A', 'TAG']);
  });

  it('treats an undefined environment entry as unset', () => {
    const loaded = load(content, {
      environment: { TAG: undefined },
      files: { '/srv/shop/.env': 'TAG=dotenv' },
    });
    expect(loaded.spec.services.web?.image).toBe('nginx:dotenv');
  });

  it('substitutes an empty string for an unset variable and warns once per variable', () => {
    const loaded = load('services:\n  web:\n    image: "nginx${TAG}"\n    labels: { a: "$TAG" }\n');
    expect(loaded.spec.services.web?.image).toBe('nginx');
    expect(loaded.warnings).toEqual([
      'variable "TAG" is not set; substituting an empty string (services.web.image)',
    ]);
  });

  it('does not interpolate keys or x-* extensions', () => {
    const loaded = load(
      'x-doc: ${UNDOCUMENTED:?never}\nservices:\n  web:\n    image: nginx\n    labels:\n      $KEY: v\n',
    );
    expect(loaded.spec.services.web?.labels).toEqual({ $KEY: 'v' });
    expect(loaded.variablesUsed).toEqual([]);
  });

  it('casts interpolated numbers and booleans by position', () => {
    const loaded = load(
      'services:\n  web:\n    image: nginx\n    read_only: ${RO}\n    deploy:\n      replicas: ${N:-2}\n',
      {
        environment: { RO: 'true' },
      },
    );
    expect(loaded.spec.services.web).toMatchObject({ readOnly: true, replicas: 2 });
  });

  it('fails on ${VAR:?message} with the position of the value', () => {
    const error = failure('services:\n  web:\n    image: nginx:${TAG:?set TAG to the release}\n');
    expect(error).toMatchObject({
      code: 'BERTH_COMPOSE_INTERPOLATION',
      message: 'services.web.image: required variable TAG is missing a value: set TAG to the release',
      position: { file, line: 3, column: 12 },
    });
  });

  it('fails on a malformed ${ with the position of the value', () => {
    const error = failure('services:\n  web:\n    image: nginx\n    environment:\n      - URL=${HOST\n');
    expect(error).toMatchObject({
      code: 'BERTH_COMPOSE_INTERPOLATION',
      message:
        'services.web.environment[0]: invalid interpolation format in "URL=${HOST": missing closing "}"',
      position: { file, line: 5, column: 9 },
    });
  });

  it('reports errors in the .env file at their position in that file', () => {
    const error = failure('services:\n  web:\n    image: nginx\n', {
      files: { '/srv/shop/.env': 'A=1\nB="open\n' },
    });
    expect(error).toMatchObject({
      code: 'BERTH_COMPOSE_INVALID',
      position: { file: '/srv/shop/.env', line: 2, column: 3 },
    });
  });
});
