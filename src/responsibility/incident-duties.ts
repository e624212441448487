import type { PartyRef } from '../core/refs.ts';
import type { ResponsibilityRole } from '../tags/vocabulary.ts';
import { assignmentInForce } from './attribution.ts';
import type { ChainCore } from './chain-core.ts';
import { cite } from './citations.ts';
import type { CopyRecord } from './custody-store.ts';
import type {
  AffectedCopy,
  AffectedSubjects,
  CopyParty,
  IncidentDuty,
  IncidentKind,
  IncidentNotification,
  IncidentParty,
} from './incident-report.ts';

/** The authority notified when none is configured: 履行个人信息保护职责的部门 (PIPL Art. 60). */
const DEFAULT_AUTHORITY: PartyRef = Object.freeze({
  id: 'pi-protection-authority',
  kind: 'agency',
  name: 'departments performing PI protection duties (PIPL Art. 60)',
});

const NOTICE_CONTENTS: readonly string[] = Object.freeze([
  'the kinds of personal information leaked, tampered with or lost, the cause, and the possible harm',
  'the remedial measures taken and the measures the person can take to reduce harm',
  'how to contact the personal information handler',
]);

/**
 * The incident duties of every party responsible for an affected copy (P-INCIDENT, R-MANY, S-SUSPEND).
 *
 * @param copies - the affected copies with their parties
 * @param kind - the kind of incident
 * @param subjects - the affected subjects (no personal data: no notice duty)
 * @returns one entry per party
 */
export function incidentParties(
  copies: readonly AffectedCopy[],
  kind: IncidentKind,
  subjects: AffectedSubjects,
): IncidentParty[] {
  const byParty = new Map<
    string,
    { party: CopyParty['party']; copies: { copy: string; roles: readonly ResponsibilityRole[] }[] }
  >();
  for (const copy of copies) {
    for (const p of copy.parties) {
      const entry = byParty.get(p.party.id) ?? { party: p.party, copies: [] };
      entry.copies.push({ copy: copy.copy, roles: p.roles });
      byParty.set(p.party.id, entry);
    }
  }
  const personal = subjects.count !== 0;
  return [...byParty.values()].map(({ party, copies: held }) => {
    const duties: IncidentDuty[] = [];
    const add = (code: string, rule: string, description: string, role?: ResponsibilityRole) => {
      const where = held
        .filter((h) => role === undefined || h.roles.includes(role))
        .map((h) => h.copy);
      if (where.length > 0) duties.push({ code, ...cite(rule), description, copies: where });
    };
    add(
      'emergency-plan',
      'P-INCIDENT',
      'start the emergency plan and contain the incident at once',
    );
    add(
      'own-responsibility',
      'R-MANY',
      'bears its own responsibility for each copy it is responsible for',
    );
    add('remediate', 'P-INCIDENT', 'take remedial measures on the copy and record them', 'holder');
    if (personal) {
      add(
        'notify-subjects',
        'P-INCIDENT',
        'notify the affected persons (unless the exemption applies)',
        'holder',
      );
    }
    add(
      'report-authorities',
      'P-INCIDENT',
      'report the incident to the competent authorities',
      'holder',
    );
    add(
      'secure-system',
      'R-LIFECYCLE',
      'remediate the system the copy is in and preserve its logs',
      'manager',
    );
    add(
      'inform-holder',
      'P-INCIDENT',
      'inform the holder of the copy at once and assist its response',
      'manager',
    );
    add(
      'overall-accountability',
      'R-WHO',
      'oversee the response as owner and reassess the grade of the data',
      'owner',
    );
    add(
      'support-notification',
      'P-INCIDENT',
      'provide the channels to reach the persons it collected from',
      'collector',
    );
    if (kind === 'misuse') {
      add(
        'correct-misuse',
        'S-SUSPEND',
        'stop the misuse and correct it; the data service is suspended meanwhile',
        'user',
      );
    } else {
      add(
        'stop-affected-use',
        'S-PURPOSE',
        'stop using the affected data until it is remediated',
        'user',
      );
    }
    return { party, copies: held, duties };
  });
}

/**
 * The holders of some copies at an instant.
 *
 * @param core - the chain core
 * @param copies - the copies
 * @param at - epoch milliseconds
 * @returns the holders, each once
 */
export async function holdersAt(
  core: ChainCore,
  copies: readonly CopyRecord[],
  at: number,
): Promise<CopyParty['party'][]> {
  const out: CopyParty['party'][] = [];
  for (const copy of copies) {
    for (const a of await core.store.assignments(copy.id)) {
      if (
        a.role === 'holder' &&
        assignmentInForce(a, at) &&
        !out.some((p) => p.id === a.party.id)
      ) {
        out.push(a.party);
      }
    }
  }
  return out;
}

/**
 * Who must be notified, by whom (P-INCIDENT: affected persons and authorities; R-MANY: the other parties).
 *
 * @param copies - the affected copies with their parties
 * @param subjects - the affected subjects
 * @param authorities - the competent authorities (default: the PI protection authority)
 * @param reportedBy - who reports the incident
 * @param upstreamHolders - holders of the copies the affected data came from
 * @returns the notifications
 */
export function notify(
  copies: readonly AffectedCopy[],
  subjects: AffectedSubjects,
  authorities: readonly PartyRef[],
  reportedBy: PartyRef,
  upstreamHolders: readonly PartyRef[],
): IncidentNotification[] {
  const holders: PartyRef[] = [];
  const everyone: PartyRef[] = [];
  for (const copy of copies) {
    for (const p of copy.parties) {
      if (!everyone.some((e) => e.id === p.party.id)) everyone.push(p.party);
      if (p.roles.includes('holder') && !holders.some((h) => h.id === p.party.id))
        holders.push(p.party);
    }
  }
  const by = holders.length > 0 ? holders : [reportedBy];
  const out: IncidentNotification[] = [];
  const personal = subjects.count !== 0;
  out.push({
    to: 'subjects',
    by,
    required: personal,
    rule: 'P-INCIDENT',
    article: 'PIPL Art. 57',
    reason: personal
      ? `${subjects.count === null ? 'an unknown number of' : `${subjects.lowerBound ? 'at least ' : ''}${subjects.count}`} affected person(s); notice may be omitted only where measures effectively avoid harm, unless an authority requires it (PIPL Art. 57 ¶2)`
      : 'no personal information is affected',
    contents: NOTICE_CONTENTS,
  });
  for (const authority of authorities.length > 0 ? authorities : [DEFAULT_AUTHORITY]) {
    out.push({
      to: 'authority',
      party: authority,
      by,
      required: true,
      ...cite('P-INCIDENT'),
      reason: 'report the incident, its cause, the harm and the remedial measures',
    });
  }
  for (const party of [...everyone, ...upstreamHolders]) {
    if (party.id === reportedBy.id || out.some((n) => n.to === 'party' && n.party?.id === party.id))
      continue;
    const upstreamOnly = !everyone.some((e) => e.id === party.id);
    out.push({
      to: 'party',
      party,
      by: [reportedBy],
      required: true,
      ...cite('R-MANY'),
      reason: upstreamOnly
        ? 'holds the copy the affected data was shared from'
        : 'is responsible for an affected copy and bears its own responsibility',
    });
  }
  return out;
}
