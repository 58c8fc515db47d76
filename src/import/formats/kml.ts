/**
 * KML, KMZ and GPX through `@tmcw/togeojson` on a safely parsed DOM (see ../xml.ts).
 *
 * KML descriptions often hold HTML (CDATA). togeojson returns it as `{ "@type": "html", value }`;
 * we keep the HTML as a plain string property — data, never markup — and the UI shows only its
 * text (`descriptionText` strips the tags; React inserts a text node). KMZ files may put the features in a second KML that doc.kml links with a
 * NetworkLink (LIBKML does); links to files inside the archive are followed, remote links are not
 * (no network) and are reported.
 */
import { gpx, kml } from '@tmcw/togeojson';
import type { Feature } from 'geojson';
import { checkCancelled, reserveFeatures, type ImportContext, type RawLayer } from '../context.ts';
import { fail } from '../failure.ts';
import type { ImportMessage } from '../types.ts';
import { decodeText, xmlDeclaredEncoding } from '../text.ts';
import { parseXmlSafely } from '../xml.ts';
import { gpxSinglePointTracks } from './gpxSinglePointTracks.ts';
import { normalizeKmlText } from './kmlText.ts';
import { valueText } from '../valueText.ts';


/** Decodes XML bytes honouring a BOM or the declared encoding (GBK KML exist). */
export function decodeXml(bytes: Uint8Array): { text: string; guessedEncoding?: string } {
  const decoded = decodeText(bytes, xmlDeclaredEncoding(bytes));
  return decoded.guessed ? { text: decoded.text, guessedEncoding: decoded.encoding } : { text: decoded.text };
}

function rootName(doc: Document): string {
  const root = doc.documentElement;
  return (root.localName || root.nodeName || '').replace(/^.*:/, '').toLowerCase();
}

/** Keeps togeojson's properties that are data; HTML descriptions become plain strings. */
function cleanTogeojsonProperties(feature: Feature): void {
  const p = feature.properties;
  if (!p) return;
  const description = p.description as unknown;
  if (description && typeof description === 'object' && 'value' in (description)) {
    p.description = valueText(description.value ?? '');
  }
  // Internal style bookkeeping and per-vertex arrays (track times): not useful as attributes.
  delete p.styleHash;
  delete p.styleMapHash;
  delete p.coordinateProperties;
}

function linkTargets(doc: Document): string[] {
  const out: string[] = [];
  const links = doc.getElementsByTagName('NetworkLink');
  for (let i = 0; i < links.length; i++) {
    const href = links[i].getElementsByTagName('href')[0]?.textContent?.trim();
    if (href) out.push(href);
  }
  return out;
}

function parseDocument(text: string, ctx: ImportContext): Document {
  // Characters ≈ bytes for KML (ASCII markup); the DOM costs ~30× the text.
  if (text.length > ctx.limits.maxXmlBytes) {
    fail('xml-too-large', { sizeMB: Math.round(text.length / 1048576), limitMB: Math.round(ctx.limits.maxXmlBytes / 1048576) });
  }
  return parseXmlSafely(normalizeKmlText(text), ctx.limits.maxXmlDepth);
}

/**
 * Parses a KML or GPX text into a raw layer. `archive` (KMZ) lets NetworkLinks to files inside
 * the archive be followed.
 */
export function parseKmlOrGpx(
  text: string,
  name: string,
  ctx: ImportContext,
  options: { format: 'kml' | 'kmz' | 'gpx' | 'auto'; archive?: Map<string, Uint8Array>; archivePath?: string; guessedEncoding?: string } = { format: 'auto' },
): RawLayer {
  const doc = parseDocument(text, ctx);
  checkCancelled(ctx);
  const dialect = rootName(doc);
  const warnings: ImportMessage[] = [];
  if (options.guessedEncoding) warnings.push({ code: 'encoding-guessed', params: { encoding: 'GBK' } });
  if (dialect === 'gpx') {
    // togeojson drops tracks and routes of one point; GDAL keeps them (as one-point lines, which
    // GeoJSON has not): they come back as points.
    const features = [...(gpx(doc).features), ...gpxSinglePointTracks(doc)];
    reserveFeatures(ctx, features.length);
    features.forEach(cleanTogeojsonProperties);
    return { name, format: 'gpx', features, impliesLonLat: true, warnings };
  }
  if (dialect !== 'kml') fail('xml-not-kml-or-gpx', { root: dialect.slice(0, 40) });

  const features: Feature[] = [];
  const visited = new Set<string>();
  let remoteLinks = 0;
  let overlays = 0;
  const collect = (d: Document, path: string | undefined, depth: number) => {
    checkCancelled(ctx);
    const fc = kml(d);
    reserveFeatures(ctx, fc.features.length);
    for (const f of fc.features) {
      // NetworkLinks are followed below; ground overlays are images, not features.
      const kind: unknown = f.properties?.['@geometry-type'];
      if (kind === 'networklink') continue;
      if (kind === 'groundoverlay') {
        overlays++;
        continue;
      }
      cleanTogeojsonProperties(f as Feature);
      features.push(f as Feature);
    }
    for (const href of linkTargets(d)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
        remoteLinks++;
        continue;
      }
      const target = resolveArchivePath(path, href);
      const bytes = options.archive?.get(target);
      if (!bytes || visited.has(target) || depth >= 4) {
        if (!bytes) remoteLinks++;
        continue;
      }
      visited.add(target);
      collect(parseDocument(decodeXml(bytes).text, ctx), target, depth + 1);
    }
  };
  if (options.archivePath) visited.add(options.archivePath);
  collect(doc, options.archivePath, 0);
  if (features.length === 0 && overlays > 0) fail('kml-overlays-only', { name, count: overlays });
  if (remoteLinks) warnings.push({ code: 'kml-network-link-skipped', params: { count: remoteLinks } });
  if (overlays) warnings.push({ code: 'kml-overlay-skipped', params: { count: overlays } });
  return { name, format: options.format === 'kmz' ? 'kmz' : 'kml', features, impliesLonLat: true, warnings };
}

/** Resolves a relative href against the path of the KML that holds it, inside an archive. */
export function resolveArchivePath(from: string | undefined, href: string): string {
  const base = from ? from.split('/').slice(0, -1) : [];
  for (const part of href.replace(/\\/g, '/').split('/')) {
    if (part === '..') base.pop();
    else if (part !== '.' && part !== '') base.push(part);
  }
  return base.join('/');
}
