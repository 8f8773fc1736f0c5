/**
 * The parts of a value's base64 form that stay the same wherever the value sits inside a larger base64
 * text (RFC 4648 §4 and, for `-`/`_`, §5). Base64 turns 3 bytes into 4 characters, so a value preceded by
 * 0, 1 or 2 other bytes is encoded in three different ways; in each, the first characters mix in bits of
 * the bytes before and the last ones bits of the bytes after. Those edge characters are dropped: what is
 * left depends on the value alone and is found whatever surrounds it. When the value ends the encoded
 * text (`user:token` in basic auth), its last character is padded with zero bits instead: that ending,
 * with and without `=` padding, is a fragment too, so the whole tail is masked. A leading edge character
 * (at most 4 bits of the value mixed with the bytes before) stays visible.
 *
 * @example
 * base64Fragments(Buffer.from('correct horse')); // ['Y29ycmVjdCBob3Jz', 'Nvcn...', ...]
 */
export function base64Fragments(bytes: Uint8Array): string[] {
  const fragments = new Set<string>();
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString('base64');
    // Character i carries bits 6i..6i+5; keep those made only of the value's bits.
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * padded.length) / 6);
    const ending = encoded.slice(first);
    for (const fragment of [encoded.slice(first, end), ending, ending.replace(/=+$/, '')]) {
      if (fragment === '') continue;
      fragments.add(fragment);
      fragments.add(fragment.replaceAll('+', '-').replaceAll('/', '_'));
    }
  }
  return [...fragments];
}
