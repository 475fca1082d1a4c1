// vue-i18n set-up. Dutch is the default; the choice is remembered on this device. Vuetify's own texts live under
// `$vuetify` in the same message tree, so its locale follows ours through the vue-i18n adapter.
import { createI18n } from 'vue-i18n';
import { nl as vuetifyNl, en as vuetifyEn } from 'vuetify/locale';
import { nl } from './nl.ts';
import { en } from './en.ts';
import { connectionNl } from './connection.nl.ts';
import { connectionEn } from './connection.en.ts';

export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';
const STORAGE_KEY = 'cp.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  // Texts contain no HTML; interpolated values are escaped by Vue's text rendering anyway.
  warnHtmlMessage: false,
  messages: {
    nl: { ...nl, connection: connectionNl, $vuetify: vuetifyNl },
    en: { ...en, connection: connectionEn, $vuetify: vuetifyEn },
  },
});

/** Applies the locale to i18n (and thereby Vuetify) and to `<html lang>`, and remembers it. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  applyDocumentLang(locale);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage may be unavailable (private mode, kiosk partition): the choice then lasts for this page only.
  }
}

export function currentLocale(): Locale {
  const value = i18n.global.locale.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export function applyDocumentLang(locale: Locale = currentLocale()): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
