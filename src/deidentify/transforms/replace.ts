import { z } from 'zod';
import type { ExactSchema } from '../../core/exact-schema.ts';
import type { SpecSchema } from '../spec-fields.ts';
import type { TransformDefinition } from '../types.ts';

/** The type labels `replace` writes, in the order the JSON Schema lists them. */
const REPLACE_LABELS = [
  'cn-name',
  'cn-resident-id',
  'cn-mobile',
  'cn-landline',
  'bank-card',
  'email',
  'cn-address',
  'cn-passport',
  'cn-uscc',
  'date',
  'personal-information',
] as const;

/** Names of the replacement labels (see `replaceLabels`). */
export type ReplaceLabel = (typeof REPLACE_LABELS)[number];

/** `replace`: a constant (`value`) or a type label such as `[身份证号]` (`label`); exactly one. */
export interface ReplaceSpec {
  type: 'replace';
  value?: string | undefined;
  label?: ReplaceLabel | undefined;
}

const replaceSpec = z.strictObject({
  type: z.literal('replace'),
  value: z.string().max(256).optional().describe('A constant to put in place of every value'),
  label: z.enum(REPLACE_LABELS).optional().describe('A type label such as [身份证号]'),
});

/** Zod schema of {@link ReplaceSpec}. */
export const ReplaceSpecSchema: SpecSchema<ReplaceSpec> = replaceSpec satisfies ExactSchema<
  ReplaceSpec,
  typeof replaceSpec
>;

/** The labels `replace` writes for each type (the bracketed Chinese name of the type). */
const replaceLabels: Readonly<Record<ReplaceLabel, string>> = Object.freeze({
  'cn-name': '[姓名]',
  'cn-resident-id': '[身份证号]',
  'cn-mobile': '[手机号]',
  'cn-landline': '[固定电话]',
  'bank-card': '[银行卡号]',
  email: '[电子邮箱]',
  'cn-address': '[地址]',
  'cn-passport': '[护照号]',
  'cn-uscc': '[统一社会信用代码]',
  date: '[日期]',
  'personal-information': '[个人信息]',
});

/** `replace`: every non-empty value becomes the same constant or type label. */
export const replaceTransform: TransformDefinition<ReplaceSpec> = {
  type: 'replace',
  traits: () => ({ reversible: false, keyed: false, formatPreserving: false }),
  compile(params, context) {
    if ((params.value === undefined) === (params.label === undefined)) {
      context.fail('bad-parameters', 'replace needs exactly one of value and label');
    }
    const text = params.value ?? replaceLabels[params.label as ReplaceLabel];
    return { kind: 'value', apply: () => text };
  },
};
