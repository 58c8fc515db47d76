/**
 * Longitude/latitude coordinate systems of imported data: WGS84 and CGCS2000 (the same to well
 * under a metre here). Only such data can be GCJ-02 in disguise. No dependencies: the page uses it
 * without loading the converters.
 */
const LONLAT_CRS: ReadonlySet<string> = new Set(['EPSG:4326', 'EPSG:4490']);

export function isLonLatCrs(crs: string): boolean {
  return LONLAT_CRS.has(crs);
}
