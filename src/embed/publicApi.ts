/**
 * The widget's small public API, for the page around it and for tests:
 * - `window.shanshui = { version, params, map, pack }` inside the widget's frame;
 * - `{ type: 'shanshui-ready', version }` posted to the parent page once the map has painted.
 * Documented in the README ("Embedding"). Nothing in it is private, so the message goes to '*'.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { version } from '../../package.json';
import type { LoadedPack } from '../pack/types.ts';
import type { EmbedParams } from './params.ts';

const WIDGET_VERSION: string = version;
const READY_MESSAGE = 'shanshui-ready';

export interface ShanshuiApi {
  version: string;
  params: EmbedParams;
  map: MapLibreMap;
  pack: LoadedPack;
}

export function publishApi(api: Omit<ShanshuiApi, 'version'>): void {
  Object.assign(window, { shanshui: { version: WIDGET_VERSION, ...api } satisfies ShanshuiApi });
}

export function announceReady(): void {
  if (window.parent !== window) window.parent.postMessage({ type: READY_MESSAGE, version: WIDGET_VERSION }, '*');
}
