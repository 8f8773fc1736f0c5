import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkKubernetes } from './check-kubernetes.js';
import { kubernetesRules, podSecurityRuleIds } from './kubernetes-rules.js';
import { podSecurityChecks } from './pod-security/index.js';

/** A container that breaks no rule at the restricted level and gets no reliability advice. */
const goodContainer = {
  name: 'app',
  image: 'ghcr.io/acme/api:1.4.2',
  imagePullPolicy: 'Always',
  livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
  readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
};

const goodPodSpec = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [goodContainer],
};

function deployment(container: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api' },
    spec: {
      replicas: 3,
      template: { spec: { ...goodPodSpec, containers: [{ ...goodContainer, ...container }] } },
      ...spec,
    },
  });
}

/** The 1-based line of the first line containing `needle`. */
const lineOf = (text: string, needle: string): number =>
  text.split('\n').findIndex((line) => line.includes(needle)) + 1;

const rulesOf = (text: string, options = {}): string[] =>
  checkKubernetes(text, 'k8s.yaml', options).map((finding) => finding.rule);

describe('checkKubernetes', () => {
  it('reports nothing for a hardened, well-configured Deployment', () => {
    expect(checkKubernetes(deployment(), 'k8s.yaml')).toEqual([]);
  });

  it.each([
    ['Pod', 'spec:', '  containers:'],
    ['Deployment', 'spec:\n  replicas: 2\n  template:\n    spec:', '      containers:'],
    ['StatefulSet', 'spec:\n  template:\n    spec:', '      containers:'],
    ['DaemonSet', 'spec:\n  template:\n    spec:', '      containers:'],
    ['ReplicaSet', 'spec:\n  template:\n    spec:', '      containers:'],
    ['ReplicationController', 'spec:\n  template:\n    spec:', '      containers:'],
    ['Job', 'spec:\n  template:\n    spec:', '      containers:'],
    ['CronJob', 'spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:', '          containers:'],
  ])('finds the pod of a %s and points at the offending key', (kind, specLines, containersLine) => {
    const indent = containersLine.replace('containers:', '');
    const text = [
      `kind: ${kind}`,
      'metadata:',
      '  name: w',
      specLines,
      containersLine,
      `${indent}  - name: app`,
      `${indent}    securityContext:`,
      `${indent}      privileged: true`,
      '',
    ].join('\n');
    const privileged = checkKubernetes(text, 'k8s.yaml').filter((finding) => finding.rule === 'BK103');
    expect(privileged).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'privileged: true'),
        column: indent.length + 7,
        resource: `${kind}/w`,
        reference: 'PSS privileged',
        severity: 'critical',
      }),
    ]);
  });

  it('checks every document of a stream and the items of a List, skipping other kinds', () => {
    const text = [
      stringify({ kind: 'Service', metadata: { name: 'svc' }, spec: { ports: [{ port: 80 }] } }),
      '---',
      stringify({
        kind: 'Pod',
        metadata: { name: 'a', namespace: 'prod' },
        spec: { hostPID: true, containers: [] },
      }),
      '---',
      stringify({
        kind: 'List',
        items: [{ kind: 'Pod', metadata: { name: 'b' }, spec: { hostIPC: true, containers: [] } }],
      }),
    ].join('\n');
    const hostNamespaces = checkKubernetes(text, 'k8s.yaml').filter((finding) => finding.rule === 'BK102');
    expect(hostNamespaces.map((finding) => [finding.resource, finding.message, finding.line])).toEqual([
      ['Pod/prod/a', 'pod must not set hostPID=true', lineOf(text, 'hostPID: true')],
      ['Pod/b', 'pod must not set hostIPC=true', lineOf(text, 'hostIPC: true')],
    ]);
  });

  it('reports the restricted rules only at the restricted level', () => {
    const text = deployment({ securityContext: {} });
    expect(rulesOf(text, { level: 'restricted' })).toEqual(['BK202', 'BK206']);
    expect(rulesOf(text, { level: 'baseline' })).toEqual([]);
  });

  it('evaluates at the requested policy version', () => {
    const text = deployment({ livenessProbe: { httpGet: { host: 'example.com', port: 80 } } });
    expect(rulesOf(text, { version: 'v1.33' })).toEqual([]);
    expect(rulesOf(text, { version: 'v1.34' })).toEqual(['BK112']);
  });

  it('reads AppArmor annotations from the pod template metadata', () => {
    const text = stringify({
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: {
        replicas: 2,
        template: {
          metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } },
          spec: goodPodSpec,
        },
      },
    });
    expect(checkKubernetes(text, 'k8s.yaml')).toEqual([
      expect.objectContaining({
        rule: 'BK107',
        line: lineOf(text, 'container.apparmor'),
        column: 9,
        resource: 'Deployment/api',
      }),
    ]);
  });

  it('points a missing field at the nearest key that exists', () => {
    const text = 'kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: a:1\n';
    const runAsNonRoot = checkKubernetes(text, 'k8s.yaml').filter((finding) => finding.rule === 'BK203');
    expect(runAsNonRoot.map((finding) => [finding.line, finding.column])).toEqual([[6, 7]]);
  });

  it.each([
    ['BK301', deployment({ livenessProbe: undefined })],
    ['BK302', deployment({ readinessProbe: undefined })],
    ['BK303', deployment({ resources: { limits: { memory: '1Gi' } } })],
    ['BK303', deployment({ resources: { requests: { cpu: '1' }, limits: { memory: '1Gi' } } })],
    ['BK304', deployment({ resources: { requests: { cpu: '1', memory: '1Gi' } } })],
    ['BK305', deployment({}, { replicas: 1 })],
    ['BK305', deployment({}, { replicas: undefined })],
    ['BK306', deployment({ image: 'nginx' })],
    ['BK306', deployment({ image: 'nginx:latest' })],
    ['BK307', deployment({ imagePullPolicy: 'IfNotPresent' })],
    ['BK307', deployment({ imagePullPolicy: undefined })],
  ])('gives reliability advice %s', (rule, text) => {
    expect(rulesOf(text)).toContain(rule);
  });

  it.each([
    [
      'BK301',
      stringify({ kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: goodPodSpec } } }).replace(
        / {6}livenessProbe:\n.*\n.*\n.*\n/,
        '',
      ),
    ],
    [
      'BK305',
      stringify({
        kind: 'StatefulSet',
        metadata: { name: 's' },
        spec: { replicas: 1, template: { spec: goodPodSpec } },
      }),
    ],
    [
      'BK306',
      deployment({ image: 'nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31' }),
    ],
    [
      'BK307',
      deployment({
        image: 'nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
        imagePullPolicy: undefined,
      }),
    ],
    ['BK307', deployment({ image: 'nginx:latest', imagePullPolicy: undefined })],
  ])('does not give advice %s where it does not apply', (rule, text) => {
    expect(rulesOf(text)).not.toContain(rule);
  });

  it('reports a wrongly typed pod field as BK001 and skips that workload', () => {
    const text =
      'kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      securityContext:\n        privileged: "yes"\n';
    expect(checkKubernetes(text, 'k8s.yaml')).toEqual([
      expect.objectContaining({
        rule: 'BK001',
        line: 8,
        column: 9,
        message:
          'spec.containers[0].securityContext.privileged: Invalid input: expected boolean, received string',
      }),
    ]);
  });

  it('reports invalid YAML as BK001 and still checks the other documents', () => {
    const text = 'kind: Pod\nspec: {hostNetwork: true, containers: []}\n---\nkind: [\n';
    expect(rulesOf(text, { level: 'baseline' })).toEqual(['BK102', 'BK001']);
  });

  it('rejects an invalid policy version', () => {
    expect(() => checkKubernetes('kind: Pod\n', 'k8s.yaml', { version: 'v2' })).toThrow(
      /pod security version "v2"/,
    );
  });
});

describe('kubernetesRules', () => {
  it('has unique BKnnn IDs, each with a title and a fix', () => {
    const ids = kubernetesRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of kubernetesRules) {
      expect(rule.id).toMatch(/^BK\d{3}$/);
      expect(rule.fix).not.toBe('');
    }
  });

  it('has one rule per Pod Security check, referencing it by name', () => {
    for (const check of podSecurityChecks) {
      const rule = kubernetesRules.find((candidate) => candidate.id === podSecurityRuleIds[check.id]);
      expect(rule && 'reference' in rule ? rule.reference : undefined).toBe(`PSS ${check.id}`);
      expect(rule?.id.startsWith(check.level === 'baseline' ? 'BK1' : 'BK2')).toBe(true);
    }
  });
});
