/**
 * Print and report: paper (A4/A3), orientation, a scale (1:10,000 … 1:500,000) or "fit the county"
 * (or the whole region), then a PDF (vector text, embedded CJK font) or a 300 dpi PNG of the same
 * page, or the browser's own print (the print stylesheet hides the app's controls). The PDF
 * library and the font load only when a PDF is made.
 */
import bbox from '@turf/bbox';
import { useEffect, useId, useRef, useState } from 'react';
import { localText } from '../../i18n/index.ts';
import { renderMapForPrint } from '../../map/printMap.ts';
import { useI18n } from '../i18n.tsx';
import { findRegionLayer, regionCode } from '../../pack/roles.ts';
import { downloadBlob } from '../stats/exports.ts';
import type { CountyTable } from '../stats/countyTable.ts';
import { useWorkspace } from '../workspace.tsx';
import { fitScale, pageLayout, PRINT_SCALES, scaleText, type Orientation, type Paper } from './printLayout.ts';
import { fitLayout } from './drawReport.ts';
import { reportContent } from './reportContent.ts';

type ScaleChoice = number | 'fit';

function canvasBytes(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => {
        if (b) b.arrayBuffer().then((a) => resolve(new Uint8Array(a)), reject);
        else reject(new Error(`${type} encoding failed`));
      },
      type,
      quality,
    ),
  );
}

export function PrintDialog({ table, onClose }: { table: CountyTable; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { pack, layers, visibleLayers, map, unit, selectedCounty } = useWorkspace();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [paper, setPaper] = useState<Paper>('A4');
  const [orientation, setOrientation] = useState<Orientation>('portrait');
  const [scale, setScale] = useState<ScaleChoice>('fit');
  const [status, setStatus] = useState<'idle' | 'working' | 'failed'>('idle');

  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) node.showModal();
  }, []);

  const regions = findRegionLayer(layers);
  const county = selectedCounty && regions ? regions.data.features.find((f) => regionCode(regions, f) === selectedCounty) : undefined;
  const countyName = county ? String((lang === 'en' && county.properties?.name_en) || county.properties?.name) : undefined;
  const regionName = countyName ?? localText(pack.manifest.name, lang);

  const make = async (format: 'pdf' | 'png') => {
    if (!map) return;
    const content = reportContent({ pack, layers, visible: visibleLayers, table, unit, lang, t, countyName, date: new Date() });
    const layout = fitLayout(content, pageLayout(paper, orientation));
    const bounds = (county ? bbox(county) : pack.manifest.bounds) as [number, number, number, number];
    const denominator = scale === 'fit' ? fitScale(bounds, layout.map) : scale;
    const center: [number, number] = scale === 'fit' ? [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2] : map.getCenter().toArray();
    const dpi = format === 'png' ? 300 : 200;
    const canvas = await renderMapForPrint(map, { widthMm: layout.map.width, heightMm: layout.map.height, dpi, scale: denominator, center });
    if (format === 'pdf') {
      const [{ reportPdf }, font, jpeg] = await Promise.all([
        import('./reportPdf.ts'),
        fetch(new URL('fonts/report-sc.otf', document.baseURI)).then((r) => {
          if (!r.ok) throw new Error(`font: HTTP ${r.status}`);
          return r.arrayBuffer();
        }),
        canvasBytes(canvas, 'image/jpeg', 0.9),
      ]);
      const bytes = await reportPdf(content, layout, denominator, jpeg, font);
      downloadBlob(new Blob([bytes as BlobPart], { type: 'application/pdf' }), `${t('print.fileName')}.pdf`);
    } else {
      const { reportPng } = await import('./reportPng.ts');
      downloadBlob(await reportPng(content, layout, denominator, canvas, 300), `${t('print.fileName')}.png`);
    }
  };
  const run = (format: 'pdf' | 'png') => () => {
    setStatus('working');
    make(format).then(
      () => setStatus('idle'),
      (error: unknown) => {
        console.warn('report failed', error);
        setStatus('failed');
      },
    );
  };

  return (
    <dialog ref={dialog} className="print-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <div className="section-head">
        <h2 id={`${id}-title`}>{t('print.heading')}</h2>
        <button type="button" className="icon-button" onClick={() => dialog.current?.close()} aria-label={t('print.close')}>
          ×
        </button>
      </div>
      <form className="print-form" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('print.paper')}
          <select value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
            <option value="A4">A4</option>
            <option value="A3">A3</option>
          </select>
        </label>
        <label>
          {t('print.orientation')}
          <select value={orientation} onChange={(e) => setOrientation(e.target.value as Orientation)}>
            <option value="portrait">{t('print.portrait')}</option>
            <option value="landscape">{t('print.landscape')}</option>
          </select>
        </label>
        <label>
          {t('print.scale')}
          <select value={String(scale)} onChange={(e) => setScale(e.target.value === 'fit' ? 'fit' : Number(e.target.value))}>
            <option value="fit">{t('print.fit', { region: regionName })}</option>
            {PRINT_SCALES.map((s) => (
              <option key={s} value={s}>
                {scaleText(s)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <div className="button-row">
        <button type="button" onClick={run('pdf')} disabled={status === 'working' || !map}>
          {t('print.pdf')}
        </button>
        <button type="button" className="secondary" onClick={run('png')} disabled={status === 'working' || !map}>
          {t('print.png')}
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('print.browser')}
        </button>
      </div>
      {status === 'working' && (
        <p className="hint" role="status">
          {t('print.working')}
        </p>
      )}
      {status === 'failed' && (
        <p className="error" role="alert">
          {t('print.failed')}
        </p>
      )}
    </dialog>
  );
}
