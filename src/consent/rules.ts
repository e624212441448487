/** The rule ids of ../shared/REGULATIONS.md that dataguard/consent applies. */
export type RuleId =
  | 'C-BASIS'
  | 'C-NOTICE'
  | 'C-CONSENT'
  | 'C-WITHDRAW'
  | 'C-SEP-PROVIDE'
  | 'C-SEP-PUBLIC'
  | 'C-SEP-SENSITIVE'
  | 'C-MINOR'
  | 'C-SEP-XBORDER'
  | 'C-MINIMUM'
  | 'C-NO-DUP'
  | 'C-RETENTION'
  | 'S-TYPES'
  | 'S-REQUEST'
  | 'S-PURPOSE'
  | 'S-OPEN'
  | 'S-DEVELOP'
  | 'S-AUTH-TERM'
  | 'S-SUSPEND'
  | 'S-OBJECTION'
  | 'G-GRADE-GATES'
  | 'P-PIPIA'
  | 'P-RECORD';

/** Each rule's citation, exactly as REGULATIONS.md (version 2) gives it. */
export const ruleArticles: Readonly<Record<RuleId, string>> = Object.freeze({
  'C-BASIS': 'PIPL Art. 13',
  'C-NOTICE': 'PIPL Art. 17; Fujian Art. 11',
  'C-CONSENT': 'PIPL Art. 14; Fujian Art. 11',
  'C-WITHDRAW': 'PIPL Arts. 15, 47',
  'C-SEP-PROVIDE': 'PIPL Art. 23; Anhui Regulation (press conference)',
  'C-SEP-PUBLIC': 'PIPL Art. 25',
  'C-SEP-SENSITIVE': 'PIPL Arts. 28-29',
  'C-MINOR': 'PIPL Art. 31',
  'C-SEP-XBORDER': 'PIPL Art. 39',
  'C-MINIMUM': 'PIPL Art. 6; Qingdao Art. 11 (briefing); Anhui Regulation (press conference)',
  'C-NO-DUP': 'Fujian Art. 11',
  'C-RETENTION': 'PIPL Arts. 19, 47',
  'S-TYPES': 'Fujian Art. 14; Qingdao Arts. 19-20 (briefing)',
  'S-REQUEST': 'Qingdao Arts. 21-22 (briefing)',
  'S-PURPOSE': "Fujian Art. 14; Guiyang-Gui'an draft ch. 4",
  'S-OPEN': 'Fujian Art. 15; Qingdao Art. 26 (briefing); PIPL Arts. 25, 28',
  'S-DEVELOP': 'Fujian Art. 16',
  'S-AUTH-TERM': "Guiyang-Gui'an draft ch. 6; Qingdao (briefing, authorized-operation pilot)",
  'S-SUSPEND': 'Fujian Art. 33 (persons and organizations), Art. 34 (departments)',
  'S-OBJECTION': "Guiyang-Gui'an draft chs. 4-5; Fujian Art. 13; Qingdao Arts. 15-17 (briefing)",
  'G-GRADE-GATES': 'DSL Arts. 21, 27, 30; dataguard-default for the gates',
  'P-PIPIA': 'PIPL Arts. 55-56',
  'P-RECORD': 'Fujian Art. 32; Anhui Regulation (press conference)',
});
