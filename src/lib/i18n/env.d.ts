/** The catalog's languages, defined at build time by src/build/i18n.ts (a Vite define). */
declare const __STEPWISE_LOCALES__: readonly string[];
/** The language the site is built in (the inlang project's base locale). */
declare const __STEPWISE_BASE_LOCALE__: string;
/** More than one language: messages ask which is current (with one, each returns its text directly). */
declare const __STEPWISE_MULTILINGUAL__: boolean;
