import { StringDecoder } from 'node:string_decoder';
import { assertMaskable, type NamedSecret } from './maskable-secret.js';
import { PatternAutomaton } from './pattern-automaton.js';
import { secretVariants } from './secret-variants.js';

/** What replaces each masked stretch of output. */
export const maskReplacement = '***';

/**
 * Masks secret values in a stream of step output (issue 6: "every registered secret value is masked in
 * stored and streamed output, including values split across chunks, each line of multi-line secrets and
 * their base64 form").
 *
 * Every form listed in {@link secretVariants} is searched with one Aho–Corasick automaton, so the cost is
 * linear in the output whatever the number of secrets. Each maximal stretch of output covered by one or
 * more matches (overlapping or touching) becomes a single `***`. `write` returns at once everything that
 * can no longer be part of a secret and holds back only the shortest tail that could still grow into one;
 * the concatenated results of `write` and `end` are the same whatever the chunking, and equal
 * `mask(whole text)`.
 *
 * A masker is a stream: use one per output stream (stdout and stderr each), made with `fork()` so the
 * compiled patterns are shared.
 *
 * @example
 * const masker = new SecretMasker([{ name: 'TOKEN', value: 'tok_3f9a8b7c6d' }]);
 * masker.write('login tok_3f9'); // 'login ' (the rest may be a secret)
 * masker.write('a8b7c6d ok\n'); // '*** ok\n'
 * masker.end(); // ''
 */
export class SecretMasker {
  private readonly automaton: PatternAutomaton;
  private decoder = new StringDecoder('utf8');
  private state = 0;
  /** Code units read since the start (or the last `end()`). */
  private position = 0;
  /** Text not yet returned; it starts at `pendingStart`. */
  private pending = '';
  private pendingStart = 0;
  /** Disjoint, sorted covered stretches [start, end) not yet returned, in absolute positions. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Whether the last returned character was inside a masked stretch (a stretch goes on across calls). */
  private inMask = false;

  /**
   * @param secrets the values to mask (or another masker, to share its compiled patterns); each value is
   *   checked with {@link assertMaskable}, which throws `BERTH_BAD_REQUEST` for one that is too short.
   */
  constructor(secrets: readonly (string | NamedSecret)[] | SecretMasker) {
    if (secrets instanceof SecretMasker) {
      this.automaton = secrets.automaton;
      return;
    }
    const variants = new Set<string>();
    for (const secret of secrets) {
      assertMaskable(secret);
      for (const variant of secretVariants(typeof secret === 'string' ? secret : secret.value)) {
        variants.add(variant);
      }
    }
    this.automaton = new PatternAutomaton([...variants]);
  }

  /** A new, empty stream that masks the same secrets. */
  fork(): SecretMasker {
    return new SecretMasker(this);
  }

  /** Number of distinct text forms searched for. */
  get patternCount(): number {
    return this.automaton.patternCount;
  }

  /**
   * Masks the next chunk and returns what is safe to show now. Buffers are decoded as UTF-8 (a character
   * split between chunks is held until complete); do not mix strings and buffers mid-character.
   */
  write(chunk: string | Uint8Array): string {
    const text = typeof chunk === 'string' ? this.decoder.end() + chunk : this.decoder.write(chunk);
    return this.read(text, false);
  }

  /** Returns the held-back rest, masked, and makes the masker ready for a new stream. */
  end(): string {
    const out = this.read(this.decoder.end(), true);
    this.state = this.automaton.start;
    this.position = 0;
    this.pending = '';
    this.pendingStart = 0;
    this.inMask = false;
    return out;
  }

  /** Masks a whole text at once (independently of this stream's state), e.g. one stored log line. */
  mask(text: string): string {
    const stream = this.fork();
    return stream.write(text) + stream.end();
  }

  private read(text: string, final: boolean): string {
    if (text.length > 0) {
      const base = this.position;
      this.pending += text;
      this.state = this.automaton.scan(text, this.state, (end, length) =>
        this.cover(base + end - length, base + end),
      );
      this.position += text.length;
    }
    // No match found later can start before `safe` (its start would be a longer pending prefix).
    const safe = final ? this.position : this.position - this.automaton.pendingLength(this.state);
    return this.emit(safe);
  }

  /** Records [start, end); matches arrive by increasing end, so only the last stretches can overlap. */
  private cover(start: number, end: number): void {
    let from = start;
    while (this.ends.length > 0 && (this.ends.at(-1) ?? 0) >= from) {
      from = Math.min(from, this.starts.pop() ?? from);
      this.ends.pop();
    }
    this.starts.push(from);
    this.ends.push(end);
  }

  /** Returns the pending text up to `safe`, masked, and drops it from the buffer. */
  private emit(safe: number): string {
    let out = '';
    let at = this.pendingStart;
    const slice = (from: number, to: number): string =>
      this.pending.slice(from - this.pendingStart, to - this.pendingStart);
    while (this.starts.length > 0 && (this.starts[0] ?? 0) < safe) {
      const start = this.starts[0] ?? 0;
      const end = this.ends[0] ?? 0;
      if (start > at) {
        out += slice(at, start);
        this.inMask = false;
      }
      if (!this.inMask) out += maskReplacement;
      this.inMask = true;
      if (end <= safe) {
        this.starts.shift();
        this.ends.shift();
        at = end;
      } else {
        this.starts[0] = safe;
        at = safe;
      }
    }
    if (at < safe) {
      out += slice(at, safe);
      this.inMask = false;
    }
    this.pending = this.pending.slice(safe - this.pendingStart);
    this.pendingStart = safe;
    return out;
  }
}
