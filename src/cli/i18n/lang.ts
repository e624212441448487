import type { Command } from 'commander';
import { InputError } from '../../errors/kinds.ts';
import { configOf } from '../config.ts';

/** The languages of the CLI's messages, help and reports. */
export const LANGS = ['zh-CN', 'en'] as const;

/** A language of the CLI: `zh-CN` (简体中文) or `en`. */
export type Lang = (typeof LANGS)[number];

/** The environment variables the system locale is read from, in POSIX precedence. */
const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

// Checks a `--lang` value; InputError `invalid-lang` when it is not zh-CN or en.
function parseLang(value: string, source: string): Lang {
  if ((LANGS as readonly string[]).includes(value)) return value as Lang;
  throw new InputError(`${source} must be zh-CN or en`, { path: source, reason: 'invalid-lang' });
}

/**
 * The language a locale name (`zh_CN.UTF-8`, `zh-Hans-CN`, `en-US`, `C`) selects:
 * any Chinese locale selects zh-CN, anything else en.
 *
 * @param locale - a POSIX or BCP 47 locale name
 * @returns the language, or undefined when the name says nothing (empty, `C`, `POSIX`)
 */
export function langOfLocale(locale: string | undefined): Lang | undefined {
  if (locale === undefined || locale === '' || locale === 'C' || locale === 'POSIX')
    return undefined;
  if (/^c\.|^posix\./i.test(locale)) return undefined;
  return /^zh(?:[-_.@]|$)/i.test(locale) ? 'zh-CN' : 'en';
}

/** Where a language may come from, most binding first. */
export interface LangSources {
  /** The `--lang` value. */
  readonly flag?: string | undefined;
  /** The workspace configuration's `lang`. */
  readonly config?: Lang | undefined;
  /** The process environment (LC_ALL, LC_MESSAGES, LANG). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /**
   * The runtime's default locale (`Intl`), used when the environment names
   * none; a function is called only then (asking `Intl` loads ICU's locale
   * data, about 20 ms).
   */
  readonly intlLocale?: string | (() => string) | undefined;
}

/**
 * Chooses the language: `--lang`, then the workspace configuration, then the
 * system locale (LC_ALL, LC_MESSAGES, LANG, then `Intl`), then English.
 *
 * @param sources - the flag, config, environment and runtime locale
 * @returns the language
 * @throws {InputError} `invalid-lang` for a `--lang` other than zh-CN or en
 */
export function resolveLang(sources: LangSources): Lang {
  if (sources.flag !== undefined) return parseLang(sources.flag, '--lang');
  if (sources.config !== undefined) return sources.config;
  const env = sources.env ?? {};
  for (const name of LOCALE_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') return langOfLocale(value) ?? 'en';
  }
  const intl = sources.intlLocale;
  return langOfLocale(typeof intl === 'function' ? intl() : intl) ?? 'en';
}

/** The runtime's default locale, as `Intl` reports it. */
export function systemLocale(): string {
  return new Intl.DateTimeFormat().resolvedOptions().locale;
}

/**
 * The language of a running command: its root's `--lang`, the workspace
 * configuration, then the system locale.
 *
 * @param command - the command whose action runs
 * @returns the language
 * @throws {InputError} see {@link resolveLang} and the configuration loader
 */
export function langOf(command: Command): Lang {
  let root = command;
  while (root.parent !== null) root = root.parent;
  const flag = (root.opts() as { lang?: string }).lang;
  return resolveLang({
    flag,
    config: flag === undefined ? configOf(command).lang : undefined,
    env: process.env,
    intlLocale: systemLocale,
  });
}
