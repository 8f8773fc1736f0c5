import { readKeyValues, type KeyValue } from '../docker-words.js';
import type { DockerfileInstruction, ParsedDockerfile } from '../dockerfile-types.js';
import { hasVariable } from '../expand-variables.js';
import { labelValueChecks } from './label-values.js';
import type { DockerfileRule, LintContext, RuleHit, RuleMeta } from './rule-types.js';
import { copyFrom, stageIndexOf } from './stage-helpers.js';

/**
 * Rules driven by a label schema (Hadolint's `label-schema` config): labels every image must carry and the
 * type of their values. All of them are off without `labelSchema`.
 */
function eachLabel(
  context: LintContext,
  check: (pair: KeyValue, instruction: DockerfileInstruction) => string | undefined,
): RuleHit[] {
  const { doc } = context;
  return doc.instructions.flatMap((instruction) => {
    if (instruction.keyword !== 'LABEL' || context.options.labelSchema === undefined) return [];
    for (const pair of readKeyValues(instruction.args, doc.escapeChar)) {
      const message = check(pair, instruction);
      if (message !== undefined) return [{ instruction, message }];
    }
    return [];
  });
}

/** Stages other stages only copy files from are build helpers, not images: they need no labels. */
function copiedStages(doc: ParsedDockerfile): Set<number> {
  return new Set(
    doc.instructions.flatMap((instruction) => {
      const from = instruction.keyword === 'COPY' ? copyFrom(instruction) : undefined;
      const index = from === undefined ? undefined : stageIndexOf(doc, from);
      return index === undefined ? [] : [index];
    }),
  );
}

export const dl3049: DockerfileRule = {
  id: 'DL3049',
  severity: 'info',
  title: 'A label required by the label schema is missing',
  check: ({ doc, options }) => {
    const required = Object.keys(options.labelSchema ?? {});
    const labels = new Map<number, Set<string>>();
    for (const instruction of doc.instructions) {
      const stage = doc.stages[instruction.stage];
      if (instruction.keyword === 'FROM' && stage !== undefined) {
        labels.set(stage.index, new Set(stage.parent === undefined ? [] : labels.get(stage.parent)));
      } else if (instruction.keyword === 'LABEL') {
        for (const { key } of readKeyValues(instruction.args, doc.escapeChar))
          labels.get(instruction.stage)?.add(key);
      }
    }
    const helpers = copiedStages(doc);
    return doc.instructions.flatMap((instruction) => {
      if (instruction.keyword !== 'FROM' || helpers.has(instruction.stage)) return [];
      const missing = required.filter((label) => labels.get(instruction.stage)?.has(label) !== true);
      return missing.map((label) => ({
        instruction,
        message: `label "${label}" is missing in this stage; add LABEL ${label}=...`,
      }));
    });
  },
};

export const dl3050: DockerfileRule = {
  id: 'DL3050',
  severity: 'info',
  title: 'Superfluous label present',
  check: (context) => {
    const schema = context.options.labelSchema ?? {};
    if (context.options.strictLabels !== true) return [];
    return eachLabel(context, ({ key }) =>
      Object.hasOwn(schema, key)
        ? undefined
        : `label "${key}" is not in the label schema; remove it or add it to the schema`,
    );
  },
};

export const dl3051: DockerfileRule = {
  id: 'DL3051',
  severity: 'warning',
  title: 'A label in the label schema is empty',
  check: (context) =>
    eachLabel(context, ({ key, value }) =>
      Object.hasOwn(context.options.labelSchema ?? {}, key) && value.trim() === ''
        ? `label "${key}" is empty; give it a value`
        : undefined,
    ),
};

function valueRule(meta: RuleMeta): DockerfileRule {
  return {
    ...meta,
    check: (context) =>
      eachLabel(context, ({ key, value }) => {
        const type = context.options.labelSchema?.[key];
        const check = type === undefined ? undefined : labelValueChecks[type];
        if (check?.rule !== meta.id || value === '' || hasVariable(value) || check.valid(value))
          return undefined;
        return `label "${key}" is "${value}", which is not ${check.expected}`;
      }),
  };
}

export const dl3052 = valueRule({
  id: 'DL3052',
  severity: 'warning',
  title: 'A url label is not a valid URL',
});
export const dl3053 = valueRule({
  id: 'DL3053',
  severity: 'warning',
  title: 'A rfc3339 label is not a valid RFC 3339 time',
});
export const dl3055 = valueRule({
  id: 'DL3055',
  severity: 'warning',
  title: 'A hash label is not a valid git hash',
});
export const dl3056 = valueRule({
  id: 'DL3056',
  severity: 'warning',
  title: 'A semver label is not a semantic version',
});
export const dl3058 = valueRule({
  id: 'DL3058',
  severity: 'warning',
  title: 'An email label is not a valid e-mail address',
});

export const labelSchemaRules: readonly DockerfileRule[] = [
  dl3049,
  dl3050,
  dl3051,
  dl3052,
  dl3053,
  dl3055,
  dl3056,
  dl3058,
];
