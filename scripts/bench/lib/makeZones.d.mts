import type { FeatureCollection, Polygon } from 'geojson';

export function makeZones(n: number, seed: number): FeatureCollection<Polygon>;
