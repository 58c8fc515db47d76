/**
 * GPX tracks (`trk`) and routes (`rte`) with a single point, which togeojson drops, as Point
 * features with the track's name, description and type.
 */
import type { Feature, Position } from 'geojson';

function childText(element: Element, tag: string): string | undefined {
  for (let c = element.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && (c as Element).localName === tag) return c.textContent?.trim() ?? undefined;
  }
  return undefined;
}

function position(point: Element): Position | undefined {
  const lon = Number(point.getAttribute('lon'));
  const lat = Number(point.getAttribute('lat'));
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || point.getAttribute('lon') === null || point.getAttribute('lat') === null) return undefined;
  const ele = Number(childText(point, 'ele'));
  return Number.isFinite(ele) && childText(point, 'ele') !== undefined ? [lon, lat, ele] : [lon, lat];
}

export function gpxSinglePointTracks(doc: Document): Feature[] {
  const features: Feature[] = [];
  for (const [tag, pointTag] of [
    ['trk', 'trkpt'],
    ['rte', 'rtept'],
  ] as const) {
    const elements = doc.getElementsByTagName(tag);
    for (let i = 0; i < elements.length; i++) {
      const element = elements[i];
      const points = element.getElementsByTagName(pointTag);
      if (points.length !== 1) continue;
      const coordinates = position(points[0]);
      if (!coordinates) continue;
      const properties: Record<string, string> = {};
      for (const key of ['name', 'desc', 'type'] as const) {
        const value = childText(element, key);
        if (value) properties[key] = value;
      }
      features.push({ type: 'Feature', properties, geometry: { type: 'Point', coordinates } });
    }
  }
  return features;
}
