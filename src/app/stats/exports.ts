/** Download helpers for the statistics table and the map picture. */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Lang, MessageKey, MessageParams } from '../../i18n/index.ts';
import { localText } from '../../i18n/index.ts';
import { schematicShare } from '../../pack/schematicShare.ts';
import type { LoadedLayer, LoadedPack, PlanFigure } from '../../pack/types.ts';
import type { CountyTable, TableUnit } from './countyTable.ts';
import { tableCsv, type TableTexts } from './exportTable.ts';
import { appTitle } from '../appTitle.ts';

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function exportTable(table: CountyTable, unit: TableUnit, lang: Lang, texts: TableTexts, planFigures: readonly PlanFigure[], format: 'csv' | 'xlsx', baseName: string): Promise<void> {
  if (format === 'csv') {
    downloadBlob(new Blob([tableCsv(table, unit, lang, texts, planFigures)], { type: 'text/csv;charset=utf-8' }), `${baseName}.csv`);
    return;
  }
  // The XLSX writer (and its zip code) loads only when asked for.
  const { tableXlsx } = await import('./tableXlsx.ts');
  const bytes = tableXlsx(table, unit, lang, texts, baseName.slice(0, 31), planFigures);
  downloadBlob(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `${baseName}.xlsx`);
}

type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * The map as a PNG with title, legend (every visible layer, imported ones too), scale bar, north
 * arrow and attribution (the pack's, and the online basemap's host when one is shown).
 */
export async function exportMapPng(map: MapLibreMap, pack: LoadedPack, layers: readonly LoadedLayer[], visible: ReadonlySet<string>, lang: Lang, t: Translate, sizeFactor = 1): Promise<Blob> {
  const { renderMapPng } = await import('../../map/exportPng.ts');
  // A larger picture of the same view: the map draws at a higher pixel ratio for the moment.
  const ratio = map.getPixelRatio();
  if (sizeFactor !== 1) {
    map.setPixelRatio(ratio * sizeFactor);
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
  }
  try {
    return await renderMapPngOf(map, renderMapPng, pack, layers, visible, lang, t);
  } finally {
    if (sizeFactor !== 1) map.setPixelRatio(ratio);
  }
}

function renderMapPngOf(
  map: MapLibreMap,
  renderMapPng: typeof import('../../map/exportPng.ts').renderMapPng,
  pack: LoadedPack,
  layers: readonly LoadedLayer[],
  visible: ReadonlySet<string>,
  lang: Lang,
  t: Translate,
): Promise<Blob> {
  const attribution = pack.manifest.attribution.map((a) => localText(a.text, lang));
  const basemap = map.getLayer('basemap') ? basemapHost(map) : null;
  if (basemap) attribution.push(t('stats.basemapAttribution', { host: basemap }));
  return renderMapPng(map, {
    title: appTitle(pack, lang),
    subtitle: `${localText(pack.manifest.name, lang)} · ${new Date().toISOString().slice(0, 10)}`,
    legend: pngLegend(layers, visible, lang, t),
    attribution,
    northLabel: t('stats.northLabel'),
    lang,
  });
}

/** Legend entries of the PNG: the visible layers in panel order, schematic ones marked. */
export function pngLegend(layers: readonly LoadedLayer[], visible: ReadonlySet<string>, lang: Lang, t: Translate) {
  return layers
    .filter((l) => visible.has(l.id))
    .map((l) => ({
      label: localText(l.title, lang) + (schematicShare(l) !== 'none' ? ` (${t('layers.schematic')})` : ''),
      colour: l.style.color,
      outline: l.style.outline ?? l.style.color,
      shape: l.geometry === 'line' ? ('line' as const) : l.geometry === 'point' ? ('point' as const) : ('area' as const),
      schematic: schematicShare(l) !== 'none',
    }));
}

function basemapHost(map: MapLibreMap): string | null {
  const tiles = (map.getStyle().sources.basemap as { tiles?: string[] } | undefined)?.tiles;
  try {
    return tiles?.[0] ? new URL(tiles[0]).host : null;
  } catch {
    return null;
  }
}
