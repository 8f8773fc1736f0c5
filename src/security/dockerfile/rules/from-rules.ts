import type { DockerfileStage, ParsedDockerfile } from '../dockerfile-types.js';
import { hasVariable } from '../expand-variables.js';
import { parseImageReference, type ImageReference } from '../image-reference.js';
import type { DockerfileRule, LintContext, RuleHit } from './rule-types.js';

interface ExternalImage {
  stage: DockerfileStage;
  reference: ImageReference;
  image: string;
}

/**
 * The stages whose FROM pulls an image from a registry: not `scratch`, not an earlier stage, and with every
 * variable resolved (an image left to a build argument cannot be judged).
 */
function externalImages(doc: ParsedDockerfile): ExternalImage[] {
  return doc.stages.flatMap((stage) => {
    const image = stage.image;
    if (
      image === undefined ||
      image === '' ||
      image.toLowerCase() === 'scratch' ||
      stage.parent !== undefined
    )
      return [];
    return [{ stage, reference: parseImageReference(image), image }];
  });
}

function fromHits(context: LintContext, message: (image: ExternalImage) => string | undefined): RuleHit[] {
  return externalImages(context.doc).flatMap((image) => {
    const text = message(image);
    const instruction = context.doc.instructions.find((candidate) => candidate.line === image.stage.line);
    return text === undefined || instruction === undefined ? [] : [{ instruction, message: text }];
  });
}

export const dl3006: DockerfileRule = {
  id: 'DL3006',
  severity: 'warning',
  title: 'Always tag the version of an image explicitly',
  check: (context) =>
    fromHits(context, ({ reference, image }) =>
      reference.tag === undefined && reference.digest === undefined
        ? `FROM "${image}" has no tag, so it means whatever "latest" is today; pin a version, e.g. "${image}:<version>"`
        : undefined,
    ),
};

export const dl3007: DockerfileRule = {
  id: 'DL3007',
  severity: 'warning',
  title: 'Do not use the latest tag',
  check: (context) =>
    fromHits(context, ({ reference, image }) =>
      reference.tag === 'latest' && reference.digest === undefined
        ? `FROM "${image}" follows "latest", which changes under you; pin a release tag or a digest`
        : undefined,
    ),
};

function isTrusted(registry: string, trusted: readonly string[]): boolean {
  const hub =
    registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io';
  return trusted.some((allowed) => {
    if (allowed === registry || (hub && (allowed === 'docker.io' || allowed === 'hub.docker.com')))
      return true;
    return allowed.startsWith('*.') && registry.endsWith(allowed.slice(1));
  });
}

export const dl3026: DockerfileRule = {
  id: 'DL3026',
  severity: 'error',
  title: 'Use only an allowed registry in FROM',
  check: (context) => {
    const trusted = context.options.trustedRegistries ?? [];
    if (trusted.length === 0) return [];
    return fromHits(context, ({ reference, image }) => {
      const registry = reference.registry ?? 'docker.io';
      if (isTrusted(registry, trusted)) return undefined;
      return `FROM "${image}" pulls from "${registry}", which is not a trusted registry (${trusted.join(', ')})`;
    });
  },
};

export const dl3024: DockerfileRule = {
  id: 'DL3024',
  severity: 'error',
  title: 'Stage names must be unique',
  check: ({ doc }) =>
    doc.stages.flatMap((stage) => {
      const earlier = doc.stages.find(
        (other) => other.index < stage.index && other.name !== undefined && other.name === stage.name,
      );
      const instruction = doc.instructions.find((candidate) => candidate.line === stage.line);
      if (earlier === undefined || instruction === undefined) return [];
      return [
        {
          instruction,
          message: `stage name "${stage.name}" is already used on line ${earlier.line}; rename one`,
        },
      ];
    }),
};

export const dl3029: DockerfileRule = {
  id: 'DL3029',
  severity: 'warning',
  title: 'Do not use --platform with FROM',
  check: ({ doc }) =>
    doc.instructions.flatMap((instruction) => {
      const platform =
        instruction.keyword === 'FROM'
          ? instruction.flags.find((flag) => flag.name === 'platform')
          : undefined;
      // `--platform=$BUILDPLATFORM` is the cross-compilation idiom, not a hard-coded platform.
      if (platform?.value === undefined || hasVariable(platform.value)) return [];
      return [
        {
          instruction,
          message: `FROM --platform=${platform.value} hard-codes the platform; let the builder choose it`,
        },
      ];
    }),
};

export const dl3061: DockerfileRule = {
  id: 'DL3061',
  severity: 'error',
  title: 'A Dockerfile must begin with FROM, ARG or a comment',
  check: ({ doc }) => {
    const first = doc.instructions.find((instruction) => instruction.keyword !== 'ARG');
    if (first === undefined || first.keyword === 'FROM') return [];
    return [
      {
        instruction: first,
        message: `${first.keyword} comes before any FROM; start the Dockerfile with FROM (or ARG)`,
      },
    ];
  },
};

export const fromRules: readonly DockerfileRule[] = [dl3006, dl3007, dl3024, dl3026, dl3029, dl3061];
