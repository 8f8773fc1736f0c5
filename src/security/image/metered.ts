/**
 * Passes chunks through, reporting the running byte count and stopping at an abort. The count is what a
 * progress bar shows: bytes read from the source, before decompression.
 */
export async function* metered(
  source: AsyncIterable<Uint8Array>,
  options: { signal?: AbortSignal | undefined; onBytes?: ((bytesRead: number) => void) | undefined },
): AsyncGenerator<Uint8Array> {
  let bytesRead = 0;
  for await (const chunk of source) {
    options.signal?.throwIfAborted();
    bytesRead += chunk.byteLength;
    options.onBytes?.(bytesRead);
    yield chunk;
  }
}
