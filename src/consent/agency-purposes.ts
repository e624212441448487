import type { PurposeDefinition } from './purpose-definition.ts';

const STATUTORY = 'PIPL Art. 13 ¶1(3) (履行法定职责或者法定义务所必需)';
const duty = (law: string) => [{ basis: 'statutory-duty' as const, law: `${STATUTORY}; ${law}` }];

/**
 * The agency purposes every taxonomy starts with (unless `seed: false`).
 * Consent is always a possible basis; the other bases listed are the ones
 * PIPL Art. 13 ¶1 allows for the purpose; purposes an agency serves as a
 * statutory duty (social assistance, social insurance, health administration…)
 * carry that basis with the law that gives the duty. Seeds declare no needs:
 * add them with `taxonomy.extend()` or declare them on your own descendants
 * (C-MINIMUM fails closed without them).
 */
export const agencyPurposes: readonly PurposeDefinition[] = Object.freeze([
  { id: 'public-service', title: 'Public services', zh: '公共服务' },
  {
    id: 'public-service.government-service',
    title: 'Online and counter government services',
    zh: '政务服务',
  },
  {
    id: 'public-service.social-assistance',
    title: 'Social assistance',
    zh: '社会救助',
    bases: duty('社会救助暂行办法 (Interim Measures for Social Assistance) Arts. 2, 11'),
  },
  {
    id: 'public-service.social-assistance.eligibility',
    title: 'Eligibility checks for social assistance',
    zh: '救助资格审核',
  },
  { id: 'public-service.education', title: 'Education services', zh: '教育服务' },
  { id: 'public-service.healthcare', title: 'Health services', zh: '医疗卫生服务' },
  { id: 'public-service.elderly-care', title: 'Elderly care services', zh: '养老服务' },
  {
    id: 'statutory-duty',
    title: 'Performing statutory duties or obligations',
    zh: '履行法定职责或者法定义务',
    bases: [{ basis: 'statutory-duty', law: STATUTORY }],
  },
  {
    id: 'statutory-duty.administrative-licensing',
    title: 'Administrative licensing',
    zh: '行政许可',
  },
  { id: 'statutory-duty.law-enforcement', title: 'Administrative enforcement', zh: '行政执法' },
  {
    id: 'statutory-duty.social-security',
    title: 'Social insurance administration',
    zh: '社会保障',
    bases: duty('社会保险法 (Social Insurance Law) Art. 7'),
  },
  {
    id: 'statutory-duty.health-administration',
    title: 'Health administration (disease control, immunization, medical regulation)',
    zh: '卫生健康行政管理',
    bases: duty(
      '基本医疗卫生与健康促进法 (Basic Medical and Health Law) Art. 7; 疫苗管理法 (Vaccine Administration Law) Art. 6',
    ),
  },
  { id: 'statutory-duty.taxation', title: 'Tax administration', zh: '税收征管' },
  { id: 'statutory-duty.market-regulation', title: 'Market regulation', zh: '市场监管' },
  { id: 'statutory-duty.civil-affairs', title: 'Civil affairs registration', zh: '民政' },

  {
    id: 'public-health-emergency',
    title: 'Responding to public-health emergencies',
    zh: '应对突发公共卫生事件',
    bases: [{ basis: 'public-health-emergency', law: 'PIPL Art. 13 ¶1(4)' }],
  },
  { id: 'statistics', title: 'Statistics', zh: '统计' },
  { id: 'research', title: 'Scientific research', zh: '科学研究' },
  {
    id: 'news-reporting',
    title: 'News reporting and public-opinion supervision in the public interest',
    zh: '新闻报道、舆论监督',
    bases: [{ basis: 'news-reporting', law: 'PIPL Art. 13 ¶1(5)' }],
  },
  {
    id: 'hr-management',
    title: 'Human-resources management',
    zh: '人力资源管理',
    bases: [{ basis: 'hr-management', law: 'PIPL Art. 13 ¶1(2)' }],
  },
  {
    id: 'contract',
    title: 'Concluding or performing a contract with the subject',
    zh: '订立、履行合同',
    bases: [{ basis: 'contract', law: 'PIPL Art. 13 ¶1(2)' }],
  },
  { id: 'public-data', title: 'Public data', zh: '公共数据' },
  { id: 'public-data.sharing', title: 'Sharing between departments', zh: '共享' },
  { id: 'public-data.opening', title: 'Opening to the public', zh: '开放' },
  { id: 'public-data.development', title: 'Development and use', zh: '开发利用' },
  {
    id: 'public-data.authorized-operation',
    title: 'Authorized operation',
    zh: '授权运营',
  },
]);
