import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";

import {
  formatDate,
  formatDateTime,
  formatCalendarDate,
  formatNumber,
  formatPrice,
  LANGS,
  loadCatalogue,
  translate,
  type Lang,
  type Params,
} from "./format";
import type { MessageKey } from "./ko";

const STORAGE_KEY = "petful.lang";

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
  price: (krw: number) => string;
  number: (value: number) => string;
  date: (value: string | Date) => string;
  dateTime: (value: string | Date) => string;
  calendarDate: (isoDate: string) => string;
}

export const I18nContext = createContext<I18n | null>(null);

/** The language the person chose before (Korean unless they did). */
export function storedLang(): Lang {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    return LANGS.includes(saved as Lang) ? (saved as Lang) : "ko";
  } catch {
    return "ko"; // storage blocked (private mode): Korean, not remembered
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    // Switched once its messages are here, so the page never shows keys or half a language.
    void loadCatalogue(next).then(() => setLangState(next));
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered; the switch still applies to this page
    }
  }, []);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      price: (krw) => formatPrice(krw, lang),
      number: (value) => formatNumber(value, lang),
      date: (value) => formatDate(value, lang),
      dateTime: (value) => formatDateTime(value, lang),
      calendarDate: (isoDate) => formatCalendarDate(isoDate, lang),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
