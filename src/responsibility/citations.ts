/** A rule id from REGULATIONS.md with the articles it rests on. */
export interface Citation {
  readonly rule: string;
  readonly article: string;
}

/** The articles of the rules responsibility cites (REGULATIONS.md). */
const articles: Readonly<Record<string, string>> = Object.freeze({
  'R-WHO': 'Anhui',
  'R-MANY': 'Anhui',
  'R-LIFECYCLE': 'Chongqing',
  'P-INCIDENT': 'PIPL Art. 57; Fujian Art. 34; Anhui',
  'P-RECORD': 'Fujian Art. 32',
  'S-SUSPEND': 'Fujian Arts. 33-34',
  'S-DEVELOP': 'Fujian Art. 16',
  'S-AUTH-TERM': 'Guiyang ch. 6; Qingdao Art. 35',
  'S-PURPOSE': 'Fujian Art. 14; Guiyang ch. 4',
  'C-RETENTION': 'PIPL Arts. 19, 47',
  'C-WITHDRAW': 'PIPL Arts. 15, 47',
  'G-LEVELS': 'DSL Art. 21; GB/T 43697 §6',
});

/**
 * The citation of a rule responsibility uses.
 *
 * @param rule - a rule id listed in {@link articles}
 * @returns the rule with its articles
 */
export function cite(rule: string): Citation {
  return { rule, article: articles[rule] ?? '' };
}
