import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../importFiles.ts';
import { descriptionText } from '../text.ts';
import { fixtureInput, maxLayerDifference, maxVertexDifference, referenceLayer } from '../testSupport.ts';

const text = (name: string, s: string) => ({ name, bytes: new TextEncoder().encode(s) });

describe('KML / KMZ / GPX import', () => {
  it.each([
    ['kml/mixed.kml', 'kml-mixed', 'EPSG:4326'],
    ['kml/mixed-gbk.kml', 'kml-mixed', 'EPSG:4326'],
    ['kml/mixed.kmz', 'kmz-mixed', 'EPSG:4326'],
    // Gauss-Krüger metres inside a KML (geojson.io: "0 features"): zone prefix 38 → EPSG:4526.
    ['kml/projected-zone38.kml', 'kml-projected-zone38', 'EPSG:4526'],
  ])('%s matches ogr2ogr to 1e-6°', async (file, ref, crs) => {
    const result = await importFiles([fixtureInput(file)]);
    if (!result.ok) throw new Error(result.error.code);
    const [layer] = result.layers;
    expect(layer.sourceCrs).toBe(crs);
    expect(layer.featureCount).toBe(9);
    expect(maxLayerDifference(layer.data, referenceLayer(ref))).toBeLessThan(1e-6);
  });

  it('decodes a GBK KML by its declaration', async () => {
    const result = await importFiles([fixtureInput('kml/mixed-gbk.kml')]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers[0].data.features.map((f) => f.properties.name).slice(0, 2)).toEqual(['漳泽湖湿地', '雄山五矿沉陷区']);
    expect(result.layers[0].data.features[0].properties['备注']).toBe('含逗号,和"引号"');
  });

  it('follows the NetworkLink inside a KMZ (LIBKML layout)', async () => {
    const result = await importFiles([fixtureInput('kml/mixed.kmz')]);
    expect(result.ok && result.warnings.map((w) => w.code)).not.toContain('kml-network-link-skipped');
  });

  it('reads GPX waypoints and tracks like ogr2ogr', async () => {
    const result = await importFiles([fixtureInput('gpx/mixed.gpx')]);
    if (!result.ok) throw new Error(result.error.code);
    const ours = new Map(result.layers[0].data.features.map((f) => [f.properties.name, f as Feature]));
    const refs = [...referenceLayer('gpx-waypoints').features, ...referenceLayer('gpx-tracks').features];
    expect(ours.size).toBe(refs.length);
    for (const ref of refs) {
      const mine = ours.get(ref.properties?.name);
      // ogr2ogr reads a one-segment track as MultiLineString, togeojson as LineString.
      const refGeometry = ref.geometry.type === 'MultiLineString' && ref.geometry.coordinates.length === 1 ? { type: 'LineString', coordinates: ref.geometry.coordinates[0] } : ref.geometry;
      expect(maxVertexDifference(mine, { ...ref, geometry: refGeometry } as Feature)).toBeLessThan(1e-6);
    }
  });

  it('keeps HTML and scripts in KML text as inert strings (escaped and CDATA)', async () => {
    const escaped = await importFiles([fixtureInput('kml/xss-escaped.kml')]);
    if (!escaped.ok) throw new Error(escaped.error.code);
    const p = escaped.layers[0].data.features[0].properties;
    expect(p.description).toBe('<img src="x" onerror="window.__shanshuiPwned=1"><script>window.__shanshuiPwned=2</script><b>漳泽湖</b>');
    expect(p.name).toBe('<script>window.__shanshuiPwned=3</script>湿地');

    const cdata = await importFiles([fixtureInput('kml/xss-cdata.kml')]);
    if (!cdata.ok) throw new Error(cdata.error.code);
    const q = cdata.layers[0].data.features[0].properties;
    expect(typeof q.description).toBe('string');
    expect(q.description).toContain('<script>window.__shanshuiPwned=2</script>');
    expect(q.name).toBe('漳泽湖<script>window.__shanshuiPwned=4</script>');
    expect(q['备注']).toBe('<img src=x onerror=window.__shanshuiPwned=6>');
    expect(descriptionText(q.description as string)).toBe('湿地面积 1.2 km²\n链接');
  });

  it('refuses entity declarations (billion laughs) and external entities', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><kml><Placemark><name>&c;</name><Point><coordinates>113,36</coordinates></Point></Placemark></kml>`;
    expect(await importFiles([text('lol.kml', lol)])).toMatchObject({ ok: false, error: { code: 'xml-entities' } });
    const xxe = `<?xml version="1.0"?><!DOCTYPE kml SYSTEM "file:///etc/passwd"><kml/>`;
    expect(await importFiles([text('xxe.kml', xxe)])).toMatchObject({ ok: false, error: { code: 'xml-entities' } });
  });

  it('treats a DOCTYPE inside a CDATA description as text', async () => {
    const kml = '<?xml version="1.0"?><kml><Placemark><description><![CDATA[<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x.dtd"><html><body>页</body></html>]]></description><Point><coordinates>113.1,36.2</coordinates></Point></Placemark></kml>';
    const result = await importFiles([text('page.kml', kml)]);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.layers[0].data.features[0].properties.description).toContain('<!DOCTYPE html PUBLIC');
  });

  it('refuses absurdly deep folders before walking them', async () => {
    const deep = `<kml>${'<Folder>'.repeat(5000)}${'</Folder>'.repeat(5000)}</kml>`;
    expect(await importFiles([text('deep.kml', deep)])).toMatchObject({ ok: false, error: { code: 'xml-too-deep' } });
  });

  it('refuses KML text over the XML size limit with both sizes', async () => {
    const result = await importFiles([fixtureInput('kml/mixed.kml')], { limits: { maxXmlBytes: 1024 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'xml-too-large', params: { limitMB: 0 } } });
  });

  it('reports a truncated KML as malformed', async () => {
    const kml = new TextDecoder().decode(fixtureInput('kml/mixed.kml').bytes);
    const result = await importFiles([text('cut.kml', kml.slice(0, 2000))]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toMatch(/^xml-invalid$/);
  });

  it('names other XML', async () => {
    expect(await importFiles([text('x.xml', '<svg xmlns="http://www.w3.org/2000/svg"/>')])).toMatchObject({ ok: false, error: { code: 'xml-not-kml-or-gpx', params: { root: 'svg' } } });
  });

  it('says why a KML with placemarks but no geometry imports nothing', async () => {
    const kml = '<kml><Document><Placemark><name>a</name></Placemark></Document></kml>';
    expect(await importFiles([text('a.kml', kml)])).toMatchObject({ ok: false, error: { code: 'no-features', params: { reason: 'no-geometry' } } });
  });
});
