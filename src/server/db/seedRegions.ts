import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { PackManifest } from '../../pack/types.ts';
import type { Database } from './schema.ts';

/**
 * Loads the regions of a pack (its counties layer, by `adcode`) into the `regions` table once; the
 * county editors' write checks run against these polygons in PostGIS. Returns the number loaded.
 */
export async function seedRegions(db: Kysely<Database>, packsDir: string, packId: string): Promise<number> {
  const existing = await db.selectFrom('regions').select(sql<number>`count(*)::int`.as('n')).where('pack_id', '=', packId).executeTakeFirstOrThrow();
  if (existing.n > 0) return 0;
  const manifest = JSON.parse(await readFile(join(packsDir, packId, 'pack.json'), 'utf8')) as PackManifest;
  const regions = await regionsLayer(manifest, join(packsDir, packId));
  let loaded = 0;
  await db.transaction().execute(async (trx) => {
    for (const feature of regions.features) {
      const props = feature.properties ?? {};
      if (typeof props.adcode !== 'string') continue;
      await sql`
        INSERT INTO regions (code, name, name_en, pack_id, geom)
        VALUES (${props.adcode}, ${String(props.name ?? props.adcode)}, ${typeof props.name_en === 'string' ? props.name_en : null}, ${packId},
                ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(feature.geometry)}), 4326)), 3)))
        ON CONFLICT (code) DO NOTHING`.execute(trx);
      loaded++;
    }
  });
  return loaded;
}

/** The pack's regions: the layer whose role is `regions`, else the first whose features carry an `adcode`. */
async function regionsLayer(manifest: PackManifest, dir: string): Promise<FeatureCollection<Polygon | MultiPolygon>> {
  const layers = [...manifest.layers].sort((a, b) => Number(roleOf(b) === 'regions') - Number(roleOf(a) === 'regions'));
  for (const layer of layers) {
    if (layer.geometry !== 'polygon') continue;
    const data = JSON.parse(await readFile(join(dir, layer.file), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
    if (data.features.length > 0 && data.features.every((f) => typeof f.properties?.adcode === 'string')) return data;
  }
  return { type: 'FeatureCollection', features: [] };
}

const roleOf = (layer: object): unknown => (layer as { role?: unknown }).role;
