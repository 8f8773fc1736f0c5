import { groupSignatures } from './group-signatures.js';
import { WILDCARD } from './masking.js';
import { acceptsTokens, fits, newGroup, skeletonOf } from './signature.js';
import type { Group, Signature, Template } from './signature.js';
import { TokenDictionary } from './token-dictionary.js';

/** Signatures of one token count, regrouped from scratch when they changed. */
interface Bucket {
  signatures: Signature[];
  groups: Group[];
  changed: boolean;
  newSinceRegroup: number;
  compactAt: number;
}

/** Buckets with at most this many signatures are regrouped on every new signature (cheap, and exact at once). */
const EAGER_REGROUP = 32;

/**
 * The mutable state of a TemplateMiner: signatures by bucket (token count), their groups and templates.
 * Grouping is a pure function of a bucket's signatures and counts (`groupSignatures`), so a bucket can be
 * regrouped at any time and, until a bucket is folded (`maxSignaturesPerLength`), what `refresh()` leaves
 * never depends on when earlier regroups happened.
 */
export class SignatureStore {
  /** By index; a folded signature's slot points to the signature it was folded into. */
  readonly signatures: Signature[] = [];
  readonly #byKey = new Map<string, Signature>();
  #dictionary = new TokenDictionary();
  readonly #buckets = new Map<number, Bucket>();
  readonly #bySkeleton = new Map<string, Template>();
  readonly #variableThreshold: number;
  readonly #maxPerBucket: number;

  constructor(variableThreshold: number, maxPerBucket: number) {
    this.#variableThreshold = variableThreshold;
    this.#maxPerBucket = maxPerBucket;
  }

  /**
   * Add a new signature and group it. It joins the first group whose constant tokens it matches; otherwise a
   * small bucket is regrouped at once (so a fourth user name turns that position into `<*>` right away) and a
   * large one gives it a group of its own. Every bucket is also regrouped once a quarter of it is new.
   * Returns the live signature (after a fold, the one it was folded into).
   */
  insert(signature: Signature): Signature {
    signature.codes = this.#dictionary.encode(signature.tokens);
    this.signatures[signature.index] = signature;
    if (signature.key !== undefined) this.#byKey.set(signature.key, signature);
    const bucket = this.#bucket(signature.tokens.length);
    bucket.signatures.push(signature);
    bucket.changed = true;
    bucket.newSinceRegroup++;
    const size = bucket.signatures.length;
    if (size > bucket.compactAt) this.#compact(bucket);
    else if (bucket.newSinceRegroup * 4 >= size) this.#regroup(bucket);
    else this.#place(bucket, signature);
    // Folding may have replaced it by the signature it was folded into.
    return this.signatures[signature.index] ?? signature;
  }

  /** Give a new signature a group without regrouping a large bucket (see `insert`). */
  #place(bucket: Bucket, signature: Signature): void {
    const size = bucket.signatures.length;
    const host = bucket.groups.find((g) => fits(g, signature.tokens));
    if (host !== undefined) {
      (host.members as Signature[]).push(signature);
      signature.group = host;
    } else if (size <= EAGER_REGROUP) {
      this.#regroup(bucket);
    } else {
      bucket.groups.push(this.#attach(newGroup([signature], [...signature.tokens], signature.glue)));
    }
  }

  /** Add a restored signature without grouping it (call `refresh()` after the last one). */
  load(signature: Signature): void {
    signature.codes = this.#dictionary.encode(signature.tokens);
    this.signatures[signature.index] = signature;
    if (signature.key !== undefined) this.#byKey.set(signature.key, signature);
    const bucket = this.#bucket(signature.tokens.length);
    bucket.signatures.push(signature);
    bucket.changed = true;
  }

  /** The signature of a masked line, if it was seen (and not folded since). */
  lookup(key: string): Signature | undefined {
    return this.#byKey.get(key);
  }

  /** A folded signature of this token count that accepts these tokens, if any. */
  findFolded(tokens: readonly string[]): Signature | undefined {
    const bucket = this.#buckets.get(tokens.length);
    return bucket?.signatures.find((s) => s.wild !== undefined && acceptsTokens(s, tokens));
  }

  /** Note that a signature's count changed (its bucket must be regrouped before the next read). */
  touch(signature: Signature): void {
    const bucket = this.#buckets.get(signature.tokens.length);
    if (bucket !== undefined) bucket.changed = true;
  }

  /** Regroup every bucket that changed since its last grouping. */
  refresh(): void {
    for (const bucket of this.#buckets.values()) if (bucket.changed) this.#regroup(bucket);
  }

  /** The groups of the bucket these tokens fall in, regrouped first if needed. */
  groupsFor(length: number): readonly Group[] {
    const bucket = this.#buckets.get(length);
    if (bucket === undefined) return [];
    if (bucket.changed) this.#regroup(bucket);
    return bucket.groups;
  }

  /** Every live template. */
  templates(): Template[] {
    const out = new Set<Template>();
    for (const bucket of this.#buckets.values()) for (const g of bucket.groups) out.add(g.template);
    return [...out];
  }

  /** Buckets' compaction points, for snapshots. */
  compactionPoints(): [number, number][] {
    return [...this.#buckets].map(([length, b]) => [length, b.compactAt]);
  }

  setCompactionPoint(length: number, at: number): void {
    this.#bucket(length).compactAt = at;
  }

  /** Restore a folded signature's alias (old index → the signature it was folded into). */
  alias(index: number, target: Signature): void {
    this.signatures[index] = target;
  }

  #bucket(length: number): Bucket {
    let bucket = this.#buckets.get(length);
    if (bucket === undefined) {
      bucket = {
        signatures: [],
        groups: [],
        changed: false,
        newSinceRegroup: 0,
        compactAt: this.#maxPerBucket,
      };
      this.#buckets.set(length, bucket);
    }
    return bucket;
  }

  #regroup(bucket: Bucket): void {
    for (const group of bucket.groups) this.#detach(group);
    const sigs = bucket.signatures;
    bucket.groups = groupSignatures(sigs, this.#variableThreshold, this.#dictionary).map((g) => {
      const members = g.members.map((i) => sigs[i] as Signature);
      return this.#attach(newGroup(members, g.template, (members[0] as Signature).glue));
    });
    bucket.changed = false;
    bucket.newSinceRegroup = 0;
  }

  /** Fold each multi-signature group into one signature that accepts any token where the group varies. */
  #compact(bucket: Bucket): void {
    this.#regroup(bucket);
    const kept: Signature[] = [];
    for (const group of bucket.groups) {
      const members = group.members;
      if (members.length === 1) {
        kept.push(members[0] as Signature);
        continue;
      }
      const head = members.reduce((a, b) => (b.index < a.index ? b : a));
      const wild = group.variable.map((v) => v);
      const tokens = group.tokens.map((t, i) => (wild[i] === true ? WILDCARD : t));
      const folded: Signature = {
        index: head.index,
        id: head.id,
        key: undefined,
        tokens,
        codes: this.#dictionary.encode(tokens),
        glue: head.glue,
        wild,
        count: members.reduce((s, m) => s + m.count, 0),
        firstSeen: Math.min(...members.map((m) => m.firstSeen)),
        lastSeen: Math.max(...members.map((m) => m.lastSeen)),
        group: undefined,
      };
      for (const m of members) {
        this.signatures[m.index] = folded;
        if (m.key !== undefined) this.#byKey.delete(m.key);
      }
      kept.push(folded);
    }
    bucket.signatures = kept.sort((a, b) => a.index - b.index);
    bucket.compactAt = Math.max(this.#maxPerBucket, 2 * kept.length);
    this.#pruneDictionary();
    this.#regroup(bucket);
  }

  /** Start a fresh dictionary once most of its tokens belong to no live signature (after folds). */
  #pruneDictionary(): void {
    let cells = 0;
    for (const b of this.#buckets.values()) for (const sig of b.signatures) cells += sig.tokens.length;
    if (this.#dictionary.size < 4 * cells + 10_000) return;
    this.#dictionary = new TokenDictionary();
    for (const b of this.#buckets.values()) {
      for (const sig of b.signatures) sig.codes = this.#dictionary.encode(sig.tokens);
    }
  }

  #attach(group: Group): Group {
    const skeleton = skeletonOf(group.tokens);
    let template = skeleton === undefined ? undefined : this.#bySkeleton.get(skeleton);
    if (template === undefined) {
      template = { groups: new Set(), skeleton, view: undefined };
      if (skeleton !== undefined) this.#bySkeleton.set(skeleton, template);
    }
    template.groups.add(group);
    template.view = undefined;
    group.template = template;
    for (const m of group.members) m.group = group;
    return group;
  }

  #detach(group: Group): void {
    const template = group.template;
    template.groups.delete(group);
    template.view = undefined;
    if (template.groups.size === 0 && template.skeleton !== undefined)
      this.#bySkeleton.delete(template.skeleton);
  }
}
