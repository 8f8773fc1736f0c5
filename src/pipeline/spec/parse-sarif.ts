import { z } from 'zod';
import type { ParseResult } from './parse-result.js';
import {
  defaultMaxFindings,
  SummaryBuilder,
  type ReportOptions,
  type ReportSeverity,
  type ReportSummary,
} from './report-summary.js';

/*
 * SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html): the fields a
 * summary needs, validated at this boundary; everything else is ignored.
 */

const message = z.object({
  text: z.string().optional(),
  id: z.string().optional(),
  arguments: z.array(z.string()).optional(),
});
const level = z.enum(['none', 'note', 'warning', 'error']);
const rule = z.object({
  id: z.string().optional(),
  defaultConfiguration: z.object({ level: level.optional() }).optional(),
  messageStrings: z.record(z.string(), z.object({ text: z.string().optional() })).optional(),
});
const artifactLocation = z.object({ uri: z.string().optional(), index: z.number().int().optional() });
const result = z.object({
  ruleId: z.string().optional(),
  ruleIndex: z.number().int().optional(),
  rule: z.object({ id: z.string().optional(), index: z.number().int().optional() }).optional(),
  kind: z.enum(['pass', 'open', 'informational', 'notApplicable', 'review', 'fail']).optional(),
  level: level.optional(),
  message,
  suppressions: z
    .array(z.object({ status: z.enum(['accepted', 'underReview', 'rejected']).optional() }))
    .optional(),
  locations: z
    .array(
      z.object({
        physicalLocation: z
          .object({
            artifactLocation: artifactLocation.optional(),
            region: z.object({ startLine: z.number().int().min(1).optional() }).optional(),
          })
          .optional(),
      }),
    )
    .optional(),
});
const run = z.object({
  tool: z.object({ driver: z.object({ rules: z.array(rule).optional() }) }),
  artifacts: z.array(z.object({ location: artifactLocation.optional() })).optional(),
  results: z.array(result).nullish(),
});
/** The SARIF log, as far as summaries use it. */
export const sarifLogSchema = z.object({ version: z.literal('2.1.0'), runs: z.array(run) });

type SarifRun = z.infer<typeof run>;
type SarifResult = z.infer<typeof result>;

/**
 * Summarises a SARIF 2.1.0 log: results of kind `fail`, `open` or `review` are failed findings (with
 * rule, level, message, file and line), `pass` and `informational` passed, `notApplicable` and
 * suppressed results (an accepted suppression) skipped.
 *
 * @example
 * parseSarif(JSON.stringify(log)); // { ok: true, value: { kind: 'sarif', failed: 3, findings: [...] } }
 */
export function parseSarif(text: string, options: ReportOptions = {}): ParseResult<ReportSummary> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  if (text.length > maxBytes || Buffer.byteLength(text) > maxBytes) {
    return { ok: false, reason: `the file is larger than ${maxBytes} bytes` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  const log = sarifLogSchema.safeParse(json);
  if (!log.success) {
    const issue = log.error.issues[0];
    return {
      ok: false,
      reason: `not a SARIF 2.1.0 log: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const summary = new SummaryBuilder('sarif', options.maxFindings ?? defaultMaxFindings);
  for (const sarifRun of log.data.runs) {
    for (const r of sarifRun.results ?? []) {
      const kind = r.kind ?? 'fail';
      if (kind === 'pass' || kind === 'informational') summary.pass();
      else if (kind === 'notApplicable' || isSuppressed(r)) summary.skip();
      else summary.fail(finding(sarifRun, r));
    }
  }
  return { ok: true, value: summary.build() };
}

function finding(sarifRun: SarifRun, r: SarifResult): Parameters<SummaryBuilder['fail']>[0] {
  const rules = sarifRun.tool.driver.rules ?? [];
  const index = r.ruleIndex ?? r.rule?.index;
  const ruleId = r.ruleId ?? r.rule?.id;
  const ruleDef =
    (index === undefined ? undefined : rules[index]) ??
    rules.find((x) => x.id !== undefined && x.id === ruleId);
  const id = ruleId ?? ruleDef?.id;
  // §3.27.10: without `level`, a `fail` result takes the rule's default level, else `warning`.
  const severity: ReportSeverity = r.level ?? ruleDef?.defaultConfiguration?.level ?? 'warning';
  const physical = r.locations?.[0]?.physicalLocation;
  const artifact = physical?.artifactLocation;
  const uri =
    artifact?.uri ??
    (artifact?.index === undefined ? undefined : sarifRun.artifacts?.[artifact.index]?.location?.uri);
  const line = physical?.region?.startLine;
  return {
    message: messageText(r, ruleDef?.messageStrings) ?? id ?? 'result',
    severity,
    ...(id === undefined ? {} : { rule: id }),
    ...(uri === undefined ? {} : { file: filePath(uri) }),
    ...(line === undefined ? {} : { line }),
  };
}

/** §3.27.23, §3.35.3: a suppression without a status, or accepted, hides the result. */
function isSuppressed(r: SarifResult): boolean {
  return (r.suppressions ?? []).some((s) => s.status === undefined || s.status === 'accepted');
}

/** `message.text`, or the rule's message string `message.id` with `{0}`-style arguments filled in. */
function messageText(r: SarifResult, strings: z.infer<typeof rule>['messageStrings']): string | undefined {
  if (r.message.text !== undefined) return r.message.text;
  const template = r.message.id === undefined ? undefined : strings?.[r.message.id]?.text;
  return template?.replace(/\{(\d+)\}/g, (whole, n: string) => r.message.arguments?.[Number(n)] ?? whole);
}

/** A URI as a path: `file://` dropped and percent-escapes decoded. */
function filePath(uri: string): string {
  const path = uri.replace(/^file:\/\//, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
