/**
 * The header's team corner: nothing on the offline app; "登录" and its dialog when a server is
 * there; the signed-in user's name, role and counties with "退出登录" after.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { findRegionLayer, regionCode, regionName } from '../../pack/roles.ts';
import type { LoadedPack } from '../../pack/types.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from './session.tsx';

export function SessionControl({ pack }: { pack: LoadedPack | null }) {
  const { t, lang } = useI18n();
  const { controller, state } = useSession();
  const [dialogOpen, setDialogOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  if (state.status === 'no-server' || state.status === 'checking') return null;
  if (state.status === 'unreachable') {
    return (
      <span className="session-status error" role="status">
        {t('team.unreachable', { reason: state.error?.text(lang) ?? '' })}
      </span>
    );
  }
  if (state.status === 'signed-in' && state.user) {
    const user = state.user;
    const regions = findRegionLayer(pack?.layers ?? []);
    const regionNames = user.regions.map((code) => {
      const feature = regions?.data.features.find((f) => regionCode(regions, f) === code);
      return (regions && feature && regionName(regions, feature, lang)) || code;
    });
    return (
      <span className="session-user" data-role={user.role}>
        <span className="session-name">{t('team.user', { name: user.username, role: t(`team.role.${user.role}`) })}</span>
        {regionNames.length > 0 && <span className="session-regions">{t('team.user.regions', { regions: regionNames.join('、') })}</span>}
        {/* signOut never rejects: a failure is kept in the state and said here. */}
        <button type="button" className="sign-out" onClick={() => void controller.signOut()} disabled={state.busy}>
          {t('team.signOut')}
        </button>
        {state.error && (
          <span className="session-status error" role="alert">
            {state.error.text(lang)}
          </span>
        )}
      </span>
    );
  }
  return (
    <>
      <button type="button" ref={button} className="sign-in-button" aria-haspopup="dialog" aria-label={t('team.signIn.label')} onClick={() => setDialogOpen(true)}>
        {t('team.signIn')}
      </button>
      {dialogOpen && (
        <SignInDialog
          onClose={() => {
            setDialogOpen(false);
            button.current?.focus();
          }}
        />
      )}
    </>
  );
}

function SignInDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const { controller, state } = useSession();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) node.showModal();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await controller.signIn(username.trim(), password)) onClose();
  };

  return (
    <dialog ref={dialog} className="sign-in-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`}>{t('team.signIn.title')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {t('team.signIn.username')}
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('team.signIn.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {state.error && (
          <p className="error" role="alert">
            {state.error.text(lang)}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('team.signIn.cancel')}
          </button>
          <button type="submit" disabled={state.busy}>
            {state.busy ? t('team.signIn.busy') : t('team.signIn.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
