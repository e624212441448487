import type { ReplaceLabel, ReplaceSpec } from '../policy-schema.ts';
import type { TransformDefinition } from '../types.ts';

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
