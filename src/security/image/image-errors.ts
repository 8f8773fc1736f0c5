import type { z } from 'zod';
import { BerthError } from '../../errors/index.js';

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
export function parseImageJson<T>(schema: z.ZodType<T>, bytes: Buffer | string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (error) {
    throw imageError('invalid', `${what} is not valid JSON`, {
      hint: 'The image is damaged or not an image; export it again.',
      cause: error,
    });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw imageError('invalid', `${what} has an unexpected shape at "${issue?.path.join('.') ?? ''}"`, {
      hint: `Expected an OCI or Docker image document: ${issue?.message ?? 'see the cause'}.`,
      cause: parsed.error,
    });
  }
  return parsed.data;
}
