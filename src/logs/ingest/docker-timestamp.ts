import { parseRfc3339, type Instant } from './parse-rfc3339.js';

/**
 * Parses Docker's log timestamps quickly. Docker writes `RFC3339NanoFixed` in UTC
 * (`2006-01-02T15:04:05.000000000Z`, moby's jsonmessage package), and consecutive messages mostly share
 * their second, so the date-time part is parsed once per second and only the nine fraction digits per
 * message. Any other form goes through {@link parseRfc3339}.
 */
export class DockerTimestampParser {
  #second = '';
  #secondMs = 0;

  parse(text: string): Instant | undefined {
    if (text.length !== 30 || text.charCodeAt(19) !== 0x2e || text.charCodeAt(29) !== 0x5a)
      return parseRfc3339(text);
    let fractionNs = 0;
    for (let i = 20; i < 29; i++) {
      const digit = text.charCodeAt(i) - 0x30;
      if (digit < 0 || digit > 9) return undefined;
      fractionNs = fractionNs * 10 + digit;
    }
    const second = text.slice(0, 19);
    if (second !== this.#second) {
      const instant = parseRfc3339(`${second}Z`);
      if (instant === undefined) return undefined;
      this.#second = second;
      this.#secondMs = instant.epochMs;
    }
    return {
      epochNs: BigInt(this.#secondMs) * 1_000_000n + BigInt(fractionNs),
      epochMs: this.#secondMs + Math.floor(fractionNs / 1_000_000),
    };
  }
}
