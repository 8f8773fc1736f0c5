import { WILDCARD } from './masking.js';

/**
 * The fixed-depth parse tree of Drain (He et al., ICWS 2017, §III-B..D): the root's children are keyed by token
 * count, the next `depth - 3` levels by the leading tokens, and each leaf holds the indices of its clusters.
 * Routing follows Drain3 (`drain.py`, `add_seq_to_prefix_tree` / `tree_search`): a token with a digit goes to
 * the `<*>` child, and once a node has `maxChildren` children every new token goes to `<*>` too.
 */
export interface TreeNode {
  readonly children: Map<string, TreeNode>;
  readonly clusters: number[];
}

/** The routing settings the tree needs. */
export interface TreeSettings {
  /** Drain's depth: root + length level + prefix levels + leaf; so `depth - 3` prefix tokens. */
  readonly depth: number;
  readonly maxChildren: number;
  readonly parametrizeNumericTokens: boolean;
}

export function newNode(): TreeNode {
  return { children: new Map(), clusters: [] };
}

/** True if the token contains an ASCII digit (a loop: faster than a regex on the hot path). */
export function hasDigit(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** How many leading tokens route a line of `tokenCount` tokens (Drain3: `max_node_depth = depth - 2`). */
function prefixLength(tokenCount: number, depth: number): number {
  return Math.max(0, Math.min(depth - 3, tokenCount - 1));
}

/** The leaf a line would be matched in, or undefined when no path exists yet. */
export function findLeaf(
  root: TreeNode,
  tokens: readonly string[],
  settings: TreeSettings,
): TreeNode | undefined {
  let node = root.children.get(String(tokens.length));
  const prefix = prefixLength(tokens.length, settings.depth);
  for (let i = 0; i < prefix && node !== undefined; i++) {
    const token = tokens[i] as string;
    node = node.children.get(token) ?? node.children.get(WILDCARD);
  }
  return node;
}

/** Insert a new cluster (by its template tokens) into the tree, creating the path as needed. */
export function insertCluster(
  root: TreeNode,
  tokens: readonly string[],
  clusterIndex: number,
  settings: TreeSettings,
): void {
  const lengthKey = String(tokens.length);
  let node = root.children.get(lengthKey);
  if (node === undefined) {
    node = newNode();
    root.children.set(lengthKey, node);
  }
  const prefix = prefixLength(tokens.length, settings.depth);
  for (let i = 0; i < prefix; i++) {
    node = childFor(node, tokens[i] as string, settings);
  }
  node.clusters.push(clusterIndex);
}

function childFor(node: TreeNode, token: string, settings: TreeSettings): TreeNode {
  const existing = node.children.get(token);
  if (existing !== undefined) return existing;
  const wildcard = node.children.get(WILDCARD);
  const isParam = settings.parametrizeNumericTokens && hasDigit(token);
  // A new literal child is allowed while it leaves room for the `<*>` child (Drain3 keeps one slot for it).
  const room =
    wildcard === undefined
      ? node.children.size + 1 < settings.maxChildren
      : node.children.size < settings.maxChildren;
  if (!isParam && room) {
    const child = newNode();
    node.children.set(token, child);
    return child;
  }
  if (wildcard !== undefined) return wildcard;
  const child = newNode();
  node.children.set(WILDCARD, child);
  return child;
}
