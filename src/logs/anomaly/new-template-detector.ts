import { BerthError } from '../../errors/index.js';
import type { Anomaly, NewTemplateDetails } from './anomaly.js';
import { templateSimilarity } from './template-similarity.js';

export interface NewTemplateDetectorOptions {
  /** A new template that is a near-duplicate of a known one is reported only after this many lines. Default 3. */
  readonly minCount?: number;
  /** Templates at least this similar (`templateSimilarity`) to a known one are near-duplicates. Default 0.8. */
  readonly nearDuplicateSimilarity?: number;
}

/** One mined line, as `TemplateMiner.add()` describes it, with its time. */
export interface TemplateSighting {
  readonly templateId: string;
  readonly template: string;
  readonly atMs: number;
}

interface Pending {
  template: string;
  count: number;
  readonly firstSeenMs: number;
  reported: boolean;
}

/**
 * Templates first seen after a release (issue 5 item 7), so a release's unseen error lines show up. Lines before the
 * release boundary teach the known set; after it, a template id outside that set is reported once: at its first
 * line when it resembles no known template, or after `minCount` lines when it is a near-duplicate of one (a reworded
 * message is less alarming than a new one). Score = 1 − similarity to the nearest known template.
 *
 * @example
 * const detector = new NewTemplateDetector();
 * for (const l of before) detector.observe(l); // learn
 * detector.release('r42', releaseAtMs);
 * detector.observe({ templateId: 'T9', template: 'panic: <*>', atMs }); // Anomaly of kind 'new-template'
 */
export class NewTemplateDetector {
  readonly #minCount: number;
  readonly #similarity: number;
  /** Known template id → its latest text. */
  readonly #known = new Map<string, string>();
  readonly #pending = new Map<string, Pending>();
  #release: { readonly id: string; readonly atMs: number } | undefined;

  constructor(options: NewTemplateDetectorOptions = {}) {
    this.#minCount = options.minCount ?? 3;
    this.#similarity = options.nearDuplicateSimilarity ?? 0.8;
    if (!Number.isInteger(this.#minCount) || this.#minCount < 1) {
      throw new BerthError(
        'BERTH_CONFIG',
        `NewTemplateDetector option minCount is invalid: ${this.#minCount}.`,
        {
          hint: 'Use a positive integer, e.g. 3.',
        },
      );
    }
    if (!(this.#similarity > 0 && this.#similarity <= 1)) {
      throw new BerthError(
        'BERTH_CONFIG',
        `NewTemplateDetector option nearDuplicateSimilarity is invalid: ${this.#similarity}.`,
        { hint: 'Use a similarity in (0, 1], e.g. 0.8.' },
      );
    }
  }

  /** Mark templates as known (e.g. restored from the previous release's template list). */
  learn(templates: Iterable<{ readonly templateId: string; readonly template: string }>): void {
    for (const t of templates) this.#known.set(t.templateId, t.template);
  }

  /**
   * Start watching for templates of release `id`, deployed at `atMs`. Templates seen so far, including those new in
   * the previous release, become known.
   */
  release(id: string, atMs: number): void {
    this.#release = { id, atMs };
    for (const [templateId, p] of this.#pending) this.#known.set(templateId, p.template);
    this.#pending.clear();
  }

  /** Feed one line; returns an anomaly when this line makes its template reportable. */
  observe(line: TemplateSighting): Anomaly | undefined {
    const release = this.#release;
    if (release === undefined || line.atMs < release.atMs || this.#known.has(line.templateId)) {
      this.#known.set(line.templateId, line.template);
      return undefined;
    }
    let pending = this.#pending.get(line.templateId);
    if (pending === undefined) {
      pending = { template: line.template, count: 0, firstSeenMs: line.atMs, reported: false };
      this.#pending.set(line.templateId, pending);
    }
    pending.count++;
    pending.template = line.template;
    if (pending.reported) return undefined;
    const nearest = this.#nearest(line.template);
    const nearDuplicate = nearest !== null && nearest.similarity >= this.#similarity;
    if (nearDuplicate && pending.count < this.#minCount) return undefined;
    pending.reported = true;
    return newTemplateAnomaly(line, {
      templateId: line.templateId,
      template: line.template,
      count: pending.count,
      firstSeenMs: pending.firstSeenMs,
      releaseId: release.id,
      releaseAtMs: release.atMs,
      nearest,
    });
  }

  /** Template ids first seen after the current release. */
  newTemplates(): string[] {
    return [...this.#pending.keys()];
  }

  #nearest(template: string): NewTemplateDetails['nearest'] {
    let best: NewTemplateDetails['nearest'] = null;
    for (const [templateId, known] of this.#known) {
      const similarity = templateSimilarity(template, known);
      if (similarity > 0 && (best === null || similarity > best.similarity)) {
        best = { templateId, template: known, similarity };
      }
    }
    return best;
  }
}

function newTemplateAnomaly(line: TemplateSighting, details: NewTemplateDetails): Anomaly {
  const near =
    details.nearest === null
      ? 'resembling no earlier template'
      : `nearest earlier template ${details.nearest.templateId} at similarity ${details.nearest.similarity.toFixed(2)}`;
  return {
    kind: 'new-template',
    key: line.templateId,
    atMs: line.atMs,
    score: 1 - (details.nearest?.similarity ?? 0),
    message: `New log template after release ${details.releaseId}: "${details.template}" (${details.count} lines, ${near}).`,
    details,
  };
}
