// Internal shared utilities; public names are re-exported by the modules that own them.

export {
  assertAnyIterable,
  assertFiniteNumber,
  assertFunction,
  assertIterable,
  assertObject,
  assertRecord,
  assertString,
  safeString,
} from './assert.ts';
export { concatBytes, equalBytes, fromBase64, fromHex, toBase64, toHex, utf8 } from './bytes.ts';
export type { JsonValue } from './canonical-json.ts';
export { canonicalBytes, canonicalJson } from './canonical-json.ts';
export type { Clock } from './clock.ts';
export { fixedClock, systemClock } from './clock.ts';
export { parseArgument } from './parse.ts';
export type { RandomSource } from './random.ts';
export { systemRandom } from './random.ts';
export { DatasetRef, Digest, Id, PartyKind, PartyRef, PurposeId } from './refs.ts';
export { IsoDateTime, toEpochMs, toIso } from './time.ts';
