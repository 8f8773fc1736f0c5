/**
 * Keeps file bodies read from a tar stream either as views of the read chunks or as copies.
 *
 * A view costs nothing but keeps its whole chunk alive (1 MiB reads from a tarball); a copy costs an
 * allocation and a memcpy a file. A Debian image's ~860 dpkg file lists (7.6 MB, a few KiB each, side by
 * side in the tar) cost ~8 ms to copy one by one, a twentieth of a scan (bench/scan.ts, issue 4), while
 * viewing them retains hardly more than their own size. Files scattered thinly through a large layer
 * would retain far more than they hold, so views are taken only while the chunks retained stay within
 * twice the bytes kept plus `slackBytes`; past that, files are copied.
 */
export class ChunkKeeper {
  readonly #retained = new WeakSet<ArrayBufferLike>();
  #retainedBytes = 0;
  #keptBytes = 0;
  readonly #slackBytes: number;

  constructor(options: { slackBytes?: number } = {}) {
    this.#slackBytes = options.slackBytes ?? 16 * 1024 * 1024;
  }

  /** One file's body from its chunks, in order. */
  keep(chunks: readonly Buffer[]): Buffer {
    const only = chunks.length === 1 ? chunks[0] : undefined;
    if (only === undefined) return Buffer.concat(chunks);
    this.#keptBytes += only.length;
    const backing = only.buffer;
    if (this.#retained.has(backing)) return only;
    if (this.#retainedBytes + backing.byteLength <= 2 * this.#keptBytes + this.#slackBytes) {
      this.#retained.add(backing);
      this.#retainedBytes += backing.byteLength;
      return only;
    }
    this.#keptBytes -= only.length;
    return Buffer.from(only);
  }
}
