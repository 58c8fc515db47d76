/**
 * GeographicLib's geodesic routines (MIT). The package is a UMD bundle: bundlers (Vite, esbuild,
 * Vitest) expose its named exports, while Node's own ESM loader exposes only `default`, so take
 * whichever object actually holds `Geodesic`.
 */
import * as geographiclibModule from 'geographiclib-geodesic';

type GeographicLib = typeof geographiclibModule;
const lib: GeographicLib =
  (geographiclibModule as unknown as { default?: GeographicLib }).default ?? geographiclibModule;

export const Geodesic = lib.Geodesic;
/** The WGS84 ellipsoid (CGCS2000 agrees to 1e-9 in area). */
export const wgs84 = lib.Geodesic.WGS84;
