import { BerthError } from '../errors/index.js';
import { assertMaskable } from '../pipeline/masking/index.js';

/** The largest secret value, in UTF-8 bytes: enough for a kubeconfig or a service-account JSON. */
export const maxSecretValueBytes = 64 * 1024;

/**
 * Throws `BERTH_BAD_REQUEST` unless `value` can be stored and shown to steps safely: not empty, at most
 * {@link maxSecretValueBytes}, no NUL character (steps receive secrets as environment variables, which
 * cannot hold one), and maskable in step output (the masker's rule: at least 8 characters, see
 * `assertMaskable`). Messages give the name and sizes, never the value.
 */
export function assertSecretValue(name: string, value: string): void {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > maxSecretValueBytes) {
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `secret "${name}" is ${bytes} bytes, more than the ${maxSecretValueBytes} allowed`,
      {
        hint: 'Store large files in the image or a volume and keep only a key or password as a secret.',
      },
    );
  }
  if (value.includes('\0')) {
    throw new BerthError(
      'BERTH_BAD_REQUEST',
      `secret "${name}" contains a NUL character, which an environment variable cannot hold`,
      {
        hint: 'Encode binary values, e.g. with base64, and decode them in the step.',
      },
    );
  }
  assertMaskable({ name, value });
}
