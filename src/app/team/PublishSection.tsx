/**
 * Shared layers and published versions (signed in only): the team's shared layers with who
 * changed them when; for editors, sharing an imported file as a layer the server keeps, and
 * publishing the pack with the shared layers as a new version for news widgets.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { Precision } from '../../pack/types.ts';
import { localText } from '../../i18n/index.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session/session.tsx';
import { useControllerState, useTeam } from './teamSlots.tsx';
import './team.css';

const PRECISIONS: readonly Precision[] = ['surveyed', 'published', 'schematic'];

export function PublishSection() {
  const team = useTeam();
  const state = useControllerState(team?.publish);
  const sharedError = useControllerState(team?.sharedLayers)?.error;
  const { t, lang } = useI18n();
  const { controller: session } = useSession();
  const fileInput = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [color, setColor] = useState('#d0461f');
  const [precision, setPrecision] = useState<Precision>('surveyed');
  const [source, setSource] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (!team || !state) return null;
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const refused = () => t('progress.refused', { reason: team.publish.getState().error?.text(lang) ?? '' });

  const share = async (e: FormEvent) => {
    e.preventDefault();
    const files = [...(fileInput.current?.files ?? [])];
    if (files.length === 0) return setMessage({ kind: 'error', text: t('publish.share.noFile') });
    const name = title.trim() || files[0].name.replace(/\.[^.]+$/, '');
    const ok = await team.publish.share({
      title: name,
      color,
      precision,
      ...(source.trim() ? { source: source.trim() } : {}),
      files: await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))),
    });
    if (ok) {
      setMessage({ kind: 'ok', text: t('publish.share.done', { title: name }) });
      setTitle('');
      if (fileInput.current) fileInput.current.value = '';
    } else setMessage({ kind: 'error', text: refused() });
  };
  const publish = async () => {
    const version = await team.publish.publish();
    setMessage(version === null ? { kind: 'error', text: refused() } : { kind: 'ok', text: t('publish.published', { version }) });
  };

  const editor = session.mayPublish();
  return (
    <section className="panel-section team-publish" aria-labelledby="team-publish-title" data-testid="team-publish">
      <h2 id="team-publish-title">{t('publish.title')}</h2>
      <h3>{t('publish.layers')}</h3>
      {sharedError && (
        <p role="alert" className="measure-warning">
          {t('layers.sharedFailed', { reason: sharedError.text(lang) })}
        </p>
      )}
      {state.layers.length === 0 ? (
        <p>{t('publish.layers.none')}</p>
      ) : (
        <ul className="team-list" data-testid="shared-layers">
          {state.layers.map((l) => (
            <li key={l.id}>
              <span className="legend-swatch" style={{ background: l.style.color, display: 'inline-block', width: 10, height: 10, marginRight: 4 }} aria-hidden="true" />
              {t('publish.layer.by', { title: localText(l.title, lang), by: l.updated_by, when: when(l.updated_at) })}
            </li>
          ))}
        </ul>
      )}
      {editor && session.mayWrite('layer') && (
        <form className="team-form" onSubmit={(e) => void share(e)} aria-label={t('publish.share')}>
          <h3>{t('publish.share')}</h3>
          <label>
            {t('publish.share.file')}
            <input aria-label={t('publish.share.file')} ref={fileInput} type="file" multiple />
          </label>
          <label>
            {t('publish.share.title')}
            <input aria-label={t('publish.share.title')} value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label>
            {t('publish.share.color')}
            <input aria-label={t('publish.share.color')} type="color" value={color} onChange={(e) => setColor(e.target.value)} />
          </label>
          <label>
            {t('publish.share.precision')}
            <select aria-label={t('publish.share.precision')} value={precision} onChange={(e) => setPrecision(e.target.value as Precision)}>
              {PRECISIONS.map((p) => (
                <option key={p} value={p}>
                  {t(`publish.precision.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('publish.share.source')}
            <input aria-label={t('publish.share.source')} value={source} onChange={(e) => setSource(e.target.value)} />
          </label>
          <button type="submit" disabled={state.busy}>
            {t('publish.share.submit')}
          </button>
        </form>
      )}
      <h3>{t('publish.versions')}</h3>
      {state.versions.length === 0 ? (
        <p>{t('publish.versions.none')}</p>
      ) : (
        <ul className="team-list" data-testid="pack-versions">
          {state.versions.map((v) => (
            <li key={v.version}>{t('publish.version', { version: v.version, date: v.created_at.slice(0, 10), by: v.author })}</li>
          ))}
        </ul>
      )}
      {editor && (
        <button type="button" onClick={() => void publish()} disabled={state.busy}>
          {t('publish.publish')}
        </button>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'measure-warning' : 'measure-note'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
