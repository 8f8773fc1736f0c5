import type { FindingSeverity } from '../report/index.js';

/** Dockle's level for the same check (goodwithtech/dockle CHECKPOINT.md), kept for cross-reference. */
export type DockleLevel = 'FATAL' | 'WARN' | 'INFO';

export interface ImageConfigRule {
  readonly id: string;
  readonly title: string;
  /** Berth's severity; may differ from Dockle's level where Dockle overstates (caches are not FATAL). */
  readonly severity: FindingSeverity;
  readonly dockleLevel?: DockleLevel;
  /** False for rules listed for completeness that cannot be checked from an image. */
  readonly implemented: boolean;
  readonly fix: string;
}

/**
 * The image-config rules, with Dockle ids where Dockle has the check and `BERTH-DI-*` otherwise. Exported
 * so documentation can be generated from it.
 */
export const imageConfigRules = [
  {
    id: 'CIS-DI-0001',
    title: 'Image runs as root',
    severity: 'medium',
    dockleLevel: 'WARN',
    implemented: true,
    fix: 'Create a user and switch to it: `RUN useradd -r app` then `USER app` (or a numeric UID).',
  },
  {
    id: 'CIS-DI-0005',
    title: 'Docker Content Trust',
    severity: 'info',
    dockleLevel: 'INFO',
    // A client setting (DOCKER_CONTENT_TRUST=1) at pull time; nothing in an image shows it.
    implemented: false,
    fix: 'Verify signatures at pull time (cosign, or DOCKER_CONTENT_TRUST=1).',
  },
  {
    id: 'CIS-DI-0006',
    title: 'No HEALTHCHECK',
    severity: 'low',
    dockleLevel: 'INFO',
    implemented: true,
    fix: 'Add `HEALTHCHECK CMD …` to the Dockerfile (or a healthcheck in the Compose service).',
  },
  {
    id: 'CIS-DI-0007',
    title: 'Package index updated alone in a RUN step',
    severity: 'medium',
    dockleLevel: 'FATAL',
    implemented: true,
    fix: 'Update and install in one RUN step: `RUN apt-get update && apt-get install -y …`.',
  },
  {
    id: 'CIS-DI-0008',
    title: 'setuid or setgid file',
    severity: 'info',
    dockleLevel: 'INFO',
    implemented: true,
    fix: 'Remove the bit where it is not needed: `RUN chmod u-s,g-s <file>`.',
  },
  {
    id: 'CIS-DI-0009',
    title: 'ADD used instead of COPY',
    severity: 'medium',
    dockleLevel: 'FATAL',
    implemented: true,
    fix: 'Use COPY for local files; download with `curl` and verify a checksum instead of ADD <url>.',
  },
  {
    id: 'CIS-DI-0010',
    title: 'Secret stored in the image',
    severity: 'high',
    dockleLevel: 'FATAL',
    implemented: true,
    fix: 'Pass secrets at runtime (environment, mounted secrets) and at build time with `RUN --mount=type=secret`; rotate the exposed value.',
  },
  {
    id: 'DKL-DI-0001',
    title: 'sudo used in a build step',
    severity: 'medium',
    dockleLevel: 'FATAL',
    implemented: true,
    fix: 'Build steps already run as the current USER; switch with `USER root` … `USER app` instead of sudo.',
  },
  {
    id: 'DKL-DI-0002',
    title: 'VOLUME on a sensitive directory',
    severity: 'high',
    dockleLevel: 'FATAL',
    implemented: true,
    fix: 'Remove the VOLUME on /sys, /dev or /proc.',
  },
  {
    id: 'DKL-DI-0003',
    title: 'Distribution upgrade in a build step',
    severity: 'low',
    dockleLevel: 'WARN',
    implemented: true,
    fix: 'Use a newer base image instead of `apt-get upgrade`/`dist-upgrade`.',
  },
  {
    id: 'DKL-DI-0004',
    title: 'apk add without --no-cache',
    severity: 'low',
    dockleLevel: 'FATAL',
    implemented: true,
    fix: 'Use `apk add --no-cache …`.',
  },
  {
    id: 'DKL-DI-0005',
    title: 'Package manager cache left in the image',
    severity: 'low',
    dockleLevel: 'FATAL',
    implemented: true,
    fix: 'Clean in the same RUN step: `… && rm -rf /var/lib/apt/lists/*` (apt), `--no-cache` (apk), `dnf clean all`.',
  },
  {
    id: 'DKL-DI-0006',
    title: 'Image referenced by the latest tag',
    severity: 'low',
    dockleLevel: 'WARN',
    implemented: true,
    fix: 'Reference a version tag or a digest.',
  },
  {
    id: 'BERTH-DI-0001',
    title: 'Base image not from a trusted registry',
    severity: 'high',
    implemented: true,
    fix: 'Build FROM an image in one of the trusted registries, or add the registry to `trustedRegistries`.',
  },
  {
    id: 'BERTH-DI-0002',
    title: 'Account file with unsafe permissions',
    severity: 'high',
    implemented: true,
    fix: 'Restore the distribution modes: /etc/shadow and /etc/gshadow 0640 or stricter, /etc/passwd and /etc/group 0644.',
  },
] as const satisfies readonly ImageConfigRule[];

export type ImageConfigRuleId = (typeof imageConfigRules)[number]['id'];
