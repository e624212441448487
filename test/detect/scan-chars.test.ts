import { describe, expect, it } from 'vitest';
import {
  fold,
  isAlnumCode,
  isDigitCode,
  isDomainCode,
  isEmailLocalCode,
  isGroupSeparator,
  isHexColonCode,
  isUpperCode,
} from '../../src/detect/scan-chars.ts';

// The character classes as first written, with bare code points: the named
// versions must agree with them on every UTF-16 code unit.
const reference = {
  fold: (code: number) => (code >= 0xff10 && code <= 0xff5a ? code - 0xfee0 : code),
  isDigitCode: (code: number) => {
    const c = reference.fold(code);
    return c >= 48 && c <= 57;
  },
  isAlnumCode: (code: number) => {
    const c = reference.fold(code);
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  },
  isUpperCode: (code: number) => {
    const c = reference.fold(code);
    return c >= 65 && c <= 90;
  },
  isGroupSeparator: (code: number) =>
    code === 32 || code === 45 || code === 0xa0 || code === 0x3000 || code === 0xff0d,
  isEmailLocalCode: (c: number) =>
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    [46, 95, 45, 43, 37, 33, 35, 36, 38, 39, 42, 47, 61, 63, 94, 96, 123, 124, 125, 126].includes(
      c,
    ),
  isDomainCode: (c: number) =>
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45,
  isHexColonCode: (c: number) =>
    (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46,
};

const named = {
  fold,
  isDigitCode,
  isAlnumCode,
  isUpperCode,
  isGroupSeparator,
  isEmailLocalCode,
  isDomainCode,
  isHexColonCode,
};

describe('scanner character classes', () => {
  for (const name of Object.keys(named) as (keyof typeof named)[]) {
    it(`${name} agrees with the bare-code reference on every code unit`, () => {
      const mismatches: number[] = [];
      for (let code = 0; code <= 0xffff; code++) {
        if (named[name](code) !== reference[name](code)) mismatches.push(code);
      }
      expect(mismatches).toEqual([]);
    });
  }
});
