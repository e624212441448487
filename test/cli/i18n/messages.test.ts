import { describe, expect, it } from 'vitest';
import { commanderErrorText } from '../../../src/cli/i18n/commander-errors.ts';
import { HELP_ZH } from '../../../src/cli/i18n/help-zh.ts';
import { langOfLocale, resolveLang } from '../../../src/cli/i18n/lang.ts';
import { untranslatedHelp } from '../../../src/cli/i18n/localize-help.ts';
import { MESSAGES, type MessageKey, message } from '../../../src/cli/i18n/messages.ts';
import { errorMessage, REASON_MESSAGES_ZH } from '../../../src/cli/i18n/reasons.ts';
import { buildProgram } from '../../../src/cli/program.ts';
import { INCIDENT_LABELS } from '../../../src/responsibility/render-incident.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const HAN = /\p{Script=Han}/u;

describe('the CLI message catalog', () => {
  it('has every key in both languages, non-empty, with the same placeholders', () => {
    const en = Object.keys(MESSAGES.en).sort();
    expect(Object.keys(MESSAGES['zh-CN']).sort()).toEqual(en);
    for (const key of en as MessageKey[]) {
      const english = MESSAGES.en[key];
      const chinese = MESSAGES['zh-CN'][key];
      expect(english.trim(), key).not.toBe('');
      expect(chinese.trim(), key).not.toBe('');
      expect(placeholders(chinese), key).toEqual(placeholders(english));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(message('en', 'record.recorded', { processing: 'share', index: 7 })).toBe(
      'recorded share as ledger entry #7',
    );
    expect(message('zh-CN', 'record.recorded', { processing: '共享', index: 7 })).toBe(
      '已记录共享事件，账本条目 #7',
    );
    expect(message('en', 'record.recorded', { index: 7 })).toContain('{processing}');
  });

  it('keeps the incident report labels complete in both languages', () => {
    const en = INCIDENT_LABELS.en;
    const zh = INCIDENT_LABELS['zh-CN'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
      expect(zh[key].trim(), key).not.toBe('');
    }
  });
});

describe('the Chinese --help', () => {
  it('translates every description of every command, option and argument', async () => {
    const program = await buildProgram({ stdout: () => {}, stderr: () => {} });
    expect(untranslatedHelp(program)).toEqual([]);
  });

  it('is Chinese text, not a copy of the English', () => {
    for (const [english, chinese] of Object.entries(HELP_ZH)) {
      expect(chinese, english).not.toBe(english);
      expect(HAN.test(chinese), english).toBe(true);
    }
  });

  it('uses the terms of DESIGN.md for roles, processing and sharing', () => {
    const all = Object.values(HELP_ZH).join('\n');
    for (const term of ['个人信息处理者', '委托', '共享', '开放', '去标识化', '合法性基础']) {
      expect(all).toContain(term);
    }
  });
});

describe('error reasons in the chosen language', () => {
  it('shows the Chinese message of a known reason with the English detail', () => {
    const error = {
      code: 'ERR_INPUT',
      reason: 'missing-config',
      message: 'config file x.yaml does not exist',
    };
    expect(errorMessage('zh-CN', error)).toBe(
      '配置文件不存在（config file x.yaml does not exist）',
    );
    expect(errorMessage('en', error)).toBe('config file x.yaml does not exist');
  });

  it('falls back to English for a reason it has no message for, or no reason', () => {
    expect(
      errorMessage('zh-CN', { code: 'ERR_X', reason: 'no-such-reason', message: 'detail' }),
    ).toBe('detail');
    expect(errorMessage('zh-CN', { code: 'ERR_X', message: 'detail' })).toBe('detail');
    for (const text of Object.values(REASON_MESSAGES_ZH)) expect(HAN.test(text)).toBe(true);
  });

  it("translates commander's usage errors and leaves unknown lines alone", () => {
    expect(
      commanderErrorText('zh-CN', "error: required option '--kind <kind>' not specified\n"),
    ).toBe('错误：缺少必需的选项 “--kind <kind>”\n');
    expect(commanderErrorText('zh-CN', 'something else\n')).toBe('something else\n');
    expect(commanderErrorText('en', "error: unknown option '--x'\n")).toBe(
      "error: unknown option '--x'\n",
    );
  });
});

describe('choosing the language', () => {
  it('takes --lang, then the config, then LC_ALL, LC_MESSAGES, LANG, then Intl, then en', () => {
    const zhEnv = { LANG: 'zh_CN.UTF-8' };
    expect(resolveLang({ flag: 'en', config: 'zh-CN', env: zhEnv })).toBe('en');
    expect(resolveLang({ config: 'en', env: zhEnv })).toBe('en');
    expect(resolveLang({ env: zhEnv, intlLocale: 'en-US' })).toBe('zh-CN');
    expect(resolveLang({ env: { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' } })).toBe('en');
    expect(resolveLang({ env: { LC_MESSAGES: 'zh_TW.UTF-8', LANG: 'C' } })).toBe('zh-CN');
    expect(resolveLang({ env: {}, intlLocale: 'zh-Hans-CN' })).toBe('zh-CN');
    expect(resolveLang({ env: { LANG: 'C.UTF-8' }, intlLocale: 'zh-CN' })).toBe('en');
    expect(resolveLang({ env: {} })).toBe('en');
  });

  it('asks Intl only when the environment names no locale', () => {
    let asked = 0;
    const intl = () => {
      asked += 1;
      return 'zh-CN';
    };
    expect(resolveLang({ env: { LANG: 'en_US.UTF-8' }, intlLocale: intl })).toBe('en');
    expect(asked).toBe(0);
    expect(resolveLang({ env: {}, intlLocale: intl })).toBe('zh-CN');
    expect(asked).toBe(1);
  });

  it('refuses a --lang other than zh-CN or en with a typed error', () => {
    expect(() => resolveLang({ flag: 'fr' })).toThrow(
      expect.objectContaining({ code: 'ERR_INPUT', reason: 'invalid-lang' }),
    );
  });

  it('reads POSIX and BCP 47 locale names', () => {
    expect(langOfLocale('zh_CN.GB18030')).toBe('zh-CN');
    expect(langOfLocale('zh')).toBe('zh-CN');
    expect(langOfLocale('en_GB.UTF-8')).toBe('en');
    expect(langOfLocale('POSIX')).toBeUndefined();
    expect(langOfLocale('')).toBeUndefined();
    // "zu" (Zulu) is not Chinese.
    expect(langOfLocale('zu_ZA.UTF-8')).toBe('en');
  });
});
