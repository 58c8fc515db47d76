/**
 * The "嵌入 / Embed" dialog: an editor picks layers, county, size and options, sees the widget in
 * a live preview and copies ready code (iframe + loader script, or a plain fixed-height iframe).
 * The starting choices are the workspace's shareable state, read from the URL the app keeps.
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { EMBED_CONTROLS, MAX_TITLE_LENGTH, serializeEmbedParams, type EmbedControls } from '../embed/params.ts';
import type { ShanshuiApi } from '../embed/publicApi.ts';
import { isSchematicLayer } from '../pack/loadPack.ts';
import { findRegionLayer, isCountedLayer, layerRole, regionCode, regionName } from '../pack/roles.ts';
import { localText, translate, type Lang } from '../i18n/index.ts';
import type { LoadedLayer, LoadedPack } from '../pack/types.ts';
import { useI18n } from './i18n.tsx';
import { parseAppState } from '../map/urlState.ts';
import { publishedLayers, publishedPackRef, type VersionChoice } from './team/publishedPack.ts';
import { useControllerState, useTeam } from './team/teamSlots.tsx';
import './EmbedDialog.css';

/** Widths offered for the iframe: the page column (responsive) or a fixed size. */
const WIDTHS = ['100%', '640', '480', '375'] as const;
type EmbedWidth = (typeof WIDTHS)[number];

/** The pack's counties (its regions layer) a widget can focus: code and name. */
function regionChoices(pack: LoadedPack, lang: Lang): { adcode: string; name: string }[] {
  const regions = findRegionLayer(pack.layers);
  if (!regions) return [];
  return regions.data.features.map((f) => ({ adcode: regionCode(regions, f) ?? '', name: regionName(regions, f, lang) ?? '' }));
}

export interface EmbedChoices {
  layers: string[];
  county: string;
  view?: [number, number, number];
  width: EmbedWidth;
  height: number;
  legend: boolean;
  controls: EmbedControls;
  static: boolean;
  dark: boolean;
  inset: boolean;
  /** The plan's indicator table under the map (only offered when the pack has one). */
  indicators: boolean;
  title: string;
  lang: Lang;
}

/** The two previews: a phone at its real width, a desktop column drawn smaller beside it. */
const PHONE_PREVIEW_WIDTH = 375;
const DESKTOP_PREVIEW_WIDTH = 960;
const DESKTOP_PREVIEW_SPACE = 300;

/** Heights offered for the iframe, in px. */
export const MIN_HEIGHT = 200;
export const MAX_HEIGHT = 1200;

/**
 * The height a typed text stands for, clamped into range; `fallback` (the last valid height) when
 * it is no number. Applied on commit (blur, Enter), not per key, so "600" can be typed via "6".
 */
export function committedHeight(text: string, fallback: number): number {
  const value = Number(text.trim() || NaN);
  return Number.isFinite(value) ? Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.round(value))) : fallback;
}

/** While typing, only a value already in range replaces the last valid height. */
export function typedHeight(text: string, fallback: number): number {
  const value = Number(text.trim() || NaN);
  return value >= MIN_HEIGHT && value <= MAX_HEIGHT ? Math.round(value) : fallback;
}

/** The layers after ticking or unticking one, in pack order; the last ticked layer stays. */
export function toggledLayers(packLayerIds: readonly string[], current: readonly string[], id: string, on: boolean): string[] {
  const next = packLayerIds.filter((l) => (l === id ? on : current.includes(l)));
  // An empty `layers=` would make the widget fall back to the default layers.
  return next.length > 0 ? next : [...current];
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Absolute URL of the widget for these choices, next to the app (same folder as index.html). */
export function widgetUrl(choices: EmbedChoices, pack: string | undefined, base: string): string {
  const query = serializeEmbedParams({
    pack,
    layers: choices.layers,
    county: choices.county || undefined,
    view: choices.view,
    lang: choices.lang,
    legend: choices.legend,
    controls: choices.controls,
    static: choices.static,
    dark: choices.dark,
    inset: choices.inset,
    indicators: choices.indicators,
    title: choices.title,
  });
  return new URL(`embed.html${query}`, base).href;
}

/** The two code variants; `title` is always set (screen readers announce frames by it). */
export function embedCode(src: string, loaderSrc: string, choices: EmbedChoices, title: string): { responsive: string; fixed: string } {
  const common = `src="${escapeAttribute(src)}" title="${escapeAttribute(title)}"`;
  const maxWidth = choices.width === '100%' ? '' : `max-width:${choices.width}px;`;
  const responsive =
    `<iframe data-shanshui-embed ${common} style="width:100%;${maxWidth}border:0" height="${choices.height}" loading="lazy"></iframe>\n` +
    `<script async src="${escapeAttribute(loaderSrc)}"></script>`;
  const fixed = `<iframe ${common} width="${choices.width}" height="${choices.height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
  return { responsive, fixed };
}

function CodeBlock({ label, code, testId }: { label: string; code: string; testId: string }) {
  const { t } = useI18n();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');
  // Never rejects: a refused clipboard falls back to selecting the code.
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setStatus(t('embed.dialog.copied'));
    } catch {
      // No clipboard permission (an intranet page over http): select it for Ctrl+C instead.
      area.current?.select();
      setStatus(document.execCommand?.('copy') ? t('embed.dialog.copied') : t('embed.dialog.copyFailed'));
    }
  };
  useEffect(() => setStatus(''), [code]);
  return (
    <div className="embed-code">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} ref={area} readOnly value={code} rows={4} spellCheck={false} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
      <div className="embed-code-actions">
        <button type="button" onClick={() => void copy()}>
          {t('embed.dialog.copy')}
        </button>
        <span role="status" aria-live="polite">
          {status}
        </span>
      </div>
    </div>
  );
}

function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="embed-fieldset">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

interface EmbedDialogProps {
  pack: LoadedPack;
  onClose: () => void;
}

export function EmbedDialog({ pack, onClose }: EmbedDialogProps) {
  const { t, lang } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const lastLayerId = useId();
  const appState = useMemo(() => parseAppState(window.location.search), []);
  const counties = useMemo(
    () =>
      regionChoices(pack, lang)
        .filter((c) => /^\d{6}$/.test(c.adcode))
        .sort((a, b) => a.adcode.localeCompare(b.adcode)),
    [pack, lang],
  );
  // Context layers (county seats) are always drawn by the widget: not a choice.
  const choosable = useMemo(() => pack.layers.filter((l) => layerRole(l) !== 'reference'), [pack]);
  const [choices, setChoices] = useState<EmbedChoices>(() => {
    const known = appState.layers?.filter((id) => pack.layers.some((l) => l.id === id));
    return {
      layers: known?.length ? known : pack.layers.filter((l) => l.visible !== false && layerRole(l) !== 'reference').map((l) => l.id),
      county: appState.county ?? '',
      width: '100%',
      height: 480,
      legend: true,
      controls: 'zoom',
      static: false,
      dark: false,
      inset: true,
      indicators: false,
      title: '',
      lang,
    };
  });
  const set = <K extends keyof EmbedChoices>(key: K, value: EmbedChoices[K]) => setChoices((c) => ({ ...c, [key]: value }));
  const toggleLayer = (id: string, on: boolean) => setChoices((c) => ({ ...c, layers: toggledLayers(choosable.map((l) => l.id), c.layers, id, on) }));
  // The field keeps what is typed; choices.height is the last valid height (used in the code).
  const [heightText, setHeightText] = useState(String(choices.height));
  const commitHeight = () => {
    const height = committedHeight(heightText, choices.height);
    set('height', height);
    setHeightText(String(height));
  };
  const region = (l: Lang) => localText(pack.manifest.name, l);

  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) node.showModal();
  }, []);

  // Signed in to a server with published versions: the widget may load one of them instead.
  const team = useTeam();
  const published = useControllerState(team?.publish);
  const [version, setVersion] = useState<VersionChoice>('current');
  const versionChoice = published && team ? version : 'current';
  const src = widgetUrl(
    { ...choices, layers: publishedLayers(choices.layers, published?.layers.map((l) => l.id) ?? [], versionChoice) },
    (team && publishedPackRef(team.publish.packId, versionChoice)) ?? appState.pack,
    document.baseURI,
  );
  const loaderSrc = new URL('embed.js', document.baseURI).href;
  // The default frame title is in the widget's language, like the page it goes into.
  const defaultTitle = translate(choices.lang, 'embed.map.region', { region: region(choices.lang) });
  const frameTitle = choices.title.trim() || defaultTitle;
  const code = embedCode(src, loaderSrc, choices, frameTitle);

  // The preview follows the choices after a short pause, so typing a title does not reload it per key.
  const [previewSrc, setPreviewSrc] = useState(src);
  useEffect(() => {
    const timer = setTimeout(() => setPreviewSrc(src), 400);
    return () => clearTimeout(timer);
  }, [src]);

  // Like the loader on a news page: the responsive previews take the height the widget asks for.
  const preview = useRef<HTMLIFrameElement>(null);
  const phonePreview = useRef<HTMLIFrameElement>(null);
  const [previewHeight, setPreviewHeight] = useState<number | null>(null);
  const [phoneHeight, setPhoneHeight] = useState<number | null>(null);
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const height = Number((event.data as Record<string, unknown> | null)?.['shanshui-height']);
      if (!(height > 0 && height < 4000)) return;
      if (event.source === preview.current?.contentWindow) setPreviewHeight(Math.ceil(height));
      if (event.source === phonePreview.current?.contentWindow) setPhoneHeight(Math.ceil(height));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  const responsive = choices.width === '100%';
  // The desktop preview at its real width (a news column), drawn smaller so it fits beside the phone.
  const desktopWidth = responsive ? DESKTOP_PREVIEW_WIDTH : Number(choices.width);
  const desktopZoom = Math.min(1, DESKTOP_PREVIEW_SPACE / desktopWidth);
  // The overlay engine and the print code load with the first use, not with the app.
  const [empty, setEmpty] = useState<LoadedLayer[]>([]);
  useEffect(() => {
    let current = true;
    import('../embed/emptyLayers.ts')
      .then(({ emptyLayers }) => current && setEmpty(emptyLayers(pack, choices.layers, choices.county)))
      .catch(() => current && setEmpty([]));
    return () => {
      current = false;
    };
  }, [pack, choices.layers, choices.county]);
  const countyName = counties.find((c) => c.adcode === choices.county)?.name ?? '';
  const [printStatus, setPrintStatus] = useState('');
  const print = async (format: 'svg' | 'png') => {
    const api = (preview.current?.contentWindow as (Window & { shanshui?: ShanshuiApi }) | null)?.shanshui;
    if (!api?.map.loaded()) {
      setPrintStatus(t('embed.dialog.print.notReady'));
      return;
    }
    try {
      const shown = pack.layers.filter((l) => choices.layers.includes(l.id));
      const { printPng, printSvg } = await import('../embed/printImage.ts');
      const image = printSvg(api.map, api.pack, { title: choices.title.trim() || undefined, lang: choices.lang, schematic: shown.some((l) => isCountedLayer(l) && isSchematicLayer(l)) });
      const blob = format === 'svg' ? new Blob([image.svg], { type: 'image/svg+xml' }) : await printPng(image.svg, image.width, image.height);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `${frameTitle}.${format}`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      setPrintStatus('');
    } catch (err) {
      setPrintStatus(t('embed.dialog.print.failed', { reason: err instanceof Error ? err.message : String(err) }));
    }
  };

  return (
    <dialog
      ref={dialog}
      className="embed-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (e.target === e.currentTarget) {
          const box = e.currentTarget.getBoundingClientRect();
          if (e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom) e.currentTarget.close();
        }
      }}
    >
      <div className="embed-dialog-head">
        <h2 id={titleId}>{t('embed.dialog.title')}</h2>
        <button type="button" className="embed-dialog-close" onClick={() => dialog.current?.close()} aria-label={t('embed.dialog.close')}>
          ×
        </button>
      </div>
      <p className="embed-dialog-intro">{t('embed.dialog.intro')}</p>
      <div className="embed-dialog-body">
        <form className="embed-form" onSubmit={(e) => e.preventDefault()}>
          <Fieldset legend={t('embed.dialog.layers')}>
            {choosable.map((layer) => {
              const last = choices.layers.length === 1 && choices.layers[0] === layer.id;
              return (
                <label key={layer.id} className="embed-check" title={last ? t('embed.dialog.lastLayer') : undefined}>
                  <input
                    type="checkbox"
                    checked={choices.layers.includes(layer.id)}
                    disabled={last}
                    aria-describedby={last ? lastLayerId : undefined}
                    onChange={(e) => toggleLayer(layer.id, e.target.checked)}
                  />
                  {localText(layer.title, lang)}
                </label>
              );
            })}
            {choices.layers.length === 1 && (
              <p id={lastLayerId} className="embed-dialog-intro" style={{ margin: '4px 0 0' }}>
                {t('embed.dialog.lastLayer')}
              </p>
            )}
          </Fieldset>
          {published && published.versions.length > 0 && (
            <Fieldset legend={t('embed.dialog.version')}>
              <select
                aria-label={t('embed.dialog.version')}
                value={String(version)}
                onChange={(e) => setVersion(e.target.value === 'current' || e.target.value === 'latest' ? e.target.value : Number(e.target.value))}
              >
                <option value="current">{t('embed.dialog.version.current')}</option>
                <option value="latest">{t('embed.dialog.version.latest')}</option>
                {[...published.versions].reverse().map((v) => (
                  <option key={v.version} value={v.version}>
                    {t('embed.dialog.version.pinned', { date: v.created_at.slice(0, 10), version: v.version })}
                  </option>
                ))}
              </select>
            </Fieldset>
          )}
          <Fieldset legend={t('embed.dialog.county')}>
            <select aria-label={t('embed.dialog.county')} value={choices.county} onChange={(e) => set('county', e.target.value)}>
              <option value="">{t('embed.dialog.wholeRegion', { region: region(lang) })}</option>
              {counties.map((c) => (
                <option key={c.adcode} value={c.adcode}>
                  {c.name}
                </option>
              ))}
            </select>
            <label className="embed-check">
              <input type="checkbox" checked={Boolean(choices.view)} disabled={!appState.view} onChange={(e) => set('view', e.target.checked ? appState.view : undefined)} />
              {t('embed.dialog.useView')}
            </label>
          </Fieldset>
          <Fieldset legend={t('embed.dialog.size')}>
            <label className="embed-field">
              {t('embed.dialog.width')}
              <select value={choices.width} onChange={(e) => set('width', e.target.value as EmbedWidth)}>
                {WIDTHS.map((w) => (
                  <option key={w} value={w}>
                    {w === '100%' ? t('embed.dialog.widthResponsive') : `${w} px`}
                  </option>
                ))}
              </select>
            </label>
            <label className="embed-field">
              {t('embed.dialog.height')}
              <input
                type="number"
                min={MIN_HEIGHT}
                max={MAX_HEIGHT}
                step={10}
                value={heightText}
                onChange={(e) => {
                  setHeightText(e.target.value);
                  set('height', typedHeight(e.target.value, choices.height));
                }}
                onBlur={commitHeight}
                onKeyDown={(e) => e.key === 'Enter' && commitHeight()}
              />
            </label>
          </Fieldset>
          <Fieldset legend={t('embed.dialog.options')}>
            <label className="embed-field">
              {t('embed.dialog.title.label')}
              <input type="text" maxLength={MAX_TITLE_LENGTH} value={choices.title} placeholder={defaultTitle} onChange={(e) => set('title', e.target.value)} />
            </label>
            <label className="embed-field">
              {t('embed.dialog.lang')}
              <select value={choices.lang} onChange={(e) => set('lang', e.target.value as Lang)}>
                <option value="zh" lang="zh">
                  中文
                </option>
                <option value="en" lang="en">
                  English
                </option>
              </select>
            </label>
            <label className="embed-field">
              {t('embed.dialog.controls')}
              <select value={choices.controls} disabled={choices.static} onChange={(e) => set('controls', e.target.value as EmbedControls)}>
                {EMBED_CONTROLS.map((c) => (
                  <option key={c} value={c}>
                    {t(`embed.dialog.controls.${c}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="embed-check">
              <input type="checkbox" checked={choices.legend} onChange={(e) => set('legend', e.target.checked)} />
              {t('embed.dialog.legend')}
            </label>
            <label className="embed-check">
              <input type="checkbox" checked={choices.static} onChange={(e) => set('static', e.target.checked)} />
              {t('embed.dialog.static')}
            </label>
            <label className="embed-check">
              <input type="checkbox" checked={choices.dark} onChange={(e) => set('dark', e.target.checked)} />
              {t('embed.dialog.dark')}
            </label>
            <label className="embed-check">
              <input type="checkbox" checked={choices.inset} onChange={(e) => set('inset', e.target.checked)} />
              {t('embed.dialog.inset')}
            </label>
            {pack.indicators && (
              <label className="embed-check">
                <input type="checkbox" checked={choices.indicators} onChange={(e) => set('indicators', e.target.checked)} />
                {t('embed.dialog.indicators')}
              </label>
            )}
          </Fieldset>
        </form>
        <div className="embed-output">
          <h3>{t('embed.dialog.preview')}</h3>
          {empty.length > 0 && (
            <p className="embed-dialog-warning" role="status">
              {t('embed.dialog.empty', { place: countyName, layers: empty.map((l) => localText(l.title, lang)).join('、') })}
            </p>
          )}
          <div className="embed-preview">
            <figure className="embed-preview-frame">
              <iframe
                ref={phonePreview}
                src={previewSrc}
                title={frameTitle}
                data-testid="embed-preview-phone"
                style={{ width: `${PHONE_PREVIEW_WIDTH}px`, height: `${phoneHeight ?? choices.height}px` }}
              />
              <figcaption>{t('embed.dialog.preview.phone')}</figcaption>
            </figure>
            <figure className="embed-preview-frame">
              <iframe
                ref={preview}
                src={previewSrc}
                title={frameTitle}
                data-testid="embed-preview"
                style={{ width: `${desktopWidth}px`, zoom: desktopZoom, height: `${responsive && previewHeight ? previewHeight : choices.height}px` }}
              />
              <figcaption>{t('embed.dialog.preview.desktop', { width: String(desktopWidth) })}</figcaption>
            </figure>
          </div>
          <div className="embed-print">
            <span>{t('embed.dialog.print')}</span>
            <button type="button" onClick={() => void print('svg')}>
              {t('embed.dialog.print.svg')}
            </button>
            <button type="button" onClick={() => void print('png')}>
              {t('embed.dialog.print.png')}
            </button>
            <span role="status" aria-live="polite">
              {printStatus}
            </span>
          </div>
          <CodeBlock label={t('embed.dialog.code.responsive')} code={code.responsive} testId="embed-code-responsive" />
          <CodeBlock label={t('embed.dialog.code.fixed')} code={code.fixed} testId="embed-code-fixed" />
        </div>
      </div>
    </dialog>
  );
}
