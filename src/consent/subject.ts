import {
  ageReachedAtUnchecked,
  birthDateFromResidentId,
  type CivilDate,
  parseBirthDate,
} from './birth-date.ts';
import type { Awaitable } from './store.ts';
import { readZoned, type TimeZone } from './time-zone.ts';

/**
 * What decide() needs to know about a subject: its id and, for C-MINOR, a
 * birth date or resident ID number (any other properties are ignored).
 * Property names can be changed with the decider's `subjectFields` option.
 */
export interface SubjectRecord {
  readonly id: string;
  readonly birthDate?: string | undefined;
  readonly residentId?: string | undefined;
  /** Ids of the subject's registered parents or other guardians. */
  readonly guardians?: readonly string[] | undefined;
  readonly [property: string]: unknown;
}

/** Where decide() looks subjects up when a request names one by id (synchronously or not). */
export interface SubjectDirectory {
  get(id: string): Awaitable<SubjectRecord | undefined>;
}

/** Names of the subject-record properties that hold the birth date, resident ID and guardians. */
export interface SubjectFields {
  readonly birthDate?: string;
  readonly residentId?: string;
  readonly guardians?: string;
}

/** A subject as decide() sees it. Internal. */
export interface SubjectInfo {
  readonly id: string;
  /** When the subject turns 14 (满十四周岁), NaN when unknown. */
  readonly reaches14: number;
  readonly guardians: ReadonlySet<string> | undefined;
}

/**
 * Reads subject records into {@link SubjectInfo}, once per record object.
 *
 * @param fields - property names
 * @param zone - civil time zone for ages and for birth dates written as date-times
 * @returns a reader with a per-record cache
 */
export function subjectReader(
  fields: SubjectFields,
  zone: TimeZone,
): (record: SubjectRecord) => SubjectInfo {
  const offsetMinutes = zone.fixedOffset;
  const cache = new WeakMap<SubjectRecord, SubjectInfo>();
  const birthKey = fields.birthDate ?? 'birthDate';
  const idKey = fields.residentId ?? 'residentId';
  const guardianKey = fields.guardians ?? 'guardians';
  return (record) => {
    let info = cache.get(record);
    if (info === undefined) {
      const birthValue = record[birthKey];
      const idValue = record[idKey];
      const birth =
        (typeof birthValue === 'string' ? readBirthDate(birthValue, zone) : undefined) ??
        (typeof idValue === 'string' ? birthDateFromResidentId(idValue) : undefined);
      const guardians = record[guardianKey];
      info = Object.freeze({
        id: record.id,
        reaches14:
          birth === undefined ? Number.NaN : ageReachedAtUnchecked(birth, 14, offsetMinutes),
        guardians: Array.isArray(guardians)
          ? new Set(guardians.filter((g): g is string => typeof g === 'string'))
          : undefined,
      });
      cache.set(record, info);
    }
    return info;
  };
}

// A birth date is a civil date: `YYYY-MM-DD`, `YYYYMMDD`, or a date-time
// (with or without an offset) whose date is taken in the configured zone.
function readBirthDate(text: string, zone: TimeZone): CivilDate | undefined {
  const date = parseBirthDate(text);
  if (date !== undefined || text.length <= 10) return date;
  const ms = readZoned(text, zone);
  if (!Number.isFinite(ms)) return undefined;
  const wall = new Date(ms + zone.offsetAt(ms) * 60_000);
  return parseBirthDate(wall.toISOString().slice(0, 10));
}
