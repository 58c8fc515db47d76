/**
 * The coordinate-system confirmation: shown when a file's coordinates are projected but say no
 * CRS (a shapefile without .prj), or when the declared one cannot be right. It lists the importer's
 * ranked candidates with where the data would land ("in 长治市" first), lets the user pick the
 * datum (CGCS2000 / Xi'an 1980 / Beijing 1954 — the numbers cannot tell them apart), or type any
 * EPSG code, proj4 or WKT. Nothing is imported until the user confirms.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { otherDatumEquivalents } from '../../import/crs/detect.ts';
import { crsDefinitionByEpsg, type Datum } from '../../import/crs/definitions.ts';
import type { CrsGuess } from '../../import/types.ts';
import { localText, type MessageKey } from '../../i18n/index.ts';
import { useI18n } from '../i18n.tsx';
import { useWorkspace } from '../workspace.tsx';
import { useImports, type PendingCrs } from './ImportsProvider.tsx';
import { useNoticeText } from './ImportControl.tsx';

const DATUMS: Datum[] = ['CGCS2000', 'Xian1980', 'Beijing1954'];
/** Candidates shown at once; the rest fold away. */
const SHOWN = 4;

function epsgOf(code: string): number {
  return Number(code.replace(/^EPSG:/i, ''));
}

/** The candidate's code on each datum available for it (itself included). */
export function datumChoices(candidate: CrsGuess): { datum: Datum; code: string }[] {
  const own = crsDefinitionByEpsg(epsgOf(candidate.crs));
  if (!own || own.kind !== 'gauss-kruger') return [];
  const all = [{ datum: own.datum, code: own.code }, ...otherDatumEquivalents(own.code).map((d) => ({ datum: d.datum, code: d.code }))];
  return DATUMS.map((datum) => all.find((c) => c.datum === datum)).filter((c): c is { datum: Datum; code: string } => !!c);
}

export default function CrsDialog({ pending }: { pending: PendingCrs }) {
  const { t, lang } = useI18n();
  const { pack } = useWorkspace();
  const { confirmCrs, cancelCrs } = useImports();
  const text = useNoticeText();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const customId = useId();
  const { candidates } = pending;
  const firstLikely = Math.max(0, candidates.findIndex((c) => c.insideRegion));
  const [chosen, setChosen] = useState(candidates.length ? firstLikely : -1);
  const [datum, setDatum] = useState<Datum>('CGCS2000');
  const [custom, setCustom] = useState('');

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const candidate = chosen >= 0 ? candidates[chosen] : undefined;
  const datums = useMemo(() => (candidate ? datumChoices(candidate) : []), [candidate]);
  const datumCode = datums.find((d) => d.datum === datum)?.code ?? candidate?.crs;
  const fromCrs = custom.trim() || datumCode;
  const region = localText(pack.manifest.name, lang);

  const option = (c: CrsGuess, i: number) => (
    <li key={c.crs}>
      <label className="crs-option">
        <input type="radio" name="crs-candidate" value={c.crs} checked={chosen === i} onChange={() => setChosen(i)} />
        <span className="crs-label">
          {c.label[lang]} <code>{c.crs}</code>
          {i === firstLikely && c.insideRegion && <span className="crs-likely">{t('import.crs.likely')}</span>}
        </span>
        <span className="crs-where">
          {c.insideRegion ? t('import.crs.inRegion', { region }) : c.center ? t('import.crs.outRegion', { lon: c.center[0].toFixed(2), lat: c.center[1].toFixed(2) }) : ''}
        </span>
      </label>
    </li>
  );

  return (
    <dialog
      ref={dialog}
      className="crs-dialog"
      aria-labelledby={titleId}
      aria-describedby={descId}
      onCancel={(e) => {
        e.preventDefault();
        cancelCrs();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (fromCrs) confirmCrs(fromCrs);
        }}
      >
        <h2 id={titleId}>{t('import.crs.title')}</h2>
        <div id={descId}>
          <p className="crs-problem">{text({ importMessage: pending.error })}</p>
        </div>
        {candidates.length > 0 ? (
          <fieldset>
            <legend>{t('import.crs.projection')}</legend>
            <ul className="crs-options">{candidates.slice(0, SHOWN).map(option)}</ul>
            {candidates.length > SHOWN && (
              <details open={chosen >= SHOWN}>
                <summary>{t('import.crs.more', { count: candidates.length - SHOWN })}</summary>
                <ul className="crs-options">{candidates.slice(SHOWN).map((c, i) => option(c, i + SHOWN))}</ul>
              </details>
            )}
          </fieldset>
        ) : (
          <p>{t('import.crs.none')}</p>
        )}
        {candidate && (
          <fieldset>
            <legend>{t('import.crs.datum')}</legend>
            {datums.length > 1 ? (
              <>
                <div className="crs-datums">
                  {datums.map((d) => (
                    <label key={d.datum}>
                      <input type="radio" name="crs-datum" value={d.datum} checked={datum === d.datum} onChange={() => setDatum(d.datum)} />
                      {t(`import.datum.${d.datum}` as MessageKey)} <code>{d.code}</code>
                    </label>
                  ))}
                </div>
                <p className="hint">{t('import.crs.datum.hint')}</p>
              </>
            ) : (
              <p className="hint">{t('import.crs.datum.na')}</p>
            )}
          </fieldset>
        )}
        <div className="crs-custom">
          <label htmlFor={customId}>{t('import.crs.custom')}</label>
          <input id={customId} type="text" value={custom} placeholder={t('import.crs.custom.placeholder')} onChange={(e) => setCustom(e.target.value)} spellCheck={false} />
        </div>
        <div className="button-row">
          <button type="submit" className="primary" disabled={!fromCrs}>
            {t('import.crs.confirm')}
          </button>
          <button type="button" onClick={cancelCrs}>
            {t('import.crs.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
