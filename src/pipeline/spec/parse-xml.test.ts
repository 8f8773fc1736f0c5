import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from './parse-xml.js';

function root(text: string): XmlElement {
  const result = parseXml(text);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('parseXml', () => {
  it('reads elements, attributes in both quote styles, text and children', () => {
    expect(
      root(`<?xml version="1.0" encoding="UTF-8"?>\n<a x="1" y='two'>hi<b/><c z = "3" >there</c></a>\n`),
    ).toEqual({
      name: 'a',
      attributes: { x: '1', y: 'two' },
      text: 'hi',
      children: [
        { name: 'b', attributes: {}, children: [], text: '' },
        { name: 'c', attributes: { z: '3' }, children: [], text: 'there' },
      ],
    });
  });

  it('decodes the predefined entities and character references in text and attributes', () => {
    const el = root('<a m="&lt;&quot;&apos;&gt;">&amp;&#65;&#x1F600;</a>');
    expect(el.attributes['m']).toBe(`<"'>`);
    expect(el.text).toBe('&A😀');
  });

  it('keeps CDATA as written and skips comments and processing instructions', () => {
    expect(root('<!-- c --><a><![CDATA[<x> & y]]><!-- more --><?pi x?>!</a><!-- end -->').text).toBe(
      '<x> & y!',
    );
  });

  it('skips a byte-order mark and keeps namespace prefixes in names', () => {
    expect(root('\uFEFF<ns:a ns:b="1"/>')).toMatchObject({ name: 'ns:a', attributes: { 'ns:b': '1' } });
  });

  it('reads deep documents without recursion', () => {
    const depth = 200;
    const text = '<a>'.repeat(depth) + 'x' + '</a>'.repeat(depth);
    let el = root(text);
    for (let i = 1; i < depth; i++) el = el.children[0] as XmlElement;
    expect(el.text).toBe('x');
  });

  it.each([
    ['', 'line 1: no root element'],
    ['just text', 'line 1: no root element'],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'DOCTYPE and DTDs are not allowed'],
    ['<a><!DOCTYPE a></a>', 'DOCTYPE and DTDs are not allowed'],
    ['<a>&x;</a>', 'unknown entity &x;'],
    ['<a>fish & chips</a>', '"&" must start an entity'],
    ['<a>&#0;</a>', '&#0; is not a character'],
    ['<a>&#xD800;</a>', 'is not a character'],
    ['<a>\n<b>\n</a>', 'line 3: </a> closes <b>'],
    ['<a>', '<a> is not closed'],
    ['<a x="1" x="2"/>', 'attribute "x" is repeated'],
    ['<a x="<"/>', '"<" in the value of attribute "x"'],
    ['<a x=1/>', 'malformed start tag <a>'],
    ['<a/><b/>', 'content after the root element'],
    ['<a><!-- open</a>', 'unterminated comment'],
    ['<a><![CDATA[x</a>', 'unterminated CDATA section'],
    ['<a></a >junk', 'content after the root element'],
    ['<a></ a>', 'expected an element name'],
  ])('refuses %j', (text, reason) => {
    const result = parseXml(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('refuses documents over the size or depth limit', () => {
    expect(parseXml('<a>' + 'x'.repeat(100) + '</a>', { maxBytes: 50 })).toEqual({
      ok: false,
      reason: 'the document is larger than 50 bytes',
    });
    expect(parseXml('<a><a><a></a></a></a>', { maxDepth: 2 })).toEqual({
      ok: false,
      reason: 'line 1: elements nest deeper than 2',
    });
  });
});
