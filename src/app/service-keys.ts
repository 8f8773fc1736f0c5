/** Service keys Berth understands (Compose Specification, "Services top-level element"). */
export const serviceKeys = [
  'image',
  'build',
  'pull_policy',
  'command',
  'entrypoint',
  'environment',
  'env_file',
  'ports',
  // `expose` only documents ports: on a user-defined bridge network every port is reachable from the
  // other services anyway, so it has no runtime effect and is accepted without a warning.
  'expose',
  'volumes',
  'tmpfs',
  'networks',
  'healthcheck',
  'depends_on',
  'user',
  'working_dir',
  'read_only',
  'cap_add',
  'cap_drop',
  'security_opt',
  'labels',
  'stop_grace_period',
  'stop_signal',
  'init',
  'cpuset',
  'restart',
  'deploy',
  'x-berth',
] as const;

const supported = `supported service keys are: ${serviceKeys.join(', ')}`;

/** Fixes for unsupported service keys that people commonly use. */
export const unsupportedServiceKeyHints: Readonly<Record<string, string>> = {
  privileged:
    'Berth does not run privileged containers (least privilege): grant only the capabilities the service needs, e.g. cap_add: [NET_ADMIN].',
  container_name:
    'Remove container_name: Berth names containers itself so replicas and rollouts do not collide; other services reach this one by its service name.',
  network_mode: 'Remove network_mode and attach the service to networks declared under top-level networks.',
  links:
    'Remove links: services on a shared network reach each other by service name (use networks aliases for extra names).',
  scale: 'Use deploy.replicas instead of scale.',
  devices: `Remove devices: Berth does not pass host devices into containers; ${supported}.`,
  secrets: `Top-level and service secrets are not supported yet; pass secrets through environment or env_file. ${supported}.`,
  configs: `Configs are not supported yet; bind-mount the file with volumes instead. ${supported}.`,
};
