import Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { BerthError } from '../errors/index.js';
import { engineMessage, engineStatus, toEngineError } from './engine-errors.js';
import type {
  ContainerStatsSample,
  CreateContainerSpec,
  EngineEvent,
  HostResources,
  ImageRef,
  ManagedContainer,
  ProgressListener,
} from './engine-types.js';
import { FrameDecoder, type LogFrame } from './frame-decoder.js';
import { labelKeys } from './labels.js';
import { healthOf, toManagedContainer } from './managed-container.js';
import { buildImage, pullImage } from './image-transfer.js';
import { ndjsonLines, readStream } from './stream-reading.js';
import { watchContainerEvents } from './watch-events.js';

/** Builds dockerode's connection options from DOCKER_HOST syntax (unix path/URL or tcp://host:port). */
function connection(dockerHost: string): Docker.DockerOptions {
  if (dockerHost.startsWith('tcp://') || dockerHost.startsWith('http://')) {
    const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375), protocol: 'http' };
  }
  return { socketPath: dockerHost.replace(/^unix:\/\//, '') };
}

/**
 * Berth's typed door to one Docker Engine (dockerode underneath). Every failure becomes a BerthError;
 * "already exists" and "already gone" are treated as success so callers stay idempotent.
 */
export class DockerEngine {
  readonly dockerHost: string;
  readonly #docker: Docker;
  /** Label filter selecting only this installation's objects. */
  readonly #owned: string;
  readonly #instance: string;
  /** Inspect results keyed by container id + state summary, so an idle resync costs one list call. */
  readonly #inspectCache = new Map<string, { key: string; value: Docker.ContainerInspectInfo }>();
  readonly #capacity: Partial<HostResources>;

  /**
   * @param instance id of this Berth installation; every object created is labelled with it and only
   * objects carrying it are listed, so two installations (or a reset BERTH_HOME) never touch each other's.
   * @param options.capacity what hostResources() reports instead of the engine's NCPU / MemTotal
   * (BERTH_CAPACITY_CPUS, BERTH_CAPACITY_MEMORY: keep room for other software, or test preemption).
   */
  constructor(dockerHost: string, instance: string, options: { capacity?: Partial<HostResources> } = {}) {
    this.dockerHost = dockerHost;
    this.#capacity = options.capacity ?? {};
    this.#instance = instance;
    this.#owned = `${labelKeys.instance}=${instance}`;
    this.#docker = new Docker(connection(dockerHost));
  }

  /** The id every object of this installation is labelled with. */
  get instance(): string {
    return this.#instance;
  }

  /**
   * The raw client, for subsystems that manage their own kinds of objects with their own labels
   * (pipeline step containers must never look like app replicas).
   */
  get client(): Docker {
    return this.#docker;
  }

  #labels(labels: Record<string, string>): Record<string, string> {
    return { ...labels, [labelKeys.managed]: 'true', [labelKeys.instance]: this.#instance };
  }

  async #call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toEngineError(error, what, this.dockerHost);
    }
  }

  async ping(): Promise<void> {
    await this.#call('ping', () => this.#docker.ping());
  }

  async version(): Promise<{ version: string; apiVersion: string }> {
    const v = await this.#call('version', () => this.#docker.version());
    return { version: v.Version, apiVersion: v.ApiVersion };
  }

  async hostResources(): Promise<HostResources> {
    const info = (await this.#call('info', () => this.#docker.info())) as { NCPU: number; MemTotal: number };
    return {
      cpus: this.#capacity.cpus ?? info.NCPU,
      memoryBytes: this.#capacity.memoryBytes ?? info.MemTotal,
    };
  }

  /** Every container with Berth's labels, optionally of one app. */
  async listManaged(app?: string): Promise<ManagedContainer[]> {
    const label = [this.#owned, ...(app === undefined ? [] : [`${labelKeys.app}=${app}`])];
    const infos = await this.#call('list containers', () =>
      this.#docker.listContainers({ all: true, filters: { label } }),
    );
    const live = new Set(infos.map((i) => i.Id));
    for (const id of this.#inspectCache.keys()) if (!live.has(id)) this.#inspectCache.delete(id);
    const result = await Promise.all(infos.map((info) => this.#observe(info)));
    return result.filter((c): c is ManagedContainer => c !== undefined);
  }

  async #observe(info: Docker.ContainerInfo): Promise<ManagedContainer | undefined> {
    const health = healthOf(info.Status);
    const key = `${info.State}|${health ?? ''}`;
    let inspected = this.#inspectCache.get(info.Id);
    if (inspected?.key !== key) {
      try {
        inspected = { key, value: await this.#docker.getContainer(info.Id).inspect() };
        this.#inspectCache.set(info.Id, inspected);
      } catch (error) {
        if (engineStatus(error) === 404) return undefined;
        throw toEngineError(error, `inspect container ${info.Id.slice(0, 12)}`, this.dockerHost);
      }
    }
    return toManagedContainer(info, inspected.value);
  }

  /** The image's id and repo digest, or undefined when it is not present locally. */
  async findImage(ref: string): Promise<ImageRef | undefined> {
    try {
      const image = await this.#docker.getImage(ref).inspect();
      const repoDigest = image.RepoDigests?.[0];
      return repoDigest === undefined ? { id: image.Id } : { id: image.Id, repoDigest };
    } catch (error) {
      if (engineStatus(error) === 404) return undefined;
      throw toEngineError(error, `inspect image "${ref}"`, this.dockerHost);
    }
  }

  /** Pulls an image; errors that arrive inside the 200 progress stream are raised too. */
  pullImage(ref: string, onProgress: ProgressListener, signal?: AbortSignal): Promise<void> {
    return pullImage(this.#docker, ref, onProgress, signal);
  }

  /** Builds an image from a directory (classic builder, tar context) and returns what it produced. */
  async buildImage(
    contextDir: string,
    options: Parameters<typeof buildImage>[2],
    onProgress: ProgressListener,
    signal?: AbortSignal,
  ): Promise<ImageRef> {
    await buildImage(this.#docker, contextDir, options, onProgress, signal);
    const image = await this.findImage(options.tag);
    if (!image) throw new BerthError('BERTH_BUILD_FAILED', `build of "${options.tag}" produced no image`);
    return image;
  }

  /** Creates a container; if one with the same name exists already, returns its id (idempotent). */
  async createContainer(spec: CreateContainerSpec): Promise<{ id: string; created: boolean }> {
    try {
      const container = await this.#docker.createContainer({
        ...spec,
        Labels: this.#labels(spec.Labels ?? {}),
      });
      return { id: container.id, created: true };
    } catch (error) {
      if (engineStatus(error) === 409) {
        const existing = await this.#call('inspect container', () =>
          this.#docker.getContainer(spec.name).inspect(),
        );
        if (existing.Config.Labels?.[labelKeys.instance] !== this.#instance) {
          throw new BerthError(
            'BERTH_ENGINE_ERROR',
            `container name "${spec.name}" is taken by a container Berth does not own here`,
            {
              hint: `Remove it (docker rm -f ${spec.name}) or deploy under another project name (-p).`,
            },
          );
        }
        return { id: existing.Id, created: false };
      }
      throw toEngineError(error, `create container "${spec.name}"`, this.dockerHost);
    }
  }

  async startContainer(id: string): Promise<void> {
    this.#inspectCache.delete(id);
    try {
      await this.#docker.getContainer(id).start();
    } catch (error) {
      if (engineStatus(error) === 304) return;
      throw toEngineError(error, `start container ${id.slice(0, 12)}`, this.dockerHost);
    }
  }

  async stopContainer(id: string, graceSeconds?: number): Promise<void> {
    this.#inspectCache.delete(id);
    try {
      await this.#docker.getContainer(id).stop(graceSeconds === undefined ? {} : { t: graceSeconds });
    } catch (error) {
      if (engineStatus(error) === 304 || engineStatus(error) === 404) return;
      throw toEngineError(error, `stop container ${id.slice(0, 12)}`, this.dockerHost);
    }
  }

  async restartContainer(id: string, graceSeconds?: number): Promise<void> {
    this.#inspectCache.delete(id);
    await this.#call(`restart container ${id.slice(0, 12)}`, () =>
      this.#docker.getContainer(id).restart(graceSeconds === undefined ? {} : { t: graceSeconds }),
    );
  }

  async removeContainer(id: string): Promise<void> {
    try {
      await this.#docker.getContainer(id).remove({ force: true, v: false });
    } catch (error) {
      if (engineStatus(error) === 404 || engineStatus(error) === 409) return;
      throw toEngineError(error, `remove container ${id.slice(0, 12)}`, this.dockerHost);
    }
  }

  async ensureNetwork(
    name: string,
    options: { labels: Record<string, string>; internal: boolean; driver?: string },
  ): Promise<void> {
    const existing = await this.#call('list networks', () =>
      this.#docker.listNetworks({ filters: { name: [name] } }),
    );
    if (existing.some((n) => n.Name === name)) return;
    try {
      await this.#docker.createNetwork({
        Name: name,
        Driver: options.driver ?? 'bridge',
        Internal: options.internal,
        Labels: this.#labels(options.labels),
        CheckDuplicate: true,
      });
    } catch (error) {
      if (engineStatus(error) === 409) return;
      throw toEngineError(error, `create network "${name}"`, this.dockerHost);
    }
  }

  async connectNetwork(network: string, containerId: string, aliases: string[]): Promise<void> {
    try {
      await this.#docker
        .getNetwork(network)
        .connect({ Container: containerId, EndpointConfig: { Aliases: aliases } });
    } catch (error) {
      if (engineStatus(error) === 403 && /already exists/.test(engineMessage(error))) return;
      throw toEngineError(error, `connect to network "${network}"`, this.dockerHost);
    }
  }

  async networkExists(name: string): Promise<boolean> {
    const existing = await this.#call('list networks', () =>
      this.#docker.listNetworks({ filters: { name: [name] } }),
    );
    return existing.some((n) => n.Name === name);
  }

  async removeNetworks(app: string): Promise<string[]> {
    const nets = await this.#call('list networks', () =>
      this.#docker.listNetworks({ filters: { label: [this.#owned, `${labelKeys.app}=${app}`] } }),
    );
    for (const net of nets) {
      try {
        await this.#docker.getNetwork(net.Id).remove();
      } catch (error) {
        if (engineStatus(error) !== 404)
          throw toEngineError(error, `remove network "${net.Name}"`, this.dockerHost);
      }
    }
    return nets.map((n) => n.Name);
  }

  async ensureVolume(
    name: string,
    options: { labels: Record<string, string>; driver?: string },
  ): Promise<void> {
    await this.#call(`create volume "${name}"`, () =>
      this.#docker.createVolume({
        Name: name,
        Driver: options.driver ?? 'local',
        Labels: this.#labels(options.labels),
      }),
    );
  }

  async volumeExists(name: string): Promise<boolean> {
    try {
      await this.#docker.getVolume(name).inspect();
      return true;
    } catch (error) {
      if (engineStatus(error) === 404) return false;
      throw toEngineError(error, `inspect volume "${name}"`, this.dockerHost);
    }
  }

  async removeVolumes(app: string): Promise<string[]> {
    const result = await this.#call('list volumes', () =>
      this.#docker.listVolumes({ filters: { label: [this.#owned, `${labelKeys.app}=${app}`] } }),
    );
    const names = (result.Volumes ?? []).map((v) => v.Name);
    for (const name of names) {
      try {
        await this.#docker.getVolume(name).remove();
      } catch (error) {
        if (engineStatus(error) !== 404)
          throw toEngineError(error, `remove volume "${name}"`, this.dockerHost);
      }
    }
    return names;
  }

  /** Runs a command in a container and returns its exit code, or undefined when it timed out. */
  async exec(id: string, command: string[], timeoutMs: number): Promise<number | undefined> {
    const exec = await this.#call('exec create', () =>
      this.#docker.getContainer(id).exec({ Cmd: command, AttachStdout: true, AttachStderr: true }),
    );
    const stream = await this.#call('exec start', () => exec.start({ hijack: true, stdin: false }));
    const finished = new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', resolve);
      stream.resume();
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      stream.destroy();
      return undefined;
    }
    const info = await this.#call('exec inspect', () => exec.inspect());
    return info.ExitCode ?? undefined;
  }

  /** Container output as decoded frames; follows until `signal` aborts when `follow` is set. */
  async logs(
    id: string,
    options: { follow: boolean; tail?: number; timestamps?: boolean; since?: string },
    onFrame: (frame: LogFrame) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const container = this.#docker.getContainer(id);
    const common = {
      stdout: true,
      stderr: true,
      timestamps: options.timestamps ?? false,
      ...(options.tail === undefined ? {} : { tail: options.tail }),
      // Unix seconds with nanoseconds ("1732615200.123456789"), as the Engine API accepts.
      ...(options.since === undefined ? {} : { since: options.since as unknown as number }),
    };
    const decoder = new FrameDecoder();
    if (!options.follow) {
      const buffer = await this.#call('logs', () => container.logs({ ...common, follow: false }));
      for (const frame of decoder.push(buffer)) onFrame(frame);
      return;
    }
    const stream = await this.#call('logs', () =>
      container.logs({ ...common, follow: true, abortSignal: signal }),
    );
    await readStream(stream as Readable, (chunk: Buffer) => decoder.push(chunk).forEach(onFrame), signal);
  }

  /**
   * Follows a container's `/stats?stream=true` (one sample per second; one-shot calls cost ~1 s each,
   * research §4.1) until `signal` aborts or the container stops.
   */
  async watchStats(
    id: string,
    onSample: (sample: ContainerStatsSample) => void,
    signal: AbortSignal,
  ): Promise<void> {
    let stream: Readable;
    try {
      stream = (await this.#docker
        .getContainer(id)
        .stats({ stream: true, abortSignal: signal } as { stream: true })) as unknown as Readable;
    } catch (error) {
      if (signal.aborted || engineStatus(error) === 404) return;
      throw toEngineError(error, `stats of ${id.slice(0, 12)}`, this.dockerHost);
    }
    await readStream(stream, ndjsonLines(onSample), signal);
  }

  /**
   * Streams container events for Berth-managed containers until `signal` aborts; reconnects with
   * `since` after a drop so no event window is lost.
   */
  watchEvents(
    onEvent: (event: EngineEvent) => void,
    onError: (error: unknown) => void,
    signal: AbortSignal,
  ): Promise<void> {
    return watchContainerEvents(
      { docker: this.#docker, label: this.#owned, dockerHost: this.dockerHost },
      (event) => {
        this.#inspectCache.delete(event.id);
        onEvent(event);
      },
      onError,
      signal,
    );
  }
}
