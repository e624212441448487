import { createKeyring, type KeyMaterialInput, type Keyring } from '../../src/crypto/index.ts';
import { luhnCheckDigit, residentIdCheckCharacter } from '../../src/detect/index.ts';
import type { DatasetDefinition } from '../../src/tags/index.ts';

export const KEYS: KeyMaterialInput[] = [
  {
    id: 'k1',
    suite: 'international' as const,
    material: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
    createdAt: '2026-01-01T00:00:00Z',
    status: 'active' as const,
  },
];

export const NATIONAL_KEYS: KeyMaterialInput[] = [
  { ...(KEYS[0] as KeyMaterialInput), id: 'n1', suite: 'national' },
];

export function testKeyring(): Keyring {
  return createKeyring({ keys: KEYS });
}

/** A resident ID with a correct check character from its first 17 digits. */
export function residentId(first17: string): string {
  return first17 + residentIdCheckCharacter(first17);
}

/** A Luhn-valid card number from its digits without the check digit. */
export function card(body: string): string {
  return body + luhnCheckDigit(body);
}

export const residents: DatasetDefinition = {
  id: 'residents',
  version: '1',
  fields: [
    {
      name: 'name',
      role: 'direct-identifier',
      piCategory: 'basic',
      share: 'conditional',
      open: 'closed',
      openBasis: 'PIPL Art. 25',
    },
    {
      name: 'id_card',
      role: 'direct-identifier',
      piCategory: 'identity',
      identifierType: 'cn-resident-id',
      share: 'conditional',
      open: 'closed',
      openBasis: 'PIPL Art. 25',
    },
    {
      name: 'mobile',
      role: 'direct-identifier',
      piCategory: 'communication',
      identifierType: 'cn-mobile',
      share: 'conditional',
      open: 'closed',
      openBasis: 'PIPL Art. 25',
    },
    {
      name: 'bank_card',
      role: 'direct-identifier',
      piCategory: 'financial-account',
      identifierType: 'bank-card',
      share: 'conditional',
      open: 'closed',
      openBasis: 'PIPL Art. 28',
    },
    {
      name: 'address',
      role: 'quasi-identifier',
      piCategory: 'location',
      share: 'conditional',
      open: 'closed',
      openBasis: 'PIPL Art. 25',
    },
    {
      name: 'birth_date',
      role: 'quasi-identifier',
      piCategory: 'basic',
      share: 'conditional',
      open: 'closed',
      openBasis: 'PIPL Art. 25',
    },
    {
      name: 'sex',
      role: 'quasi-identifier',
      piCategory: 'basic',
      share: 'conditional',
      open: 'on-application',
    },
    {
      name: 'occupation',
      role: 'quasi-identifier',
      piCategory: 'education-work',
      share: 'conditional',
      open: 'on-application',
    },
    {
      name: 'income',
      role: 'sensitive',
      piCategory: 'property',
      share: 'conditional',
      open: 'closed',
      openBasis: 'PIPL Art. 28',
    },
    {
      name: 'email',
      role: 'direct-identifier',
      piCategory: 'communication',
      identifierType: 'email',
      share: 'conditional',
      open: 'closed',
      openBasis: 'PIPL Art. 25',
    },
    {
      name: 'diagnosis',
      role: 'sensitive',
      piCategory: 'health',
      share: 'none',
      shareBasis: 'PIPL Art. 28',
      open: 'closed',
      openBasis: 'PIPL Art. 28',
    },
  ],
};

export const ID_A: string = '11010519491231002X';
export const ID_B: string = '440524188001010014';
export const ID_C: string = residentId('35010219900307457');
export const CARD_A: string = card('622202123456789012');

export const residentA: Record<string, string> = {
  name: '欧阳娜娜',
  id_card: ID_C,
  mobile: '13800138000',
  bank_card: CARD_A,
  address: '福建省福州市鼓楼区五四路123号',
  birth_date: '1990-03-07',
  sex: '女',
  occupation: '教师',
  income: '8500',
  email: 'nana@example.com',
  diagnosis: 'J45',
};
