/**
 * The Go text/template subset `line_format` accepts: literal text and actions `{{.label}}`,
 * `{{ .label }}`, `{{__line__}}` and `{{__timestamp__}}` (LogQL docs, "Line format expression").
 */

export type TemplatePart =
  { kind: 'text'; text: string } | { kind: 'label'; name: string } | { kind: 'line' } | { kind: 'timestamp' };

export class LineTemplateError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'LineTemplateError';
  }
}

/** Splits a template into parts or throws LineTemplateError with the offset of the bad action. */
export function parseLineTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      parts.push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) parts.push({ kind: 'text', text: template.slice(i, open) });
    const close = template.indexOf('}}', open + 2);
    if (close < 0) throw new LineTemplateError('unclosed action "{{" (missing "}}")', open);
    const action = template.slice(open + 2, close).trim();
    const label = /^\.([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(action);
    if (label !== null) parts.push({ kind: 'label', name: label[1] ?? '' });
    else if (action === '__line__') parts.push({ kind: 'line' });
    else if (action === '__timestamp__') parts.push({ kind: 'timestamp' });
    else {
      throw new LineTemplateError(
        `unsupported template action "{{${action}}}" (supported: {{.label}}, {{__line__}}, {{__timestamp__}})`,
        open,
      );
    }
    i = close + 2;
  }
  return parts;
}

/** Renders parts; a missing label renders as "" like Go's template over map[string]string. */
export function renderLineTemplate(
  parts: readonly TemplatePart[],
  labels: Readonly<Record<string, string>>,
  line: string,
  timestampMs: number,
): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'label') out += labels[part.name] ?? '';
    else if (part.kind === 'line') out += line;
    else out += new Date(timestampMs).toISOString();
  }
  return out;
}
