/**
 * The search box at the top of the panel (Ctrl+K / ⌘K from anywhere): counties, every feature of
 * every layer (imported ones too) by name, pinyin or initials, and positions typed as coordinates.
 * An ARIA combobox: arrows move through the results, Enter picks, Esc closes. The index and its
 * pinyin dictionary load on the first focus, not with the page.
 */
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { localText } from '../../i18n/index.ts';
import { showSearchPosition } from '../../map/searchPosition.ts';
import type { ParsedPosition } from '../../search/parseCoordinates.ts';
import { revealDetails } from '../revealDetails.ts';
import { useI18n } from '../i18n.tsx';
import { featureDisplayName } from '../../store/importedLayer.ts';
import { zoomToFeature } from '../MapView.tsx';
import { useWorkspace } from '../workspace.tsx';
import type { SearchController, SearchResult, SearchSnapshot } from './searchController.ts';

const EMPTY: SearchSnapshot = { query: '', results: [], indexing: false };
const noSubscription = () => () => {};

export function SearchBox() {
  const { t, lang } = useI18n();
  const { layers, map, selectCounty, selectFeature } = useWorkspace();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [controller, setController] = useState<SearchController | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const loading = useRef<Promise<void> | null>(null);
  const snapshot = useSyncExternalStore(controller?.subscribe ?? noSubscription, controller?.getSnapshot ?? (() => EMPTY));

  const load = () => {
    loading.current ??= import('./searchController.ts').then(
      ({ SearchController }) => setController(new SearchController()),
      () => setFailed(true),
    );
  };

  useEffect(() => {
    if (!controller) return;
    controller.setLayers(layers).catch(() => setFailed(true));
  }, [controller, layers]);
  useEffect(() => controller?.setQuery(query), [controller, query]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const results = query.trim() ? snapshot.results : [];
  const expanded = open && query.trim() !== '';

  const positionText = (p: ParsedPosition) => {
    const where = t('search.position', { lon: `${p.lon.toFixed(5)}°E`, lat: `${p.lat.toFixed(5)}°N` });
    const form = p.form === 'gauss-kruger' ? t('search.form.gk', { width: p.zone!.width, zone: p.zone!.number }) : t(p.form === 'dms' ? 'search.form.dms' : 'search.form.decimal');
    return `${where} · ${form}`;
  };

  const label = (r: SearchResult): { name: string; kind: string } => {
    if (r.type === 'position') return { name: positionText(r.position), kind: t('search.kind.position') };
    const layer = layers.find((l) => l.id === r.target.layerId);
    if (!layer) return { name: r.name, kind: '' };
    return { name: featureDisplayName(layer, layer.data.features[r.target.index]?.properties, r.target.index, lang), kind: localText(layer.title, lang) };
  };

  const choose = (r: SearchResult) => {
    setOpen(false);
    if (r.type === 'position') {
      if (map) showSearchPosition(map, r.position.lon, r.position.lat);
      setAnnouncement(positionText(r.position));
      return;
    }
    const { layerId, index, adcode } = r.target;
    const feature = layers.find((l) => l.id === layerId)?.data.features[index];
    if (adcode) selectCounty(adcode, { zoom: true });
    else if (map && feature?.geometry) zoomToFeature(map, feature, 14);
    selectFeature({ layerId, index });
    setAnnouncement(label(r).name);
    revealDetails();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (results.length > 0) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % results.length : (a - 1 + results.length) % results.length));
    } else if (e.key === 'Enter') {
      if (expanded && results[active]) {
        e.preventDefault();
        choose(results[active]);
      }
    } else if (e.key === 'Escape') {
      if (expanded) setOpen(false);
      else setQuery('');
    }
  };

  const listId = `${id}-results`;
  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <search className="panel-section search-box" aria-label={t('search.label')}>
      <label className="visually-hidden" htmlFor={`${id}-input`}>
        {t('search.label')}
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && results[active] ? optionId(active) : undefined}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('search.placeholder')}
        value={query}
        onFocus={load}
        onChange={(e) => {
          load();
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <p id={`${id}-hint`} className="hint search-hint">
        {t('search.hint')}
      </p>
      <ul id={listId} role="listbox" className="search-results" aria-label={t('search.results')} hidden={!expanded}>
        {results.map((r, i) => {
          const { name, kind } = label(r);
          return (
            <li
              key={r.type === 'position' ? 'position' : `${r.target.layerId}/${r.target.index}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              // Keep the focus in the input while a result is clicked.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(r)}
            >
              <span className="search-name">{name}</span> <span className="search-kind">{kind}</span>
            </li>
          );
        })}
      </ul>
      {expanded && results.length === 0 && (
        <p className="hint search-empty" role="status">
          {failed ? t('search.failed') : snapshot.indexing || !controller ? t('search.indexing') : t('search.none', { query: query.trim() })}
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {expanded ? t('search.count', { count: results.length }) : announcement}
      </p>
    </search>
  );
}
