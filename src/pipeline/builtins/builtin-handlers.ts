import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type Docker from 'dockerode';
import type { Logger } from 'pino';
import { loadCompose, type AppSpec } from '../../app/index.js';
import type { DockerEngine } from '../../engine/index.js';
import { BerthError } from '../../errors/index.js';
import { createRelease, type DeployContext } from '../../orchestrator/index.js';
import { scanDockerfileText, scanFilesystem, scanImage, summarize } from '../../security/index.js';
import type { Store } from '../../store/index.js';
import type { BuiltinContext, BuiltinHandlers, StepOutcome } from '../runner/index.js';
import { blockingFindings } from './scan-policy.js';

export interface BuiltinDeps {
  engine: DockerEngine;
  docker: Docker;
  store: Store;
  logger: Logger;
  deploy: Omit<DeployContext, 'onProgress' | 'signal'>;
  vulnDbPath: string;
  /** The run a step belongs to (releases link to it). */
  runOf: (runId: string) => { id: number } | undefined;
  /** Resolves when an approval step is decided. */
  approve: (runId: string, step: string, ctx: BuiltinContext) => Promise<{ approved: boolean; by: string }>;
  /** How long a deploy step waits for the release to be verified. */
  deployTimeoutMs?: number;
}

/** A path inside the workspace; `..` escapes are refused. */
function inWorkspace(workspace: string, path: string, what: string): string {
  const full = resolve(workspace, path);
  if (relative(workspace, full).startsWith('..')) {
    throw new BerthError('BERTH_PIPELINE_INVALID', `${what} "${path}" is outside the workspace`, {
      hint: 'Use a path relative to the repository root.',
    });
  }
  return full;
}

const fail = (message: string, outputs?: Record<string, string>): StepOutcome => ({
  status: 'failure',
  message,
  ...(outputs ? { outputs } : {}),
});

/**
 * The built-in step kinds of issue 6: build (Engine API, labels with the commit), scan (Berth's
 * scanner, failing by policy), push (to a registry, credentials from secrets), deploy (a release of the
 * app's Compose file with the new images, waiting until it is verified) and approval.
 */
export function builtinHandlers(deps: BuiltinDeps): BuiltinHandlers {
  return {
    build: async (step, ctx) => {
      const [tag, ...more] =
        step.tags.length > 0 ? step.tags : [`${ctx.app}:${ctx.trigger.commit.slice(0, 12)}`];
      const context = inWorkspace(ctx.workspaceDir, step.context, 'build context');
      const image = await deps.engine.buildImage(
        context,
        {
          tag: tag ?? '',
          dockerfile: step.dockerfile,
          args: { ...step.buildArgs },
          labels: {
            ...step.labels,
            'org.opencontainers.image.revision': ctx.trigger.commit,
            'dev.berth.pipeline-run': ctx.runId,
          },
          ...(step.target === undefined ? {} : { target: step.target }),
        },
        (line) => ctx.log(line),
        ctx.signal,
      );
      for (const extra of more) {
        const [repo, version] = splitTag(extra);
        await deps.docker.getImage(image.id).tag({ repo, tag: version });
      }
      ctx.log(`built ${tag ?? ''} (${image.id})`);
      return { status: 'success', outputs: { image: tag ?? '', image_id: image.id } };
    },

    scan: async (step, ctx) => {
      const scan =
        'image' in step.target
          ? await scanImage({ kind: 'engine', ref: step.target.image }, deps.vulnDbPath, {
              signal: ctx.signal,
            })
          : await scanFilesystem(
              inWorkspace(ctx.workspaceDir, step.target.path, 'scan path'),
              deps.vulnDbPath,
            );
      const findings = [...scan.findings];
      const dockerfile = join(ctx.workspaceDir, 'Dockerfile');
      if (step.policy.dockerfile !== 'none' && existsSync(dockerfile)) {
        findings.push(...scanDockerfileText(readFileSync(dockerfile, 'utf8'), 'Dockerfile'));
      }
      for (const warning of scan.warnings) ctx.log(`warning: ${warning}`);
      const counts = summarize(findings);
      ctx.log(
        `findings: ${Object.entries(counts)
          .map(([s, n]) => `${s} ${n}`)
          .join(', ')}`,
      );
      const blocking = blockingFindings(findings, step.policy);
      for (const f of blocking.slice(0, 50)) ctx.log(`BLOCKING ${f.severity} ${f.id}: ${f.title}`);
      const outputs = {
        findings: String(findings.length),
        blocking: String(blocking.length),
        summary: JSON.stringify(counts),
      };
      return blocking.length === 0
        ? { status: 'success', outputs }
        : fail(
            `${blocking.length} finding(s) break the scan policy (e.g. ${blocking[0]?.id ?? ''})`,
            outputs,
          );
    },

    push: async (step, ctx) => {
      const password = step.password ? ctx.secret(step.password.fromSecret) : undefined;
      const username =
        step.username === undefined
          ? undefined
          : typeof step.username === 'string'
            ? step.username
            : ctx.secret(step.username.fromSecret);
      if (step.password && password === undefined)
        return fail(`secret "${step.password.fromSecret}" is not set`);
      const refs = [step.image, ...step.tags.map((t) => `${splitTag(step.image)[0]}:${t}`)];
      let digest = '';
      for (const ref of refs) {
        const [repo, tag] = splitTag(ref);
        if (ref !== step.image) await deps.docker.getImage(step.image).tag({ repo, tag });
        const registry = step.registry ?? repo.split('/')[0] ?? '';
        const stream = await deps.docker.getImage(ref).push({
          tag,
          ...(username !== undefined && password !== undefined
            ? { authconfig: { username, password, serveraddress: registry } }
            : {}),
        });
        digest = (await followPush(stream, ctx)) || digest;
        ctx.log(`pushed ${ref}${digest ? ` (${digest})` : ''}`);
      }
      return { status: 'success', outputs: { image: step.image, ...(digest ? { digest } : {}) } };
    },

    deploy: async (step, ctx) => {
      const file = inWorkspace(ctx.workspaceDir, step.compose, 'compose file');
      if (!existsSync(file)) return fail(`compose file ${step.compose} is not in the commit`);
      const { spec } = loadCompose({
        file: { path: file, content: readFileSync(file, 'utf8') },
        projectDir: ctx.workspaceDir,
        environment: { ...ctx.variables },
        readFile: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
        ...(step.app === undefined ? {} : { projectName: step.app }),
      });
      const withImages = overrideImages(spec, step.images);
      const run = deps.runOf(ctx.runId);
      const release = await createRelease(
        withImages,
        {
          reason: `pipeline ${ctx.app} run ${ctx.variables['BERTH_RUN'] ?? ''} (${ctx.trigger.commit.slice(0, 12)})`,
          projectDir: ctx.workspaceDir,
          ...(run ? { pipelineRun: run.id } : {}),
        },
        { ...deps.deploy, onProgress: (line) => ctx.log(line), signal: ctx.signal },
      );
      ctx.log(`release ${release.number} of ${release.app} created`);
      if (!step.wait) return { status: 'success', outputs: { release: String(release.number) } };
      const deadline = Date.now() + (deps.deployTimeoutMs ?? 10 * 60_000);
      for (;;) {
        ctx.signal.throwIfAborted();
        const current = deps.store.releases.get(release.app, release.number);
        if (current.status === 'active' && current.verifiedAt !== null) {
          ctx.log(`release ${release.number} is verified`);
          return { status: 'success', outputs: { release: String(release.number) } };
        }
        if (
          current.status === 'failed' ||
          current.status === 'rolled-back' ||
          current.status === 'superseded'
        ) {
          return fail(`release ${release.number} ${current.status}: ${current.message ?? ''}`, {
            release: String(release.number),
          });
        }
        if (Date.now() > deadline) return fail(`release ${release.number} was not verified in time`);
        await new Promise((r) => setTimeout(r, 500));
      }
    },

    approval: async (step, ctx) => {
      ctx.log(`waiting for a ${step.role} to approve${step.message ? `: ${step.message}` : ''}`);
      const decision = await deps.approve(ctx.runId, step.name, ctx);
      ctx.log(`${decision.approved ? 'approved' : 'rejected'} by ${decision.by}`);
      return decision.approved
        ? { status: 'success', outputs: { approved_by: decision.by } }
        : fail(`rejected by ${decision.by}`);
    },
  };
}

/** `registry:5000/repo:tag` → [`registry:5000/repo`, `tag`] (default tag `latest`). */
export function splitTag(ref: string): [string, string] {
  const at = ref.lastIndexOf(':');
  if (at > ref.lastIndexOf('/')) return [ref.slice(0, at), ref.slice(at + 1)];
  return [ref, 'latest'];
}

function overrideImages(spec: AppSpec, images: Readonly<Record<string, string>>): AppSpec {
  const services = { ...spec.services };
  for (const [name, image] of Object.entries(images)) {
    const service = services[name];
    if (!service) {
      throw new BerthError(
        'BERTH_PIPELINE_INVALID',
        `deploy.images names service "${name}", which the Compose file does not have`,
        {
          hint: `Services are: ${Object.keys(spec.services).join(', ')}.`,
        },
      );
    }
    // The image was built and pushed by this run: use it as is, never rebuild.
    const { build: _build, ...rest } = service;
    services[name] = { ...rest, image, pullPolicy: 'missing' };
  }
  return { ...spec, services };
}

/** Reads a push's progress stream; returns the pushed digest, throws on a push error. */
async function followPush(stream: NodeJS.ReadableStream, ctx: BuiltinContext): Promise<string> {
  let digest = '';
  let pending = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    pending += chunk.toString('utf8');
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (!line) continue;
      const message = JSON.parse(line) as { error?: string; status?: string; aux?: { Digest?: string } };
      if (message.error) throw new BerthError('BERTH_ENGINE_ERROR', `push failed: ${message.error}`);
      if (message.aux?.Digest) digest = message.aux.Digest;
      if (message.status && !message.status.startsWith('Pushing')) ctx.log(message.status);
    }
  }
  return digest;
}
