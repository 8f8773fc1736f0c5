import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkCompose } from './check-compose.js';
import { composeRules } from './compose-rules.js';

/** A service that breaks no rule; each case changes a few keys of it. */
const hardened = {
  image: 'nginx:1.27',
  user: '10001:10001',
  read_only: true,
  cap_drop: ['ALL'],
  security_opt: ['no-new-privileges:true'],
  mem_limit: '256m',
  cpus: 0.5,
  pids_limit: 100,
  healthcheck: { test: ['CMD', 'true'] },
};

function rulesFor(overrides: Record<string, unknown>): string[] {
  const text = stringify({ services: { web: { ...hardened, ...overrides } } });
  return checkCompose(text, 'compose.yaml').map((finding) => finding.rule);
}

describe('checkCompose', () => {
  it('reports nothing for a hardened service', () => {
    expect(checkCompose(stringify({ services: { web: hardened } }), 'compose.yaml')).toEqual([]);
  });

  it.each([
    ['BC101', { privileged: true }],
    ['BC101', { privileged: 'true' }],
    ['BC102', { cap_add: ['SYS_ADMIN'] }],
    ['BC102', { cap_add: ['CAP_NET_ADMIN'] }],
    ['BC102', { cap_add: ['all'] }],
    ['BC103', { cap_add: ['CHOWN'] }],
    ['BC104', { cap_drop: ['NET_RAW'] }],
    ['BC104', { cap_drop: undefined }],
    ['BC105', { security_opt: [] }],
    ['BC105', { security_opt: ['no-new-privileges:false'] }],
    ['BC106', { user: undefined }],
    ['BC106', { user: 'root' }],
    ['BC106', { user: 0 }],
    ['BC106', { user: '0:0' }],
    ['BC201', { network_mode: 'host' }],
    ['BC202', { pid: 'host' }],
    ['BC203', { ipc: 'host' }],
    ['BC204', { uts: 'host' }],
    ['BC205', { userns_mode: 'host' }],
    ['BC301', { volumes: ['/var/run/docker.sock:/var/run/docker.sock:ro'] }],
    ['BC301', { volumes: [{ type: 'bind', source: '/run/docker.sock', target: '/var/run/docker.sock' }] }],
    ['BC301', { volumes: ['~/.docker/run/docker.sock:/var/run/docker.sock'] }],
    ['BC301', { volumes: ['${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock'] }],
    ['BC302', { volumes: ['/etc:/host/etc'] }],
    ['BC302', { volumes: ['/:/host'] }],
    ['BC302', { volumes: ['/etc/:/host/etc:rw'] }],
    ['BC302', { volumes: [{ type: 'bind', source: '/proc', target: '/host/proc' }] }],
    ['BC302', { volumes: ['/sys/fs/cgroup:/sys/fs/cgroup'] }],
    ['BC303', { volumes: ['/etc:/host/etc:ro'] }],
    ['BC303', { volumes: [{ type: 'bind', source: '/usr', target: '/host/usr', read_only: true }] }],
    ['BC304', { devices: ['/dev/fuse:/dev/fuse'] }],
    ['BC305', { volumes: ['/srv/data:/data:rshared'] }],
    [
      'BC305',
      { volumes: [{ type: 'bind', source: '/srv', target: '/srv', bind: { propagation: 'shared' } }] },
    ],
    ['BC401', { security_opt: ['no-new-privileges:true', 'seccomp:unconfined'] }],
    ['BC401', { security_opt: ['no-new-privileges:true', 'seccomp=unconfined'] }],
    ['BC402', { security_opt: ['no-new-privileges:true', 'apparmor=unconfined'] }],
    ['BC403', { security_opt: ['no-new-privileges:true', 'label:disable'] }],
    ['BC501', { read_only: false }],
    ['BC501', { read_only: undefined }],
    ['BC502', { mem_limit: undefined }],
    ['BC502', { mem_limit: 0 }],
    ['BC503', { cpus: undefined }],
    ['BC504', { pids_limit: -1 }],
    ['BC504', { pids_limit: undefined }],
    ['BC505', { healthcheck: undefined }],
    ['BC506', { healthcheck: { disable: true } }],
    ['BC506', { healthcheck: { test: ['NONE'] } }],
    ['BC601', { ports: ['8080:80'] }],
    ['BC601', { ports: ['80'] }],
    ['BC601', { ports: [80] }],
    ['BC601', { ports: ['0.0.0.0:8080:80/udp'] }],
    ['BC601', { ports: [{ target: 80, published: 8080 }] }],
    ['BC602', { image: 'nginx' }],
    ['BC602', { image: 'nginx:latest' }],
    ['BC602', { image: 'registry:5000/team/app' }],
    ['BC603', { environment: { DB_PASSWORD: 'hunter2' } }],
    ['BC603', { environment: ['API_KEY=abc123'] }],
    ['BC603', { environment: { GITHUB_TOKEN: 12345 } }],
  ])('reports %s for %j', (rule, overrides) => {
    expect(rulesFor(overrides)).toContain(rule);
  });

  it.each([
    ['BC101', { privileged: false }],
    ['BC102', { cap_add: ['NET_BIND_SERVICE'] }],
    ['BC104', { cap_drop: ['all'] }],
    ['BC105', { security_opt: ['no-new-privileges'] }],
    ['BC105', { security_opt: ['no-new-privileges=true'] }],
    ['BC106', { user: '1000' }],
    ['BC106', { user: 'app:app' }],
    ['BC201', { network_mode: 'bridge' }],
    ['BC202', { pid: 'service:db' }],
    ['BC203', { ipc: 'shareable' }],
    ['BC301', { volumes: ['./docker.sock.txt:/data/docker.sock.txt'] }],
    ['BC302', { volumes: ['/srv/app:/app', 'data:/etc', '/etc/localtime:/etc/localtime'] }],
    ['BC302', { volumes: ['/etc:/host/etc:ro'] }],
    ['BC303', { volumes: ['/etc:/host/etc'] }],
    ['BC303', { volumes: [{ type: 'volume', source: 'etc', target: '/etc', read_only: true }] }],
    ['BC304', { devices: [] }],
    ['BC305', { volumes: ['/srv/data:/data:rslave'] }],
    ['BC401', { security_opt: ['no-new-privileges:true', 'seccomp=/etc/docker/seccomp.json'] }],
    ['BC402', { security_opt: ['no-new-privileges:true', 'apparmor:docker-default'] }],
    ['BC403', { security_opt: ['no-new-privileges:true', 'label:type:svirt_apache_t'] }],
    ['BC502', { mem_limit: undefined, deploy: { resources: { limits: { memory: '512M' } } } }],
    ['BC503', { cpus: undefined, deploy: { resources: { limits: { cpus: '0.5' } } } }],
    ['BC503', { cpus: undefined, cpu_shares: 512 }],
    ['BC504', { pids_limit: undefined, deploy: { resources: { limits: { pids: 50 } } } }],
    ['BC506', { healthcheck: { test: 'curl -f http://localhost/' } }],
    ['BC601', { ports: ['127.0.0.1:8080:80', '[::1]:8443:443'] }],
    ['BC601', { ports: [{ target: 80, published: 8080, host_ip: '127.0.0.1' }] }],
    ['BC601', { network_mode: 'host', ports: ['8080:80'] }],
    ['BC602', { image: 'nginx:1.27-alpine' }],
    ['BC602', { image: 'nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31' }],
    ['BC602', { image: '${IMAGE}' }],
    ['BC602', { image: undefined, build: '.' }],
    ['BC603', { environment: { DB_PASSWORD: '${DB_PASSWORD}' } }],
    ['BC603', { environment: ['API_KEY', 'SECRET=$SECRET'] }],
    ['BC603', { environment: { POSTGRES_PASSWORD_FILE: '/run/secrets/db', KEYCLOAK_URL: 'http://kc' } }],
    [
      'BC603',
      { environment: { TOKEN_REFRESH_ENABLED: 'true', API_KEY: '', PUBLIC_KEY: 'ssh-ed25519 AAAA' } },
    ],
  ])('does not report %s for %j', (rule, overrides) => {
    expect(rulesFor(overrides)).not.toContain(rule);
  });

  it('points each finding at the offending key, sequence item or service', () => {
    const text = [
      'x-defaults: &defaults',
      '  privileged: true',
      'services:',
      '  web:',
      '    <<: *defaults',
      '    image: nginx:latest',
      '    cap_add:',
      '      - SYS_ADMIN',
      '    volumes:',
      '      - type: bind',
      '        source: /var/run/docker.sock',
      '        target: /var/run/docker.sock',
      '',
    ].join('\n');
    const at = (rule: string): [number, number][] =>
      checkCompose(text, 'compose.yaml')
        .filter((finding) => finding.rule === rule)
        .map((finding) => [finding.line, finding.column]);
    expect(at('BC101')).toEqual([[2, 3]]); // in the anchor the service merges
    expect(at('BC602')).toEqual([[6, 5]]);
    expect(at('BC102')).toEqual([[8, 9]]);
    expect(at('BC301')).toEqual([[10, 9]]);
    expect(at('BC502')).toEqual([[4, 3]]); // missing key: the service name
  });

  it('fills the finding from the rule catalogue and names the service', () => {
    const [finding] = checkCompose(
      'services:\n  api:\n    <<: {}\n    pid: host\n',
      'deploy/compose.yaml',
    ).filter((candidate) => candidate.rule === 'BC202');
    expect(finding).toEqual({
      rule: 'BC202',
      severity: 'high',
      title: "Service shares the host's process namespace",
      message: 'service "api" sets pid: host and shares the host\'s process namespace',
      file: 'deploy/compose.yaml',
      line: 4,
      column: 5,
      resource: 'service/api',
      reference: 'CIS 5.16',
      fix: expect.stringContaining('pid: host'),
    });
  });

  it('masks secret values in messages', () => {
    const text = stringify({
      services: { db: { ...hardened, environment: { POSTGRES_PASSWORD: 's3cr3t-Pa55' } } },
      // the list form too
      'x-other': {},
    });
    const listText = stringify({
      services: { db: { ...hardened, environment: ['STRIPE_KEY=sk_live_abcdef'] } },
    });
    const findings = [...checkCompose(text, 'a.yaml'), ...checkCompose(listText, 'b.yaml')];
    const secrets = findings.filter((finding) => finding.rule === 'BC603');
    expect(secrets.map((finding) => finding.message)).toEqual([
      'service "db" sets POSTGRES_PASSWORD="********" as a literal value in the Compose file',
      'service "db" sets STRIPE_KEY="********" as a literal value in the Compose file',
    ]);
    const everything = JSON.stringify(findings);
    expect(everything).not.toContain('s3cr3t');
    expect(everything).not.toContain('sk_live');
  });

  it('reports invalid YAML as BC001 at the error position and checks nothing else', () => {
    const findings = checkCompose('services:\n  web:\n    image: a\n    image: b\n', 'compose.yaml');
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'BC001', message: 'Map keys must be unique', line: 4, column: 5 }),
    ]);
  });

  it('reports an alias bomb as BC001 instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level <= 9; level += 1) {
      lines.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(', ')}]`,
      );
    }
    lines.push('services:', '  web:', '    image: *j');
    const findings = checkCompose(lines.join('\n'), 'compose.yaml');
    expect(findings.map((finding) => finding.rule)).toEqual(['BC001']);
  });

  it.each([[''], ['just a string'], ['services: []'], ['version: "3"']])(
    'reports nothing when %j has no services map',
    (text) => {
      expect(checkCompose(text, 'compose.yaml')).toEqual([]);
    },
  );

  it('sorts findings by position', () => {
    const findings = checkCompose(
      stringify({ services: { b: { image: 'x' }, a: { image: 'y' } } }),
      'c.yaml',
    );
    const positions = findings.map((finding) => finding.line * 1000 + finding.column);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
  });
});

describe('composeRules', () => {
  it('has unique BCnnn IDs, each with a title and a fix', () => {
    const ids = composeRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of composeRules) {
      expect(rule.id).toMatch(/^BC\d{3}$/);
      expect(rule.title).not.toBe('');
      expect(rule.fix).not.toBe('');
    }
  });

  it('maps every runtime rule to a CIS Docker Benchmark control, except image tags and secrets', () => {
    const withoutCis = composeRules.filter(
      (rule) => !('reference' in rule) || !rule.reference.startsWith('CIS '),
    );
    expect(withoutCis.map((rule) => rule.id)).toEqual(['BC001', 'BC602', 'BC603']);
  });
});
