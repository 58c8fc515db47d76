/**
 * Shared layers and published pack versions. An editor shares an imported file as a layer the
 * server keeps (a layer record, then its features through the server's own importer, all or
 * nothing; a refused import leaves no empty layer behind), and publishes the pack with the shared
 * layers as a new immutable version for news widgets. Everyone signed in sees the shared layers
 * with who changed them when, and everyone sees the published versions.
 */
import type { LayerRole, LocalText, Precision } from '../pack/types.ts';
import { asApiError, type ApiError, type ServerApi, type ServerRecord } from '../store/serverApi.ts';
import { Observable } from './observable.ts';

export interface SharedLayer extends ServerRecord {
  title: LocalText;
  legend: LocalText;
  geometry: 'polygon' | 'line' | 'point' | 'mixed';
  style: { color: string };
  role?: LayerRole;
  visible?: boolean;
  updated_at: string;
  updated_by: string;
}

export interface PackVersion {
  version: number;
  created_at: string;
  author: string;
}

export interface PublishState {
  layers: SharedLayer[];
  versions: PackVersion[];
  busy: boolean;
  error: ApiError | null;
  /** The version this page just published (for the "published as …" line). */
  published: number | null;
}

export interface ShareInput {
  title: string;
  color: string;
  precision: Precision;
  source?: string;
  files: { name: string; bytes: Uint8Array }[];
}

const toBase64 = (bytes: Uint8Array): string => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

export class PublishController extends Observable<PublishState> {
  constructor(
    private readonly api: Pick<ServerApi, 'list' | 'create' | 'remove' | 'request'>,
    readonly packId: string,
    /** Told after a share or a publish the server confirmed (the page tells its other tabs). */
    private readonly announce: () => void = () => undefined,
  ) {
    super({ layers: [], versions: [], busy: false, error: null, published: null });
  }

  /** The published versions (public), and the shared layers when `signedIn`. */
  async load(signedIn: boolean): Promise<void> {
    try {
      const versions = await this.api.request<PackVersion[]>('GET', `/packs/${this.packId}/versions.json`);
      const layers = signedIn ? (await this.api.list<SharedLayer>('/api/layers')).filter((l) => !l.deleted) : [];
      this.update({ versions, layers, error: null });
    } catch (error) {
      this.update({ error: asApiError(error) });
    }
  }

  /** Shares a file as a new layer; true when the server stored it with all its features. */
  async share(input: ShareInput): Promise<boolean> {
    this.update({ busy: true, error: null });
    let layer: SharedLayer | null = null;
    try {
      layer = await this.api.create<SharedLayer>('/api/layers', {
        title: { zh: input.title, en: input.title },
        legend: { zh: input.title, en: input.title },
        geometry: 'mixed',
        style: { color: input.color },
        visible: true,
      });
      await this.api.request('POST', `/api/layers/${layer.id}/import`, {
        body: {
          files: input.files.map((f) => ({ name: f.name, base64: toBase64(f.bytes) })),
          precision: input.precision,
          ...(input.source ? { source: input.source } : {}),
        },
      });
      await this.load(true);
      this.update({ busy: false });
      this.announce();
      return true;
    } catch (error) {
      // The refused import's empty layer is taken back; if even that fails, the list shows it as the
      // server has it (never a layer on the server the user does not see), and the refusal is said.
      if (layer) await this.api.remove('/api/layers', layer.id, layer.version).catch(() => this.load(true));
      this.update({ busy: false, error: asApiError(error) });
      return false;
    }
  }

  /** Publishes the pack with the shared layers; the new version number, or null when refused. */
  async publish(): Promise<number | null> {
    this.update({ busy: true, error: null });
    try {
      const { version } = await this.api.request<{ version: number }>('POST', `/api/packs/${this.packId}/publish`);
      await this.load(true);
      this.update({ busy: false, published: version });
      this.announce();
      return version;
    } catch (error) {
      this.update({ busy: false, error: asApiError(error) });
      return null;
    }
  }
}
