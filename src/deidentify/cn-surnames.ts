// Compound surnames (复姓) of the 百家姓 (Hundred Family Surnames), the list
// mask preset `cn-name` uses to keep 欧阳 in 欧阳** rather than 欧***.
const COMPOUND_SURNAMES: ReadonlySet<string> = /* @__PURE__ */ new Set(
  (
    '万俟 司马 上官 欧阳 夏侯 诸葛 闻人 东方 赫连 皇甫 尉迟 公羊 澹台 公冶 宗政 濮阳 淳于 单于 ' +
    '太叔 申屠 公孙 仲孙 轩辕 令狐 钟离 宇文 长孙 慕容 鲜于 闾丘 司徒 司空 亓官 司寇 子车 颛孙 ' +
    '端木 巫马 公西 漆雕 乐正 壤驷 公良 拓跋 夹谷 宰父 谷梁 段干 百里 东郭 南门 呼延 羊舌 微生 ' +
    '梁丘 左丘 东门 西门 南宫 第五'
  ).split(' '),
);

/**
 * True when a name of three or more characters starts with a compound surname.
 *
 * @param name - a full name, surname first
 * @returns whether the first two characters form a compound surname
 * @example
 * ```ts
 * import { hasCompoundSurname } from './cn-surnames.ts';
 * hasCompoundSurname('欧阳娜娜'); // true
 * hasCompoundSurname('张三'); // false
 * ```
 */
export function hasCompoundSurname(name: string): boolean {
  return name.length >= 3 && COMPOUND_SURNAMES.has(name.slice(0, 2));
}
