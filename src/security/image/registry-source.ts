import { decompress } from './decompress.js';
import type { ImageHandle, ImageSource } from './image-types.js';
import { metered } from './metered.js';
import { RegistryClient } from './registry-client.js';
import { isLoopbackHost, parseRegistryReference } from './registry-reference.js';
import { resolveManifest } from './resolve-manifest.js';

type RegistrySource = Extract<ImageSource, { kind: 'registry' }>;

/**
 * An image in a registry: resolves the manifest (picking a platform from an index, default linux/amd64)
 * and reads the config now; streams and verifies the layer blobs when read.
 */
export async function openRegistryImage(source: RegistrySource, signal?: AbortSignal): Promise<ImageHandle> {
  const ref = parseRegistryReference(source.ref);
  const client = new RegistryClient(ref, {
    auth: source.auth,
    plainHttp: source.plainHttp ?? isLoopbackHost(ref.host),
  });
  const what = `image "${source.ref}"`;
  const top = await client.manifest(ref.reference, signal);
  const resolved = await resolveManifest(
    top,
    (descriptor, kind) =>
      kind === 'manifest' ? client.manifest(descriptor.digest, signal) : client.blobBytes(descriptor, signal),
    { what, platform: source.platform },
  );
  return {
    source,
    name: source.ref,
    layerCount: resolved.layers.length,
    async readLayers(visit, options = {}) {
      let bytesRead = 0;
      for (const descriptor of resolved.manifest.layers) {
        const base = bytesRead;
        const blob = metered(client.blob(descriptor, options.signal), {
          signal: options.signal,
          onBytes: (n) => {
            bytesRead = base + n;
            options.onBytes?.(bytesRead);
          },
        });
        await visit({
          key: descriptor.digest,
          tar: decompress(blob, `layer ${descriptor.digest} of ${what}`),
        });
      }
      return { config: resolved.config, layers: resolved.layers };
    },
  };
}
