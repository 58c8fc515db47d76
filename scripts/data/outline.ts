/** Shanxi province outline from Debian gmt-dcw (`gmt coast -ECN.SX -M`). */
import type { Feature } from 'geojson';
import { debianPackageVersion, gmt, parseGmtSegments } from './lib/gmt.ts';

export function shanxiOutline(): Feature {
  const segments = parseGmtSegments(gmt(['coast', '-ECN.SX', '-M']));
  if (segments.length !== 1 || segments[0].points.length < 100) {
    throw new Error(`gmt coast -ECN.SX returned ${segments.length} segments; expected one closed outline`);
  }
  const ring = segments[0].points;
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]]);
  const version = debianPackageVersion('gmt-dcw');
  return {
    type: 'Feature',
    properties: {
      name: '山西省',
      name_en: 'Shanxi Province',
      adcode: '140000',
      source: `Debian gmt-dcw${version ? ` ${version}` : ''} (DCW, LGPL-3+): gmt coast -ECN.SX -M`,
      precision: 'published',
    },
    geometry: { type: 'Polygon', coordinates: [ring] },
  };
}
