import type { ParseResult } from './parse-result.js';

/*
 * A small, safe XML reader for test reports (XML 1.0 subset): elements, attributes, text, CDATA,
 * comments and processing instructions. No DTD is read (a DOCTYPE is refused), so no entity other
 * than the five predefined ones and numeric character references can expand: no "billion laughs",
 * no external entities. Namespace prefixes are kept as part of names.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text and CDATA, not its children's, as written (untrimmed). */
  readonly text: string;
}

export interface ParseXmlOptions {
  /** Larger documents are refused; default 64 MiB. */
  maxBytes?: number;
  /** Deeper nesting is refused; default 256. */
  maxDepth?: number;
}

const predefined: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const nameChar = /[^\s/>=<"'&]+/y;
const attribute = /\s*([^\s/>=<"'&]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

interface Open {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string[];
}

class XmlError extends Error {}

/**
 * Parses `text` into its root element.
 *
 * @example
 * parseXml('<a x="1">hi<b/></a>'); // { ok: true, value: { name: 'a', attributes: { x: '1' }, text: 'hi', children: [...] } }
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): ParseResult<XmlElement> {
  const { maxBytes = 64 * 1024 * 1024, maxDepth = 256 } = options;
  if (text.length > maxBytes || Buffer.byteLength(text) > maxBytes) {
    return { ok: false, reason: `the document is larger than ${maxBytes} bytes` };
  }
  const reader = new Reader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, maxDepth);
  try {
    return { ok: true, value: reader.document() };
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    return { ok: false, reason: `line ${reader.line()}: ${error.message}` };
  }
}

class Reader {
  private i = 0;

  constructor(
    private readonly s: string,
    private readonly maxDepth: number,
  ) {}

  line(): number {
    let line = 1;
    for (let k = 0; k < this.i && k < this.s.length; k++) if (this.s.charCodeAt(k) === 10) line++;
    return line;
  }

  document(): XmlElement {
    this.misc();
    if (!this.s.startsWith('<', this.i) || this.i >= this.s.length) throw new XmlError('no root element');
    const root = this.element();
    this.misc();
    if (this.i < this.s.length) throw new XmlError('content after the root element');
    return root;
  }

  /** Whitespace, comments and processing instructions outside the root; a DOCTYPE is refused. */
  private misc(): void {
    for (;;) {
      while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i++;
      if (this.s.startsWith('<?', this.i)) this.skipPast('?>', 'processing instruction');
      else if (this.s.startsWith('<!--', this.i)) this.skipPast('-->', 'comment');
      else if (this.s.startsWith('<!', this.i)) throw new XmlError('DOCTYPE and DTDs are not allowed');
      else return;
    }
  }

  private skipPast(end: string, what: string): string {
    const close = this.s.indexOf(end, this.i);
    if (close === -1) throw new XmlError(`unterminated ${what}`);
    const body = this.s.slice(this.i, close);
    this.i = close + end.length;
    return body;
  }

  /** Reads one element and everything inside it, with an explicit stack (no recursion). */
  private element(): XmlElement {
    const stack: Open[] = [];
    for (;;) {
      // At a `<` that starts an element.
      const open = this.startTag();
      if (open.selfClosing) {
        const done: XmlElement = { name: open.name, attributes: open.attributes, children: [], text: '' };
        const parent = stack.at(-1);
        if (parent === undefined) return done;
        parent.children.push(done);
      } else {
        if (stack.length >= this.maxDepth) throw new XmlError(`elements nest deeper than ${this.maxDepth}`);
        stack.push({ name: open.name, attributes: open.attributes, children: [], text: [] });
      }
      // Content until the next child element, closing as many elements as end here.
      for (;;) {
        const current = stack.at(-1);
        if (current === undefined) throw new XmlError('unexpected end');
        const closed = this.content(current);
        if (!closed) break; // a child element starts
        stack.pop();
        const done: XmlElement = {
          name: current.name,
          attributes: current.attributes,
          children: current.children,
          text: current.text.join(''),
        };
        const parent = stack.at(-1);
        if (parent === undefined) return done;
        parent.children.push(done);
      }
    }
  }

  private startTag(): { name: string; attributes: Record<string, string>; selfClosing: boolean } {
    this.i++; // `<`
    const name = this.name();
    const attributes: Record<string, string> = {};
    for (;;) {
      attribute.lastIndex = this.i;
      const match = attribute.exec(this.s);
      if (match === null) break;
      const [, key = '', double, single] = match;
      if (Object.hasOwn(attributes, key)) throw new XmlError(`attribute "${key}" is repeated`);
      const raw = double ?? single ?? '';
      if (raw.includes('<')) throw new XmlError(`"<" in the value of attribute "${key}"`);
      attributes[key] = decode(raw);
      this.i = attribute.lastIndex;
    }
    while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i++;
    if (this.s.startsWith('/>', this.i)) {
      this.i += 2;
      return { name, attributes, selfClosing: true };
    }
    if (this.s[this.i] !== '>') throw new XmlError(`malformed start tag <${name}>`);
    this.i++;
    return { name, attributes, selfClosing: false };
  }

  private name(): string {
    nameChar.lastIndex = this.i;
    const match = nameChar.exec(this.s);
    if (match === null) throw new XmlError('expected an element name');
    this.i = nameChar.lastIndex;
    return match[0];
  }

  /** Reads text up to a child element (returns false) or the element's end tag (returns true). */
  private content(current: Open): boolean {
    for (;;) {
      const lt = this.s.indexOf('<', this.i);
      if (lt === -1) throw new XmlError(`<${current.name}> is not closed`);
      if (lt > this.i) current.text.push(decode(this.s.slice(this.i, lt)));
      this.i = lt;
      if (this.s.startsWith('<!--', lt)) this.skipPast('-->', 'comment');
      else if (this.s.startsWith('<![CDATA[', lt)) {
        this.i += 9;
        current.text.push(this.skipPast(']]>', 'CDATA section'));
      } else if (this.s.startsWith('<?', lt)) this.skipPast('?>', 'processing instruction');
      else if (this.s.startsWith('<!', lt)) throw new XmlError('DOCTYPE and DTDs are not allowed');
      else if (this.s.startsWith('</', lt)) {
        this.i += 2;
        const name = this.name();
        while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i++;
        if (this.s[this.i] !== '>') throw new XmlError(`malformed end tag </${name}>`);
        if (name !== current.name) throw new XmlError(`</${name}> closes <${current.name}>`);
        this.i++;
        return true;
      } else return false;
    }
  }
}

/** Replaces the five predefined entities and character references; anything else is an error. */
function decode(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;\s&]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlError(`"&" must start an entity such as &amp;`);
    const known = predefined[ref];
    if (known !== undefined) return known;
    const code = /^#x[0-9a-f]+$/i.test(ref)
      ? parseInt(ref.slice(2), 16)
      : /^#\d+$/.test(ref)
        ? Number(ref.slice(1))
        : NaN;
    if (Number.isNaN(code))
      throw new XmlError(`unknown entity &${ref}; (only &lt; &gt; &amp; &quot; &apos; are defined)`);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
      throw new XmlError(`&${ref}; is not a character`);
    return String.fromCodePoint(code);
  });
}
