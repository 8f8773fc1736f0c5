import { BerthError } from '../../errors/index.js';
import { parseShape, type Shape } from '../json-shape/index.js';

/**
 * Why reading an image failed. The catalogue has no image-reading codes yet, so every reason maps to
 * BERTH_IMAGE_NOT_FOUND ("could not be pulled") with the reason in `details.reason`; this is the one place
 * to change when BERTH_IMAGE_INVALID / BERTH_IMAGE_UNSUPPORTED / BERTH_REGISTRY_AUTH are catalogued.
 */
export type ImageErrorReason = 'not-found' | 'invalid' | 'unsupported' | 'registry-auth' | 'registry';

export function imageError(
  reason: ImageErrorReason,
  message: string,
  options: { hint: string; cause?: unknown; details?: Record<string, unknown> },
): BerthError {
  return new BerthError('BERTH_IMAGE_NOT_FOUND', message, {
    hint: options.hint,
    ...(options.cause === undefined ? {} : { cause: options.cause }),
    details: { reason, ...options.details },
  });
}

/** Parses JSON read from an image and validates it, naming the file when either step fails. */
export function parseImageJson<T>(shape: Shape<T>, bytes: Buffer | string, what: string): T {
  return checkImageJson(shape, readImageJson(bytes, what), what);
}

/** Parses JSON read from an image, naming the file when it is not JSON. */
export function readImageJson(bytes: Buffer | string, what: string): unknown {
  try {
    return JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (error) {
    throw imageError('invalid', `${what} is not valid JSON`, {
      hint: 'The image is damaged or not an image; export it again.',
      cause: error,
    });
  }
}

/** Checks parsed JSON against an image document's shape, naming the file and the first problem. */
export function checkImageJson<T>(shape: Shape<T>, value: unknown, what: string): T {
  const parsed = parseShape(shape, value);
  if (parsed.ok) return parsed.value;
  const path = parsed.issue.path.join('.');
  throw imageError('invalid', `${what} has an unexpected shape at "${path}"`, {
    hint: `Expected an OCI or Docker image document: ${parsed.issue.message}.`,
    details: { path },
  });
}
