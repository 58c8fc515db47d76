/**
 * The team's shared layers as workspace layers: every signed-in member sees them on the map, in
 * the layer panel (with who shared them when) and in the county statistics, like an imported layer.
 * The list of shared layers comes from the PublishController (it already reads `/api/layers`);
 * this controller reads each layer's features (`/api/layers/{id}/features`) — again only when the
 * layer's version changed or when asked (`refresh`) — and keeps an unchanged layer the same object,
 * so a refresh that finds nothing new re-runs neither the statistics nor the map.
 *
 * A large layer (as many features as the importer tiles, 5,000) is drawn from the server's vector
 * tiles (`/api/layers/{id}/tiles/{z}/{x}/{y}.mvt`, source layer as the app's imported tiles); its
 * features still come as GeoJSON for the statistics and the lists.
 *
 * Each feature is a server record with its own versions: `history` and `restore` reach them
 * (`/api/features/{id}`), and a restore reads the layer again.
 */
import type { Geometry } from 'geojson';
import { layerGeometryOf } from '../store/importedLayer.ts';
import { IMPORT_TILE_LAYER } from '../import/tileIndex.ts';
import type { LoadedLayer } from '../pack/types.ts';
import { asApiError, type ApiError, type RecordVersion, type ServerApi } from '../store/serverApi.ts';
import { Observable } from './observable.ts';
import type { SharedLayer } from './publishController.ts';

/** As many features as make the importer draw a layer from tiles (DEFAULT_TILE_MIN_FEATURES). */
const SHARED_TILE_MIN_FEATURES = 5_000;
const FEATURES_PATH = '/api/features';
/** Workspace layer ids of shared layers: never a pack layer's or an import's (`import-…`). */
const ID_PREFIX = 'shared-';

/** A short key of a layer's contents (its features' ids and versions): FNV-1a, 32 bits, base 36. */
function contentKey(ids: readonly string[], versions: string): string {
  let hash = 0x811c9dc5;
  for (const text of [...ids, versions]) {
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** A feature of a shared layer as the server sends it (src/server/routes/layers.ts). */
interface ServerFeature {
  id: string;
  version: number;
  type: 'Feature';
  geometry: Geometry;
  properties: Record<string, unknown> | null;
}

export interface SharedLayersState {
  /** The shared layers as workspace layers (`shared` set), in the server's order. */
  layers: LoadedLayer[];
  /** The last failure reading a layer's features (the layers read before stay). */
  error: ApiError | null;
}

interface SharedLayersOptions {
  api: Pick<ServerApi, 'request' | 'history' | 'restore'>;
  /** Origin of the server for tile URLs (MapLibre fetches tiles in a worker: no relative URLs). */
  origin: string;
  tileMinFeatures?: number;
  /** Told after a restore the server confirmed (the page tells its other tabs). */
  announce?: () => void;
}

export class SharedLayersController extends Observable<SharedLayersState> {
  /** Per server layer id: the version its features were read at, and the workspace layer made. */
  private readonly read = new Map<string, { version: number; layer: LoadedLayer }>();
  private records: SharedLayer[] = [];
  /** Bumped by `clear`: a read finishing after a sign-out is dropped. */
  private generation = 0;

  constructor(private readonly options: SharedLayersOptions) {
    super({ layers: [], error: null });
  }

  /**
   * The shared layers are now these: reads the features of new and changed ones (with `refresh`
   * also those of every layer not drawn from tiles: a feature may change without its layer; a
   * tiled one is read again when its layer changes), drops the removed ones. Resolves when done (never rejects; a failure is `error`).
   */
  show(records: readonly SharedLayer[], refresh = false): Promise<void> {
    // One read at a time, in the order asked: an older read never lands after a newer one.
    const next = this.showing.then(() => this.readLayers(records, refresh));
    this.showing = next.catch(() => {});
    return next;
  }

  private showing: Promise<void> = Promise.resolve();

  private async readLayers(records: readonly SharedLayer[], refresh: boolean): Promise<void> {
    const generation = this.generation;
    this.records = records.filter((r) => !r.deleted);
    let error: ApiError | null = null;
    for (const record of this.records) {
      const known = this.read.get(record.id);
      if (known && known.version === record.version && !(refresh && !known.layer.imported?.tiles)) continue;
      try {
        const layer = await this.readLayer(record, known?.layer);
        if (generation !== this.generation) return;
        this.read.set(record.id, { version: record.version, layer });
      } catch (failure) {
        error = asApiError(failure);
      }
    }
    if (generation !== this.generation) return;
    const live = new Set(this.records.map((r) => r.id));
    for (const id of [...this.read.keys()]) if (!live.has(id)) this.read.delete(id);
    this.publish(error);
  }

  /** Signed out: nothing shared is shown. */
  clear(): void {
    this.generation++;
    this.read.clear();
    this.records = [];
    this.update({ layers: [], error: null });
  }

  /** The versions of a feature of a shared layer (its server id, see `featureId`), oldest first. */
  history(featureId: string): Promise<RecordVersion[]> {
    return this.options.api.history(FEATURES_PATH, featureId);
  }

  /**
   * Makes an earlier version of a feature its newest (on the server, so for the whole team) and
   * reads the layer again. `current` is the newest version the user saw: a teammate's later change
   * makes the server refuse (409) rather than be overwritten. Rejects with the ApiError (a county
   * editor outside their counties: 403).
   */
  async restore(layerId: string, featureId: string, version: number, current: number): Promise<void> {
    const generation = this.generation;
    await this.options.api.restore(FEATURES_PATH, featureId, version, current);
    this.options.announce?.();
    const record = this.records.find((r) => ID_PREFIX + r.id === layerId);
    if (!record) return;
    const layer = await this.readLayer(record, this.read.get(record.id)?.layer);
    // Signed out meanwhile: nothing comes back.
    if (generation !== this.generation) return;
    this.read.set(record.id, { version: record.version, layer });
    this.publish(null);
  }

  /** The server id of a shared layer's feature (workspace layer id, index in its data): history and restore address it, not its place in the list. */
  featureId(layerId: string, index: number): string {
    const id = this.getState().layers.find((l) => l.id === layerId)?.shared?.featureIds[index];
    if (!id) throw new Error(`no feature ${index} in shared layer ${layerId}`);
    return id;
  }

  private publish(error: ApiError | null): void {
    const layers = this.records.flatMap((r) => this.read.get(r.id)?.layer ?? []);
    const before = this.getState().layers;
    const same = layers.length === before.length && layers.every((l, i) => l === before[i]);
    if (same && error === this.getState().error) return;
    this.update({ layers: same ? before : layers, error });
  }

  /** Reads a layer's features; the layer read before is kept (same object) when nothing changed. */
  private async readLayer(record: SharedLayer, before: LoadedLayer | undefined): Promise<LoadedLayer> {
    const collection = await this.options.api.request<{ type: 'FeatureCollection'; features: ServerFeature[] }>(
      'GET',
      `/api/layers/${encodeURIComponent(record.id)}/features`,
    );
    const features = collection.features.filter((f) => f.geometry);
    const featureIds = features.map((f) => f.id);
    const versions = features.map((f) => f.version).join();
    if (before?.shared && before.shared.featureIds.join() === featureIds.join() && before.shared.versions === versions && before.shared.by === record.updated_by && before.shared.at === record.updated_at && before.style.color === record.style.color) return before;
    const data = {
      type: 'FeatureCollection' as const,
      features: features.map((f) => ({ type: 'Feature' as const, geometry: f.geometry, properties: f.properties ?? {} })),
    };
    const tiled = features.length >= (this.options.tileMinFeatures ?? SHARED_TILE_MIN_FEATURES);
    const geometry = layerGeometryOf(data);
    return {
      id: ID_PREFIX + record.id,
      file: `/api/layers/${record.id}/features`,
      role: record.role ?? 'zones',
      title: record.title,
      legend: record.legend,
      geometry,
      // Drawn like an imported layer: a faint tint, the outline in the layer's colour.
      style: { color: record.style.color, outline: record.style.color, fillOpacity: 0.15, lineWidth: geometry === 'polygon' ? 1.6 : 2, label: 'name' },
      visible: record.visible !== false,
      data: data as LoadedLayer['data'],
      imported: {
        fileName: localTitle(record),
        sourceCrs: 'EPSG:4326',
        importedAt: Date.parse(record.updated_at),
        ...(tiled
          ? {
              tiles: {
                // A new URL whenever the features changed, so the map fetches tiles anew (the server keys them by revision).
                url: `${this.options.origin}/api/layers/${record.id}/tiles/{z}/{x}/{y}.mvt?v=${contentKey(featureIds, versions)}`,
                sourceLayer: IMPORT_TILE_LAYER,
                maxZoom: 16,
                // The server's tiles name each feature by its id: a click or a highlight finds its index through these.
                featureIds: { property: 'id', ids: featureIds },
              },
            }
          : {}),
      },
      shared: { serverId: record.id, by: record.updated_by, at: record.updated_at, featureIds, versions },
    };
  }
}

const localTitle = (record: SharedLayer): string => record.title.zh || record.title.en;
