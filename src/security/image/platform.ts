import { imageError } from './image-errors.js';
import type { Descriptor } from './image-schemas.js';

export interface PlatformChoice {
  os: string;
  architecture: string;
  variant: string | undefined;
}

export const defaultPlatform = 'linux/amd64';

/** Parses `os/arch[/variant]` (`linux/arm64/v8`). */
export function parsePlatform(text: string): PlatformChoice {
  const [os, architecture, variant, extra] = text.split('/');
  if (
    os === undefined ||
    os === '' ||
    architecture === undefined ||
    architecture === '' ||
    extra !== undefined
  ) {
    throw imageError('invalid', `platform "${text}" is not os/arch[/variant]`, {
      hint: 'Write it as Docker does, e.g. linux/amd64 or linux/arm64/v8.',
    });
  }
  return { os, architecture, variant: variant === '' ? undefined : variant };
}

const describe = (d: Descriptor): string =>
  d.platform === undefined
    ? 'unknown'
    : [d.platform.os, d.platform.architecture, d.platform.variant].filter(Boolean).join('/');

/**
 * Picks the manifest for a platform from an index, as `docker pull --platform` does: os and architecture
 * must match; a requested variant must match, otherwise the entry without a variant (or the first) wins.
 * Attestation manifests (`unknown/unknown`) never match.
 */
export function choosePlatform(
  manifests: readonly Descriptor[],
  wanted: PlatformChoice,
  what: string,
): Descriptor {
  const candidates = manifests.filter(
    (d) => d.platform?.os === wanted.os && d.platform.architecture === wanted.architecture,
  );
  const chosen =
    wanted.variant === undefined
      ? (candidates.find((d) => d.platform?.variant === undefined) ?? candidates[0])
      : candidates.find((d) => d.platform?.variant === wanted.variant);
  if (chosen === undefined) {
    const offered = manifests.map(describe).filter((p) => p !== 'unknown/unknown');
    const asked = [wanted.os, wanted.architecture, wanted.variant].filter(Boolean).join('/');
    throw imageError('not-found', `${what} has no image for platform ${asked}`, {
      hint: `Choose one of the platforms it offers: ${offered.join(', ') || 'none'}.`,
      details: { platforms: offered },
    });
  }
  return chosen;
}
