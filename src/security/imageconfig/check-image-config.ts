import type { ImageConfig } from '../image/index.js';
import type { Finding } from '../report/index.js';
import {
  defaultAllowPaths,
  findSecrets,
  fingerprintSecret,
  maskSecret,
  pathMatcher,
} from '../secrets/index.js';
import { historySteps, type HistoryStep } from './history-steps.js';
import { imageConfigFinding } from './image-config-finding.js';
import { accountFiles, cacheDirectories, isCacheFile, isSecretFile } from './image-config-wanted.js';
import { defaultAcceptedNames, isSecretName, isTrivialValue } from './secret-names.js';
import { isTrustedReference } from './trusted-registry.js';

/** A file of the image's final filesystem, as far as these checks need it (paths without a leading `/`). */
export interface ImageFileInfo {
  path: string;
  mode: number;
  size: number;
}

export interface CheckImageConfigOptions {
  /**
   * Registries (`ghcr.io`), wildcard hosts (`*.corp.example`) or repository prefixes (`docker.io/library`)
   * base images may come from; BERTH-DI-0001 is off while this is empty.
   */
  trustedRegistries?: readonly string[];
  /** The base image, when known from the Dockerfile; else the `org.opencontainers.image.base.name` label. */
  baseImage?: string;
  /** The reference the image was scanned by, for DKL-DI-0006 (`latest`). */
  imageReference?: string;
  /** ENV/LABEL/build-arg names never reported as secrets (Dockle `--accept-key`); default GPG_KEY(S). */
  acceptedNames?: readonly string[];
}

const baseNameLabel = 'org.opencontainers.image.base.name';
const sensitiveVolumes = /^\/(?:sys|dev|proc)(?:\/|$)/;

function checkUser(config: ImageConfig): Finding[] {
  const user = config.config?.User?.trim() ?? '';
  if (user !== '' && !/^(?:root|0)(?::|$)/.test(user)) return [];
  return [
    imageConfigFinding(
      'CIS-DI-0001',
      user === '' ? 'The image sets no USER, so it runs as root' : `The image runs as USER "${user}"`,
      { resource: 'config.User' },
    ),
  ];
}

function checkHealthcheck(config: ImageConfig): Finding[] {
  const test = config.config?.Healthcheck?.Test ?? [];
  if (test.length > 0 && test[0] !== 'NONE') return [];
  return [
    imageConfigFinding('CIS-DI-0006', 'The image defines no HEALTHCHECK', { resource: 'config.Healthcheck' }),
  ];
}

/** `NAME=value` pairs from ENV, LABEL and RUN build args, with where each came from. */
function namedValues(
  config: ImageConfig,
  steps: readonly HistoryStep[],
): { name: string; value: string; where: string }[] {
  const values: { name: string; value: string; where: string }[] = [];
  for (const entry of config.config?.Env ?? []) {
    const equals = entry.indexOf('=');
    if (equals > 0)
      values.push({ name: entry.slice(0, equals), value: entry.slice(equals + 1), where: 'ENV' });
  }
  for (const [name, value] of Object.entries(config.config?.Labels ?? {}))
    values.push({ name, value, where: 'LABEL' });
  for (const step of steps) {
    for (const arg of step.buildArgs) values.push({ ...arg, where: `build arg of history[${step.index}]` });
  }
  return values;
}

function checkSecrets(
  config: ImageConfig,
  steps: readonly HistoryStep[],
  files: readonly ImageFileInfo[],
  accepted: readonly string[],
): Finding[] {
  const findings: Finding[] = [];
  // ENV and LABEL steps repeat config values in history; report those once, from the config.
  const reported = new Set<string>();
  for (const { name, value, where } of namedValues(config, steps)) {
    reported.add(fingerprintSecret(value));
    const known = findSecrets(value, where)[0];
    if (known !== undefined) {
      findings.push(
        imageConfigFinding('CIS-DI-0010', `${where} ${name} holds a ${known.title} (${known.masked})`, {
          resource: `${where} ${name}`,
        }),
      );
    } else if (isSecretName(name, accepted) && !isTrivialValue(value)) {
      findings.push(
        imageConfigFinding('CIS-DI-0010', `${where} ${name} looks like a secret (${maskSecret(value)})`, {
          resource: `${where} ${name}`,
        }),
      );
    }
  }
  for (const step of steps) {
    for (const found of findSecrets(step.command, `history[${step.index}]`)) {
      if (reported.has(found.fingerprint)) continue;
      findings.push(
        imageConfigFinding(
          'CIS-DI-0010',
          `${step.instruction} step history[${step.index}] contains a ${found.title} (${found.masked})`,
          {
            resource: `history[${step.index}]`,
          },
        ),
      );
    }
  }
  const thirdParty = pathMatcher(defaultAllowPaths);
  for (const file of files) {
    if (isSecretFile(file.path) && !thirdParty(file.path)) {
      findings.push(
        imageConfigFinding('CIS-DI-0010', `/${file.path} is a credential file`, { file: file.path }),
      );
    }
  }
  return findings;
}

/** Archives ADD unpacks: the one use of ADD that COPY cannot replace (Hadolint DL3020 allows it too). */
const localArchive = /^(?!https?:\/\/)\S+\.(?:tar|tar\.(?:gz|bz2|xz|zst)|tgz|tbz2|txz)$/i;

function checkAdd(steps: readonly HistoryStep[]): Finding[] {
  return steps.flatMap((step) => {
    if (step.instruction !== 'ADD') return [];
    // Classic builder: `file:<hash> in /` is a base image's root filesystem tarball.
    if (/^(?:file|dir|multi):[0-9a-f]+ in \/\s*$/.test(step.command)) return [];
    const words = step.command.split(/\s+/).filter((w) => !w.startsWith('--'));
    const sources = words.slice(0, -1);
    if (sources.length > 0 && sources.every((s) => localArchive.test(s))) return [];
    const remote = sources.some((s) => /^(?:https?|git):\/\/|\.git(?:#|$)/.test(s));
    return [
      imageConfigFinding(
        'CIS-DI-0009',
        `history[${step.index}] uses ADD${remote ? ' to download a remote source' : ''}: "ADD ${step.command.slice(0, 120)}"`,
        { resource: `history[${step.index}]` },
      ),
    ];
  });
}

function runSteps(steps: readonly HistoryStep[]): HistoryStep[] {
  return steps.filter((s) => s.instruction === 'RUN');
}

function checkRunCommands(steps: readonly HistoryStep[]): Finding[] {
  const findings: Finding[] = [];
  for (const step of runSteps(steps)) {
    const command = step.command;
    const where = { resource: `history[${step.index}]` };
    if (/(?:^|[\s;&|(])sudo\s/.test(command)) {
      findings.push(imageConfigFinding('DKL-DI-0001', `history[${step.index}] runs sudo`, where));
    }
    if (/\b(?:apt-get|apt)\s+(?:-\S+\s+)*(?:dist-|full-)?upgrade\b/.test(command)) {
      findings.push(
        imageConfigFinding('DKL-DI-0003', `history[${step.index}] upgrades the distribution`, where),
      );
    }
    const updates = /\b(apt-get|apt|yum|dnf|apk|zypper)\s+(?:-\S+\s+)*(update|makecache|refresh)\b/.exec(
      command,
    );
    if (updates && !/\b(?:install|add|in|upgrade)\b/.test(command)) {
      findings.push(
        imageConfigFinding(
          'CIS-DI-0007',
          `history[${step.index}] runs "${updates[1]} ${updates[2]}" without installing in the same step`,
          where,
        ),
      );
    }
    if (/\bapk\s+(?:-\S+\s+)*add\b/.test(command) && !/--no-cache\b/.test(command)) {
      findings.push(
        imageConfigFinding('DKL-DI-0004', `history[${step.index}] runs "apk add" without --no-cache`, where),
      );
    }
  }
  return findings;
}

function checkCaches(steps: readonly HistoryStep[], files: readonly ImageFileInfo[] | undefined): Finding[] {
  if (files !== undefined) {
    return cacheDirectories.flatMap((dir) => {
      const count = files.filter((f) => f.path.startsWith(dir) && isCacheFile(f.path)).length;
      return count === 0
        ? []
        : [imageConfigFinding('DKL-DI-0005', `/${dir} holds ${count} cached file(s)`, { file: dir })];
    });
  }
  // Without the filesystem, Dockle's history heuristic: apt installs and the lists are never removed.
  const runs = runSteps(steps).map((s) => s.command);
  const installs = runs.some((c) => /\bapt(?:-get)?\s+(?:-\S+\s+)*install\b/.test(c));
  const cleans = runs.some((c) => /rm\s+-(?:rf|fr|r)\s+\S*\/var\/lib\/apt\/lists/.test(c));
  return installs && !cleans
    ? [imageConfigFinding('DKL-DI-0005', 'apt installs packages but no step removes /var/lib/apt/lists')]
    : [];
}

function checkFileModes(files: readonly ImageFileInfo[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    if (file.path.endsWith('/')) continue;
    if ((file.mode & 0o6000) !== 0) {
      const bits = [(file.mode & 0o4000) !== 0 ? 'setuid' : '', (file.mode & 0o2000) !== 0 ? 'setgid' : '']
        .filter(Boolean)
        .join('+');
      findings.push(
        imageConfigFinding(
          'CIS-DI-0008',
          `/${file.path} is ${bits} (mode ${(file.mode & 0o7777).toString(8)})`,
          { file: file.path },
        ),
      );
    }
    if (!(accountFiles as readonly string[]).includes(file.path)) continue;
    const secret = file.path.endsWith('shadow');
    const unsafe = secret ? (file.mode & 0o007) !== 0 : (file.mode & 0o022) !== 0;
    if (unsafe) {
      findings.push(
        imageConfigFinding(
          'BERTH-DI-0002',
          `/${file.path} has mode ${(file.mode & 0o777).toString(8)}: ${secret ? 'other users can read password hashes' : 'others can rewrite accounts'}`,
          { file: file.path },
        ),
      );
    }
  }
  return findings;
}

function checkVolumes(config: ImageConfig): Finding[] {
  return Object.keys(config.config?.Volumes ?? {})
    .filter((volume) => sensitiveVolumes.test(volume))
    .map((volume) =>
      imageConfigFinding('DKL-DI-0002', `VOLUME ${volume} exposes a host system directory`, {
        resource: `VOLUME ${volume}`,
      }),
    );
}

function checkReferences(config: ImageConfig, options: CheckImageConfigOptions): Finding[] {
  const findings: Finding[] = [];
  const reference = options.imageReference?.trim();
  if (reference && !reference.includes('@')) {
    const last = reference.slice(reference.lastIndexOf('/') + 1);
    const tag = last.includes(':') ? last.slice(last.lastIndexOf(':') + 1) : undefined;
    if (tag === undefined || tag === 'latest') {
      findings.push(
        imageConfigFinding(
          'DKL-DI-0006',
          `"${reference}" ${tag === undefined ? 'has no tag, which means latest' : 'uses the latest tag'}`,
        ),
      );
    }
  }
  const trusted = options.trustedRegistries ?? [];
  if (trusted.length === 0) return findings;
  const base = options.baseImage ?? config.config?.Labels?.[baseNameLabel];
  if (base === undefined || base.trim() === '') {
    findings.push({
      ...imageConfigFinding(
        'BERTH-DI-0001',
        `The base image is unknown (no ${baseNameLabel} label); its registry cannot be checked`,
      ),
      severity: 'info',
    });
  } else if (!isTrustedReference(base, trusted)) {
    findings.push(
      imageConfigFinding(
        'BERTH-DI-0001',
        `Base image "${base}" is not from a trusted registry (${trusted.join(', ')})`,
        { resource: base },
      ),
    );
  }
  return findings;
}

/**
 * Checks a built image's configuration (and, when given, its files' modes) against Dockle's CIS-DI/DKL
 * checks plus Berth's own: root user, missing HEALTHCHECK, ADD, secrets in ENV/LABEL/build args/history,
 * sudo, sensitive VOLUMEs, package caches, setuid files, account file modes and untrusted base registries.
 * Secret values are masked in every message. Pure: no I/O.
 *
 * @example
 * const { config, files } = await collectFiles(image, imageConfigWanted);
 * checkImageConfig(config, [...files].map(([path, f]) => ({ path, mode: f.mode, size: f.data.length })));
 */
export function checkImageConfig(
  config: ImageConfig,
  files?: readonly ImageFileInfo[],
  options: CheckImageConfigOptions = {},
): Finding[] {
  const steps = historySteps(config);
  const normalized = files?.map((f) => ({ ...f, path: f.path.replace(/^\/+/, '') }));
  return [
    ...checkUser(config),
    ...checkHealthcheck(config),
    ...checkRunCommands(steps),
    ...checkAdd(steps),
    ...checkSecrets(config, steps, normalized ?? [], options.acceptedNames ?? defaultAcceptedNames),
    ...checkVolumes(config),
    ...checkCaches(steps, normalized),
    ...checkFileModes(normalized ?? []),
    ...checkReferences(config, options),
  ];
}
