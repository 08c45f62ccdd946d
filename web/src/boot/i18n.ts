import { Lang, type QuasarLanguage } from 'quasar';
import quasarEnglish from 'quasar/lang/en-US.js';
import quasarChinese from 'quasar/lang/zh-CN.js';
import { watch } from 'vue';
import { createI18n } from 'vue-i18n';
import en from '../i18n/en';
import zhCN, { type MessageSchema } from '../i18n/zh-CN';

const APP_LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof APP_LOCALES)[number];

/** Only the language choice is kept in the browser; the session lives in an httpOnly cookie. */
const LOCALE_STORAGE_KEY = 'union.locale';

const quasarLanguages = { 'zh-CN': quasarChinese, en: quasarEnglish } as const;

function isAppLocale(value: unknown): value is AppLocale {
  return APP_LOCALES.includes(value as AppLocale);
}

function storedLocale(): AppLocale {
  const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
  return isAppLocale(stored) ? stored : 'zh-CN';
}

/** Quasar's own strings (table footers, dialogs); setting them also sets `<html lang>`. */
export function quasarLanguage(locale: AppLocale): QuasarLanguage {
  return quasarLanguages[locale];
}

/**
 * Creates the i18n instance. Setting its global `locale` anywhere (the language
 * switch) also remembers the choice and switches Quasar's own strings.
 */
export function createAppI18n(locale: AppLocale = storedLocale()) {
  const i18n = createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
  });
  watch(i18n.global.locale, (next) => {
    localStorage.setItem(LOCALE_STORAGE_KEY, next);
    // Quasar 2.27 types Lang.set's argument slightly apart from its own packs (QDate aria labels).
    Lang.set(quasarLanguage(next) as Parameters<typeof Lang.set>[0]);
  });
  return i18n;
}
