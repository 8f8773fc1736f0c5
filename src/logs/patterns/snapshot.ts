import { z } from 'zod';
import { BerthError } from '../../errors/index.js';
import { newNode } from './parse-tree.js';
import type { TreeNode } from './parse-tree.js';

/** A parse-tree node as stored in a snapshot: children keyed by token (or token count at the root). */
export interface TreeNodeJson {
  /** `[token, child]` pairs: an array, not an object, so tokens such as `__proto__` are safe. */
  readonly children: [string, TreeNodeJson][];
  readonly clusters: number[];
}

export const TreeNodeJson: z.ZodType<TreeNodeJson> = z.lazy(() =>
  z.object({
    children: z.array(z.tuple([z.string(), TreeNodeJson])),
    clusters: z.array(z.number().int().nonnegative()),
  }),
);

export const MaskRuleJson = z.object({
  name: z.string(),
  pattern: z.string(),
  maskWith: z.string(),
});

export const ClusterJson = z.object({
  id: z.string(),
  tokens: z.array(z.string()),
  count: z.number().int().positive(),
  firstSeen: z.number(),
  lastSeen: z.number(),
});

/** The persisted state of a TemplateMiner (`toJSON()` output, `fromJSON()` input). */
export const TemplateMinerSnapshot = z.object({
  format: z.literal('berth.template-miner'),
  version: z.literal(1),
  options: z.object({
    similarityThreshold: z.number().min(0).max(1),
    depth: z.number().int().min(3),
    maxChildren: z.number().int().min(1),
    paramsCountAsSimilar: z.boolean(),
    parametrizeNumericTokens: z.boolean(),
    masks: z.array(MaskRuleJson),
    postProcess: z.object({
      collapseAdjacentWildcards: z.boolean(),
      mergeWildcardRuns: z.boolean(),
    }),
  }),
  lines: z.number().int().nonnegative(),
  clusters: z.array(ClusterJson),
  tree: TreeNodeJson,
});
export type TemplateMinerSnapshot = z.infer<typeof TemplateMinerSnapshot>;

/** Serialise the parse tree. */
export function nodeToJson(node: TreeNode): TreeNodeJson {
  const children: [string, TreeNodeJson][] = [];
  for (const [key, child] of node.children) children.push([key, nodeToJson(child)]);
  return { children, clusters: [...node.clusters] };
}

/** Rebuild the parse tree, checking that leaves name existing clusters. */
export function nodeFromJson(json: TreeNodeJson, clusterCount: number): TreeNode {
  const node = newNode();
  for (const [key, child] of json.children) {
    node.children.set(key, nodeFromJson(child, clusterCount));
  }
  for (const index of json.clusters) {
    if (index >= clusterCount) {
      throw new BerthError(
        'BERTH_STORE',
        `Template miner snapshot names cluster ${index} of ${clusterCount}.`,
        {
          hint: 'Pass the unmodified output of TemplateMiner.toJSON(), or start a new miner.',
        },
      );
    }
    node.clusters.push(index);
  }
  return node;
}
