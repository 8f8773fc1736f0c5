import type Docker from 'dockerode';
import type { ResourcesSpec } from '../spec/index.js';
import { buildStepScript } from './step-script.js';

/** Where the workspace is mounted in every run step, and the step's working directory. */
export const workspaceMountPath = '/workspace';

/**
 * Capabilities removed from Docker's default set. Kept: CHOWN, DAC_OVERRIDE, FOWNER, FSETID, SETUID,
 * SETGID, KILL, NET_BIND_SERVICE, which package managers need (`npm ci` and `apt-get` change owners
 * and drop to other users). Removed: raw sockets (ARP/ICMP spoofing on the run network), device nodes,
 * file capabilities, capability transfer, chroot and audit writes, which no build needs.
 */
export const droppedCapabilities = [
  'NET_RAW',
  'MKNOD',
  'SETFCAP',
  'SETPCAP',
  'SYS_CHROOT',
  'AUDIT_WRITE',
] as const;

/** A cache volume and where it is mounted. */
export interface CacheMount {
  readonly volume: string;
  readonly path: string;
}

export interface ContainerSpecInput {
  readonly name: string;
  readonly image: string;
  readonly entrypoint?: readonly string[];
  readonly commands: readonly string[];
  readonly env: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** From the step or service; `defaults` when absent. */
  readonly resources?: ResourcesSpec;
  readonly defaults: ResourcesSpec;
  readonly maxResources?: ResourcesSpec;
  readonly pidsLimit: number;
  readonly stopGraceSeconds: number;
  /** The run network, joined with `aliases` (a service's name). */
  readonly network: string;
  readonly aliases?: readonly string[];
  /** Host folder bind-mounted at `/workspace` (run steps; services get none). */
  readonly workspaceDir?: string;
  readonly caches?: readonly CacheMount[];
}

/** Engine API `HostConfig` limits: CPU in nano-CPUs, memory in bytes and no swap beyond it. */
export function resourceLimits(
  resources: ResourcesSpec | undefined,
  defaults: ResourcesSpec,
  max?: ResourcesSpec,
): { NanoCpus: number; Memory: number; MemorySwap: number } {
  const wanted = resources ?? defaults;
  const cpus = Math.min(wanted.cpus, max?.cpus ?? Infinity);
  const memory = Math.min(wanted.memoryBytes, max?.memoryBytes ?? Infinity);
  // MemorySwap is memory + swap; equal values forbid swap, so a build cannot thrash the host's disk.
  return { NanoCpus: Math.round(cpus * 1e9), Memory: Math.round(memory), MemorySwap: Math.round(memory) };
}

/**
 * How the container runs its commands: without `entrypoint`, `/bin/sh -c <script>`; with one, the
 * entrypoint gets the script as its argument (`entrypoint: [/bin/bash, -c]`), or nothing when there
 * are no commands; with neither, the image's own entrypoint and command.
 */
export function containerCommand(
  entrypoint: readonly string[] | undefined,
  commands: readonly string[],
): { Entrypoint?: string[]; Cmd?: string[] } {
  const script = commands.length === 0 ? [] : [buildStepScript(commands)];
  if (entrypoint !== undefined) return { Entrypoint: [...entrypoint], Cmd: script };
  if (commands.length === 0) return {};
  return { Entrypoint: ['/bin/sh', '-c'], Cmd: script };
}

/**
 * The Engine API create body of a step or service container. Pure. Least privilege that still lets
 * builds work: no new privileges (setuid binaries cannot gain capabilities), a smaller capability set,
 * a process limit, CPU and memory limits, an init process so SIGTERM stops the step at once, and no
 * log driver, so unmasked output is never written to the engine's disk (the runner masks the attach
 * stream instead).
 */
export function buildContainerSpec(input: ContainerSpecInput): Docker.ContainerCreateOptions {
  // `Mounts` rather than `Binds`: a host path with a `:` cannot be written in the `Binds` syntax.
  const workspace =
    input.workspaceDir === undefined
      ? []
      : [{ Type: 'bind' as const, Source: input.workspaceDir, Target: workspaceMountPath }];
  const caches = (input.caches ?? []).map((cache) => ({
    Type: 'volume' as const,
    Source: cache.volume,
    Target: cache.path,
  }));
  const mounts = [...workspace, ...caches];
  return {
    name: input.name,
    Image: input.image,
    ...containerCommand(input.entrypoint, input.commands),
    Env: [...input.env],
    Labels: { ...input.labels },
    ...(input.workspaceDir === undefined ? {} : { WorkingDir: workspaceMountPath }),
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    OpenStdin: false,
    StopTimeout: input.stopGraceSeconds,
    HostConfig: {
      ...resourceLimits(input.resources, input.defaults, input.maxResources),
      PidsLimit: input.pidsLimit,
      Init: true,
      Privileged: false,
      SecurityOpt: ['no-new-privileges'],
      CapDrop: [...droppedCapabilities],
      NetworkMode: input.network,
      RestartPolicy: { Name: 'no' },
      LogConfig: { Type: 'none', Config: {} },
      ...(mounts.length === 0 ? {} : { Mounts: mounts }),
    },
    NetworkingConfig: {
      EndpointsConfig: {
        [input.network]: input.aliases === undefined ? {} : { Aliases: [...input.aliases] },
      },
    },
  };
}
