import { z } from 'zod';

/**
 * 数据分级 grade (GB/T 43697-2024 §6; DSL Art. 21): `core` 核心数据,
 * `important` 重要数据, `general-4` … `general-1` 一般数据4级…1级 (highest first).
 */
export const Grade: z.ZodEnum<{
  core: 'core';
  important: 'important';
  'general-4': 'general-4';
  'general-3': 'general-3';
  'general-2': 'general-2';
  'general-1': 'general-1';
}> = z.enum(['core', 'important', 'general-4', 'general-3', 'general-2', 'general-1']);
/** 数据分级 grade (GB/T 43697-2024). */
export type Grade = z.infer<typeof Grade>;

/** Grades from highest to lowest. */
export const grades: readonly Grade[] = Grade.options;

/** 影响对象 impact object (GB/T 43697-2024 §6.4). */
export const ImpactObject: z.ZodEnum<{
  'national-security': 'national-security';
  'economic-operation': 'economic-operation';
  'social-order': 'social-order';
  'public-interest': 'public-interest';
  'organization-rights': 'organization-rights';
  'personal-rights': 'personal-rights';
}> = z.enum([
  'national-security',
  'economic-operation',
  'social-order',
  'public-interest',
  'organization-rights',
  'personal-rights',
]);
/** 影响对象 impact object: 国家安全, 经济运行, 社会秩序, 公共利益, 组织权益, 个人权益. */
export type ImpactObject = z.infer<typeof ImpactObject>;

/** 影响程度 impact degree (GB/T 43697-2024 §6.5). */
export const ImpactDegree: z.ZodEnum<{
  'especially-serious': 'especially-serious';
  serious: 'serious';
  general: 'general';
  none: 'none';
}> = z.enum(['especially-serious', 'serious', 'general', 'none']);
/** 影响程度 impact degree: 特别严重危害, 严重危害, 一般危害, 无危害. */
export type ImpactDegree = z.infer<typeof ImpactDegree>;

/** One assessed impact: which object would be harmed, and how badly. */
export const Impact: z.ZodObject<{ object: typeof ImpactObject; degree: typeof ImpactDegree }> =
  z.strictObject({ object: ImpactObject, degree: ImpactDegree });
/** One assessed impact. */
export type Impact = z.infer<typeof Impact>;

/** 数据类别 data domain: `public` 公共数据, `government` 政务数据 (a kind of public data), `non-public`. */
export const DataDomain: z.ZodEnum<{
  public: 'public';
  government: 'government';
  'non-public': 'non-public';
}> = z.enum(['public', 'government', 'non-public']);
/** 数据类别 data domain. */
export type DataDomain = z.infer<typeof DataDomain>;

/** 共享类型 sharing type (Fujian Art. 14; Qingdao Arts. 19-20): 无条件共享, 有条件共享, 不予共享. */
export const ShareType: z.ZodEnum<{
  unconditional: 'unconditional';
  conditional: 'conditional';
  none: 'none';
}> = z.enum(['unconditional', 'conditional', 'none']);
/** 共享类型 sharing type. */
export type ShareType = z.infer<typeof ShareType>;

/** 开放类型 open type (Fujian Art. 15; Qingdao Art. 26): 普遍开放, 依申请开放, 不予开放. */
export const OpenType: z.ZodEnum<{
  open: 'open';
  'on-application': 'on-application';
  closed: 'closed';
}> = z.enum(['open', 'on-application', 'closed']);
/** 开放类型 open type. */
export type OpenType = z.infer<typeof OpenType>;

/** Field role in anonymization, as in ARX: 直接标识符, 准标识符, 敏感属性, 非敏感属性. */
export const FieldRole: z.ZodEnum<{
  'direct-identifier': 'direct-identifier';
  'quasi-identifier': 'quasi-identifier';
  sensitive: 'sensitive';
  insensitive: 'insensitive';
}> = z.enum(['direct-identifier', 'quasi-identifier', 'sensitive', 'insensitive']);
/** Field role in anonymization. */
export type FieldRole = z.infer<typeof FieldRole>;

/** 合法性基础 legal basis for processing PI (PIPL Art. 13 ¶1 items 1–7). */
export const LegalBasis: z.ZodEnum<{
  consent: 'consent';
  contract: 'contract';
  'hr-management': 'hr-management';
  'statutory-duty': 'statutory-duty';
  'public-health-emergency': 'public-health-emergency';
  'news-reporting': 'news-reporting';
  'public-information': 'public-information';
  'other-law': 'other-law';
}> = z.enum([
  'consent',
  'contract',
  'hr-management',
  'statutory-duty',
  'public-health-emergency',
  'news-reporting',
  'public-information',
  'other-law',
]);
/** 合法性基础 legal basis (PIPL Art. 13). */
export type LegalBasis = z.infer<typeof LegalBasis>;

/** 处理活动 processing (PIPL Art. 4 and the dataguard extensions). */
export const Processing: z.ZodEnum<{
  collect: 'collect';
  store: 'store';
  use: 'use';
  process: 'process';
  transmit: 'transmit';
  provide: 'provide';
  disclose: 'disclose';
  delete: 'delete';
  share: 'share';
  open: 'open';
  trade: 'trade';
  entrust: 'entrust';
  deidentify: 'deidentify';
  anonymize: 'anonymize';
  reidentify: 'reidentify';
  correct: 'correct';
  object: 'object';
  incident: 'incident';
}> = z.enum([
  'collect',
  'store',
  'use',
  'process',
  'transmit',
  'provide',
  'disclose',
  'delete',
  'share',
  'open',
  'trade',
  'entrust',
  'deidentify',
  'anonymize',
  'reidentify',
  'correct',
  'object',
  'incident',
]);
/** 处理活动 processing: PIPL Art. 4 (收集, 存储, 使用, 加工, 传输, 提供, 公开, 删除) plus share, open, trade, entrust… */
export type Processing = z.infer<typeof Processing>;

/** 责任角色 responsibility role (Anhui): 所有, 持有, 管理, 使用, 采集. */
export const ResponsibilityRole: z.ZodEnum<{
  owner: 'owner';
  holder: 'holder';
  manager: 'manager';
  user: 'user';
  collector: 'collector';
}> = z.enum(['owner', 'holder', 'manager', 'user', 'collector']);
/** 责任角色 responsibility role. */
export type ResponsibilityRole = z.infer<typeof ResponsibilityRole>;
