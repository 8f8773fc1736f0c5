import type { MaskRule } from './masking.js';

// Boundaries: a masked value must not be glued to letters or digits on either side, so that `blk_-42` becomes
// `blk_<*>` but `ip6tables` or `md5sum` stay whole (the same guards as the Drain3 example masks).
const START = String.raw`(?<![A-Za-z0-9])`;
const END = String.raw`(?![A-Za-z0-9])`;

const DIGITS = '0123456789';
const HEX_LETTERS = 'abcdefABCDEF';
// First letters of the units `number-unit` knows.
const UNIT_LETTERS = 'KkMGTPBmunsh';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?';
const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?';
const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?`;
// Top-level domains that mark a dotted word as a host name rather than a Java class or a metric name; any
// two-letter country code does too after at least two dots (`x.uninet-ide.com.mx`).
const TLD =
  'com|net|org|edu|gov|mil|int|io|co|uk|de|fr|jp|cn|hk|ru|br|in|au|ca|us|eu|info|biz|local|localdomain|lan|internal|arpa';

/**
 * The default masks, in order. Line rules (phrases that span spaces) run first, then token rules on each
 * whitespace-separated token, more specific first; later rules see the `<*>` left by earlier ones.
 * Adapted from the Drain3 example configuration (`drain3.ini`, logpai/Drain3) and extended with the value shapes
 * of the Loghub corpora (Zhu et al. ISSRE 2023): dates, durations and sizes with units, host names, IPv6.
 * An address with a port becomes `<*>:<*>`, as in the Loghub-2.0 ground truth (Jiang et al. ISSTA 2024).
 * Every token rule is digit-agnostic (digits only appear as `\d` or in classes with all digits), which lets the
 * miner mask a token from its cached *shape* (digits replaced by `0`); a test checks it on the Loghub corpora.
 */
export const DEFAULT_MASKS: readonly MaskRule[] = [
  // `Sun Jul 24 02:38:22 2005`, `Jun 9 06:06:20`, `Oct 12, 2016`: needs a clock time or a year.
  {
    name: 'datetime',
    scope: 'line',
    prefilter: String.raw`${MONTH}\s+\d`,
    pattern: String.raw`\b(?:${WEEKDAY}\s+)?${MONTH}\s+\d{1,2}(?:,?\s+\d{4}(?:\s+${CLOCK})?|\s+${CLOCK}(?:\s+\d{4})?)(?![\w:])`,
  },
  // A size with its unit is one value (`5.2 KB`, `18.4 MB`).
  {
    name: 'size',
    scope: 'line',
    prefilter: String.raw`\d\s(?:[KkMGTP]i?)?B(?![A-Za-z0-9])`,
    pattern: String.raw`${START}\d+(?:\.\d+)?\s(?:[KkMGTP]i?B|B)${END}`,
  },
  // A bound on a duration (`<1 sec`, `>= 5 s`).
  {
    name: 'duration-bound',
    scope: 'line',
    prefilter: String.raw`[<>]=?\s?\d`,
    pattern: String.raw`[<>]=?\s?\d+(?:\.\d+)?\s?(?:ms|s|sec|secs|seconds|min|mins|minutes)${END}`,
  },
  {
    name: 'url',
    scope: 'token',
    requires: [':', '/'],
    pattern: String.raw`\b[A-Za-z][A-Za-z0-9+.-]*://[^\s"'<>)\]]+`,
  },
  {
    name: 'uuid',
    scope: 'token',
    requires: [DIGITS + HEX_LETTERS, '-'],
    pattern: String.raw`${START}[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}${END}`,
  },
  {
    name: 'mac',
    scope: 'token',
    requires: [DIGITS + HEX_LETTERS, ':'],
    pattern: String.raw`${START}(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}${END}`,
  },
  {
    name: 'ipv6',
    scope: 'token',
    requires: [DIGITS + HEX_LETTERS, ':'],
    pattern: String.raw`${START}(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}${END}`,
  },
  // A host name in front of a port (`proxy.example.org:5070`); dotted words alone are often class names.
  {
    name: 'host-port',
    scope: 'token',
    requires: ['.', ':'],
    pattern: String.raw`(?<![\w.-])(?:[A-Za-z0-9-]+\.)+[A-Za-z][A-Za-z0-9-]*:\d{1,5}(?![\w.])`,
    maskWith: '<*>:<*>',
  },
  {
    name: 'host',
    scope: 'token',
    requires: ['.'],
    pattern: String.raw`(?<![\w.-])(?:(?:[A-Za-z0-9-]+\.)+(?:${TLD})|(?:[A-Za-z0-9-]+\.){2,}[a-z]{2})(?![\w-]|\.\w)`,
  },
  {
    name: 'ipv4-port',
    scope: 'token',
    requires: [DIGITS, '.', ':'],
    pattern: String.raw`/?${START}\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}${END}`,
    maskWith: '<*>:<*>',
  },
  {
    name: 'ipv4',
    scope: 'token',
    requires: [DIGITS, '.'],
    pattern: String.raw`/?${START}\d{1,3}(?:\.\d{1,3}){3}${END}`,
  },
  {
    name: 'path',
    scope: 'token',
    requires: ['/'],
    pattern: String.raw`(?<=^|[=:'"(\[,])(?:/[\w.@~+-]+){2,}/?`,
  },
  {
    name: 'hex',
    scope: 'token',
    requires: [DIGITS, 'xX'],
    // `\d` rather than `0` keeps every rule digit-agnostic (see Masker): `0x1f`, and also the rare `5x1f`.
    pattern: String.raw`${START}\d[xX][0-9a-fA-F]+${END}`,
  },
  { name: 'time', scope: 'token', requires: [DIGITS, ':'], pattern: String.raw`${START}${CLOCK}${END}` },
  {
    name: 'date',
    scope: 'token',
    requires: [DIGITS, '-/'],
    pattern: String.raw`${START}\d{4}[-/]\d{1,2}[-/]\d{1,2}${END}`,
  },
  // Prefixed ids such as HDFS `blk_-42`, YARN `attempt_1445_0020_m_000000_0`, `job_1445_0020`: the whole token is
  // the parameter, as in the corrected ground truths (Khan et al. ICSE 2022; Loghub-2.0).
  {
    name: 'prefixed-id',
    scope: 'token',
    requires: [DIGITS, '_'],
    pattern: String.raw`(?<![\w.-])[A-Za-z]+_[-+]?\d[\w-]*`,
  },
  // A number glued to its unit (`10000ms`, `5KB`).
  {
    name: 'number-unit',
    scope: 'token',
    requires: [DIGITS, UNIT_LETTERS],
    pattern: String.raw`${START}\d+(?:\.\d+)?(?:[KkMGTP]i?B|B|ms|us|ns|s|sec|secs|min|h)${END}`,
  },
  {
    name: 'number',
    scope: 'token',
    requires: [DIGITS],
    pattern: String.raw`${START}[-+]?\d+(?:\.\d+)?${END}`,
  },
  // After numbers, so a sign stays with its number: hex runs of 8+ (addresses, hashes, trace ids; one digit at least).
  {
    name: 'hexid',
    scope: 'token',
    requires: [DIGITS, HEX_LETTERS],
    pattern: String.raw`${START}(?=[a-fA-F]*\d)[0-9a-fA-F]{8,}${END}`,
  },
];
