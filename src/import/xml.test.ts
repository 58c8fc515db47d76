import { describe, expect, it } from 'vitest';
import { importFiles } from './importFiles.ts';
import { formatImportMessage } from './messages.ts';
import { fixtureBytes } from './testSupport.ts';
import { hasEntityDeclarations, xmlNestingDepth } from './xml.ts';

const kml = new TextDecoder().decode(fixtureBytes('kml/mixed.kml'));
const input = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

// Each of these took a minute or more before the prolog and depth scans were made linear; a
// return to the quadratic (or exponential) scan fails by the test's timeout.
describe('XML scans stay linear on hostile input', () => {
  it('imports a KML with a declaration, a comment and 40 blanks before the root', async () => {
    const body = kml.replace(/^<\?xml[^>]*\?>\s*/, '');
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- exported -->${' '.repeat(40)}\n${body}`;
    const result = await importFiles([input('indented.kml', text)]);
    expect(result.ok && result.layers[0].featureCount).toBe(9);
  });

  it('refuses a valid KML followed by 12 KB of "<a" junk quickly, naming the problem', async () => {
    const result = await importFiles([input('junk.kml', kml + '<a'.repeat(6000))]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('xml-invalid');
  });

  it('scans a megabyte of unterminated tags and blanks in linear time', () => {
    expect(xmlNestingDepth('<a'.repeat(500_000), 200)).toBe(0);
    expect(hasEntityDeclarations(`<?xml version="1.0"?>${' \n'.repeat(500_000)}<!DOCTYPE x [<!ENTITY a "b">]><x/>`)).toBe(true);
    expect(hasEntityDeclarations(`${'<!-- c -->'.repeat(1000)}<kml/>`)).toBe(false);
  });

  it('still counts nesting through CDATA, comments and self-closing tags', () => {
    expect(xmlNestingDepth('<a><b/><![CDATA[<c><d>]]><!-- <e> --><f><g></g></f></a>', 200)).toBe(3);
  });
});

describe('time budget', () => {
  it('ends an import past its budget with a message saying so', async () => {
    const result = await importFiles([input('slow.kml', kml)], { limits: { maxSeconds: 1e-9 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('import-timeout');
    expect(formatImportMessage(result.error, 'zh')).toMatch(/秒仍未完成/);
  });
});
