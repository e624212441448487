import { type Argument, type Command, Help, type Option } from 'commander';
import { HELP_ZH } from './help-zh.ts';
import type { Lang } from './lang.ts';
import { type MessageKey, message } from './messages.ts';

const TITLES: Readonly<Record<string, MessageKey>> = {
  'Usage:': 'help.usage',
  'Options:': 'help.options',
  'Commands:': 'help.commands',
  'Arguments:': 'help.arguments',
  'Global Options:': 'help.globalOptions',
};

// The `--help` text of a description in a language: its entry in HELP_ZH, else the English.
function helpText(lang: Lang, english: string): string {
  if (lang !== 'zh-CN' || english === '') return english;
  return Object.hasOwn(HELP_ZH, english) ? (HELP_ZH[english] as string) : english;
}

function localizeExtra(lang: Lang, text: string): string {
  return text.replace(/\(((?:choices|default): [^()]*)\)$/, (_whole, extra: string) => {
    const words = extra
      .replace(
        /^choices: |, choices: /,
        (m) => `${m.startsWith(',') ? '；' : ''}${message(lang, 'help.choices')}`,
      )
      .replace(
        /^default: |, default: /,
        (m) => `${m.startsWith(',') ? '；' : ''}${message(lang, 'help.defaultIs')}`,
      );
    return `（${words}）`;
  });
}

function localizeCommand(command: Command, lang: Lang): void {
  command.description(helpText(lang, command.description()));
  for (const option of command.options as Option[]) {
    option.description = helpText(lang, option.description);
  }
  for (const argument of command.registeredArguments) {
    argument.description = helpText(lang, argument.description);
  }
  command.helpOption('-h, --help', message(lang, 'help.help'));
  if (command.commands.length > 0)
    command.helpCommand('help [command]', message(lang, 'help.help'));
  command.configureHelp({
    styleTitle: (title: string) => {
      const key = TITLES[title];
      return key === undefined ? title : message(lang, key);
    },
    optionDescription(this: Help, option: Option): string {
      // Commander appends "(choices: …, default: …)" in English; say it in the language.
      return localizeExtra(lang, Help.prototype.optionDescription.call(this, option));
    },
    argumentDescription(this: Help, argument: Argument): string {
      return localizeExtra(lang, Help.prototype.argumentDescription.call(this, argument));
    },
  });
  for (const sub of command.commands) localizeCommand(sub, lang);
}

/**
 * Puts a command tree's help in a language: descriptions of commands, options
 * and arguments, section titles, the help option. English leaves it as registered.
 *
 * @param program - the root command, after every command is registered
 * @param lang - the language
 */
export function localizeHelp(program: Command, lang: Lang): void {
  if (lang === 'en') return;
  localizeCommand(program, lang);
}

/**
 * Every description in a command tree that has no entry in {@link HELP_ZH}
 * (for the test that keeps the Chinese help complete).
 *
 * @param program - the root command
 * @returns the untranslated English descriptions
 */
export function untranslatedHelp(program: Command): string[] {
  const missing = new Set<string>();
  const check = (text: string) => {
    if (text !== '' && !Object.hasOwn(HELP_ZH, text)) missing.add(text);
  };
  const walk = (command: Command) => {
    check(command.description());
    for (const option of command.options as Option[]) check(option.description);
    for (const argument of command.registeredArguments) check(argument.description);
    for (const sub of command.commands) walk(sub);
  };
  walk(program);
  return [...missing];
}
