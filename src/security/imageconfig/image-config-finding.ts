import type { Finding } from '../report/index.js';
import { imageConfigRules, type ImageConfigRuleId } from './image-config-rules.js';

const rulesById = new Map<string, (typeof imageConfigRules)[number]>(imageConfigRules.map((r) => [r.id, r]));

/** A report finding for a rule of the catalogue: title, severity and fix come from the rule. */
export function imageConfigFinding(
  id: ImageConfigRuleId,
  message: string,
  where: { resource?: string; file?: string } = {},
): Finding {
  const rule = rulesById.get(id);
  if (rule === undefined) throw new Error(`unknown image-config rule ${id}`);
  return {
    kind: 'image-config',
    id,
    severity: rule.severity,
    title: rule.title,
    message,
    ...(where.file === undefined ? {} : { location: { file: where.file } }),
    ...(where.resource === undefined ? {} : { resource: where.resource }),
    ...(id.startsWith('BERTH-')
      ? {}
      : {
          reference: `https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md#${id.toLowerCase()}`,
        }),
    fix: rule.fix,
  };
}
