/**
 * Masking: replace variable parts of a log line (ids, numbers, IPs…) before mining, so that lines of one event
 * share their tokens. Drain's authors call masking the main lever on accuracy (He et al., ICWS 2017, §III-A
 * "preprocess by domain knowledge"; Drain3 README "Masking").
 */

/** One masking rule: every match of `pattern` is replaced by `maskWith` (default `<*>`). */
export interface MaskRule {
  /** Short name, for documentation and snapshots (`ip`, `uuid`…). */
  readonly name: string;
  /** A regex source string (no flags: the rule is always applied globally), or a RegExp whose source is used. */
  readonly pattern: string | RegExp;
  /** The replacement. `<*>` makes the token a parameter; any other string stays a literal token. */
  readonly maskWith?: string;
}

/** The wildcard that marks a parameter in a template (Loghub and Drain convention). */
export const WILDCARD = '<*>';

// Boundaries: a masked value must not be glued to letters or digits on either side, so that `blk_-42` becomes
// `blk_<*>` but `ip6tables` or `md5sum` stay whole (the same guards as the Drain3 example masks).
const START = String.raw`(?<![A-Za-z0-9])`;
const END = String.raw`(?![A-Za-z0-9])`;

/**
 * The default masks, applied in this order (more specific first; later rules see `<*>` left by earlier ones).
 * Adapted from the Drain3 example configuration (`drain3.ini`, logpai/Drain3) plus UUIDs and paths.
 */
export const DEFAULT_MASKS: readonly MaskRule[] = [
  {
    name: 'uuid',
    pattern: String.raw`${START}[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}${END}`,
  },
  { name: 'mac', pattern: String.raw`${START}(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}${END}` },
  { name: 'ipv4', pattern: String.raw`${START}/?\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?${END}` },
  { name: 'hex', pattern: String.raw`${START}0[xX][0-9a-fA-F]+${END}` },
  { name: 'path', pattern: String.raw`(?<=^|[\s=:'"(\[])(?:/[\w.@~+-]+){2,}/?` },
  // A host name in front of a port (`proxy.example.org:5070` → `<*>:<*>`, the Loghub-2.0 convention); host names
  // alone are kept, since dotted words are often class or metric names.
  {
    name: 'host-before-port',
    pattern: String.raw`(?<![\w.-])(?:[A-Za-z0-9-]+\.)+[A-Za-z][A-Za-z0-9-]*(?=:\d+(?![\w.]))`,
  },
  // Prefixed ids such as HDFS `blk_-42`, YARN `attempt_1445_0020_m_000000_0`, `job_1445_0020`: the whole token is
  // the parameter, as in the corrected ground truths (Khan et al. ICSE 2022; Loghub-2.0).
  { name: 'prefixed-id', pattern: String.raw`(?<![\w.-])[A-Za-z]+_[-+]?\d[\w-]*` },
  { name: 'number', pattern: String.raw`${START}[-+]?\d+(?:\.\d+)?${END}` },
  // After numbers, so a sign stays with its number: long hex runs such as commit hashes, trace ids and request ids (at least one digit).
  { name: 'hexid', pattern: String.raw`${START}(?=[a-fA-F]*\d)[0-9a-fA-F]{16,}${END}` },
];

/** A mask compiled once, with a global RegExp. */
export interface CompiledMask {
  readonly name: string;
  readonly regex: RegExp;
  readonly maskWith: string;
}

/** Compile mask rules; invalid regex sources throw the SyntaxError of `new RegExp`. */
export function compileMasks(rules: readonly MaskRule[]): CompiledMask[] {
  return rules.map((rule) => ({
    name: rule.name,
    regex: new RegExp(typeof rule.pattern === 'string' ? rule.pattern : rule.pattern.source, 'g'),
    maskWith: rule.maskWith ?? WILDCARD,
  }));
}

/**
 * Apply compiled masks to one line, in order.
 *
 * @example
 * applyMasks('conn from 10.0.0.1:80 id=42', compileMasks(DEFAULT_MASKS)); // 'conn from <*> id=<*>'
 */
export function applyMasks(line: string, masks: readonly CompiledMask[]): string {
  let out = line;
  for (const mask of masks) {
    out = out.replace(mask.regex, mask.maskWith);
  }
  return out;
}
