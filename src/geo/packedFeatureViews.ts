/**
 * Features that stay packed (see packedFeatures.ts): each is a small object with its properties,
 * and its `geometry` is built from the flat arrays when it is read, not kept. A large imported
 * layer is held on the page this way: 67,000 polygons of 24 corners take ~231 MB as a GeoJSON
 * object tree in V8 and ~30 MB packed; whoever needs a geometry (a click, the details, placing
 * the feature in a county, packing it for the statistics) gets a fresh one for the moment.
 *
 * Such a feature is a GeoJSON Feature for reading (`type`, `properties`, `geometry`) and for
 * JSON.stringify (`toJSON`), but not for structured cloning (a clone keeps only `type` and
 * `properties`): pack it (packFeatures) to send it to a worker.
 */
import type { Feature, Geometry } from 'geojson';
import { RAW_FEATURE, readPackedGeometry, skipPackedGeometry, type PackedCursor, type PackedFeatures } from './packedFeatures.ts';

/** One packed collection and where each of its features starts in the arrays. */
class PackedSource {
  /** Per feature: start in `types`, `counts`, `coords` (three entries each). */
  private readonly starts: Uint32Array;

  constructor(private readonly packed: PackedFeatures) {
    const starts = new Uint32Array(packed.count * 3);
    const at: PackedCursor = { t: 0, c: 0, x: 0 };
    for (let i = 0; i < packed.count; i++) {
      starts[3 * i] = at.t;
      starts[3 * i + 1] = at.c;
      starts[3 * i + 2] = at.x;
      const type = packed.types[at.t++];
      if (type !== RAW_FEATURE) skipPackedGeometry(packed, type, at);
    }
    this.starts = starts;
  }

  geometry(i: number): Geometry | null {
    const at: PackedCursor = { t: this.starts[3 * i], c: this.starts[3 * i + 1], x: this.starts[3 * i + 2] };
    return readPackedGeometry(this.packed, this.packed.types[at.t++], at);
  }
}

class PackedFeature implements Feature<Geometry | null> {
  readonly type = 'Feature' as const;
  readonly #source: PackedSource;
  readonly #index: number;

  constructor(
    source: PackedSource,
    index: number,
    public properties: Feature['properties'],
  ) {
    this.#source = source;
    this.#index = index;
  }

  /** A new geometry on every read: keep it only as long as it is needed. */
  get geometry(): Geometry | null {
    return this.#source.geometry(this.#index);
  }

  toJSON(): Feature<Geometry | null> {
    return { type: 'Feature', properties: this.properties, geometry: this.geometry };
  }
}

/**
 * The features of `packed` with the given `properties` (one object per feature, as they were),
 * geometries read on demand. A feature the packed form did not keep (`raw`) is returned as it is.
 */
export function packedFeatureViews(packed: PackedFeatures, properties: readonly unknown[]): Feature<Geometry | null>[] {
  const source = new PackedSource(packed);
  const features = new Array<Feature<Geometry | null>>(packed.count);
  for (let i = 0; i < packed.count; i++) {
    const raw = packed.raw[i] as Feature<Geometry | null> | undefined;
    features[i] = raw ?? new PackedFeature(source, i, (properties[i] ?? null));
  }
  return features;
}
