/** React access to the i18n module: the current language and a bound `t`. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { translate, type Lang, type MessageKey, type MessageParams } from '../i18n/index.ts';

interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: MessageParams) => string;
}

const I18nContext = createContext<I18n>({ lang: 'zh', t: (key, params) => translate('zh', key, params) });

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo<I18n>(() => ({ lang, t: (key, params) => translate(lang, key, params) }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
