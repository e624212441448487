// The PROV-JSON export read by the W3C PROV reference library (Python `prov`,
// Debian python3-prov): the library must see qualified names where dataguard
// means them, keep every party's label, accept every local name under the
// PROV-N grammar, and read its own re-serialization back equal. The Python
// side is test/provenance/interop/prov_roundtrip.py.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger, type ProvDocument } from '../../src/provenance/index.ts';
import { counterRandom, ORIGIN, testClock } from './helpers.ts';
import { findPythonWithProv, interopRequired, reportSkip } from './interop/tools.ts';

const python = findPythonWithProv();
if (python === undefined && !interopRequired) {
  reportSkip(
    'PROV-JSON round trip through the W3C prov library',
    'no python3 can import `prov` (Debian: python3-prov; or set DATAGUARD_PYTHON)',
  );
}

interface ValueFact {
  readonly qualifiedName?: string;
  readonly uri?: string;
  readonly literal?: string;
  readonly datatype?: string;
  readonly str?: string;
}

interface Facts {
  readonly records: Readonly<
    Record<
      string,
      {
        readonly kind: string;
        readonly uri: string;
        readonly attributes: Readonly<Record<string, readonly ValueFact[]>>;
      }
    >
  >;
  readonly relations: Readonly<Record<string, number>>;
  readonly qualifiedNames: Readonly<Record<string, string>>;
  readonly invalidLocalNames: readonly string[];
  readonly roundTrip: boolean;
  readonly reserialized: {
    readonly agent: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  };
  readonly provn: string;
  readonly rdfTypes: Readonly<Record<string, readonly string[]>>;
}

const PROV = 'http://www.w3.org/ns/prov#';
const agency = {
  id: 'fj-bigdata',
  kind: 'agency',
  name: 'Fujian Big Data Administration',
} as const;
const developer = { id: 'acme-dev', kind: 'enterprise' } as const;
const etl = { id: 'etl-runner', kind: 'system' } as const;
// Ids that break a naive local name: leading '-' and '.', trailing '.',
// every PN_LOCAL character that needs escaping, a space, '%', '_' and Chinese.
const AWKWARD = "-a=b'c(d),e:f;g[h]i.";
const DOTTED = '.hidden.';

/** A history where parties appear named and unnamed, and ids are awkward. */
async function exportAwkward(): Promise<ProvDocument> {
  const clock = testClock();
  const ledger = createLedger({ origin: ORIGIN, clock, random: counterRandom() });
  const base = {
    purpose: 'public-service.open-data.development',
    legalBasis: 'statutory-duty',
  } as const;
  clock.advance(1000);
  await ledger.append({
    ...base,
    id: '-collect.',
    processing: 'collect',
    actor: agency,
    inputs: [],
    outputs: [{ id: AWKWARD, version: '1.' }],
  });
  clock.advance(1000);
  await ledger.append({
    ...base,
    id: DOTTED,
    processing: 'deidentify',
    // The agency again, this time without its name: the label must stay.
    actor: etl,
    onBehalfOf: { id: agency.id, kind: agency.kind },
    inputs: [{ id: AWKWARD, version: '1.' }],
    outputs: [{ id: '福建 户籍%_x', version: '-2' }],
  });
  clock.advance(1000);
  await ledger.append({
    ...base,
    id: 'provide-1',
    processing: 'provide',
    actor: { id: agency.id, kind: agency.kind },
    recipients: [developer],
    inputs: [{ id: '福建 户籍%_x', version: '-2' }],
    outputs: [{ id: 'acme-copy' }],
  });
  clock.advance(1000);
  await ledger.append({
    ...base,
    id: 'use-1',
    processing: 'use',
    // The developer named only here, after an unnamed appearance.
    actor: { ...developer, name: 'Acme Data Co.' },
    inputs: [{ id: 'acme-copy' }],
    outputs: [],
  });
  return ledger.exportProv({ id: 'acme-copy' });
}

let dir = '';
let doc: ProvDocument;
let facts: Facts;

describe.skipIf(python === undefined && !interopRequired)(
  'PROV-JSON export read by the W3C prov library',
  () => {
    beforeAll(async () => {
      if (python === undefined)
        throw new Error('interop required but python3 with prov is missing');
      doc = await exportAwkward();
      dir = mkdtempSync(join(tmpdir(), 'dataguard-prov-'));
      const file = join(dir, 'export.json');
      writeFileSync(file, JSON.stringify(doc));
      const script = resolve(import.meta.dirname, 'interop/prov_roundtrip.py');
      const run = spawnSync(python, [script, file], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`prov_roundtrip.py failed:\n${run.stderr}`);
      facts = JSON.parse(run.stdout) as Facts;
    });
    afterAll(() => {
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    it('reads prov:type values as qualified names, agents as PROV agent classes', () => {
      const agent = facts.records['party:agency_fj-bigdata'];
      expect(agent?.kind).toBe('prov:Agent');
      expect(agent?.attributes['prov:type']).toEqual([
        { qualifiedName: 'prov:Organization', uri: `${PROV}Organization` },
      ]);
      expect(facts.records['party:system_etl-runner']?.attributes['prov:type']).toEqual([
        { qualifiedName: 'prov:SoftwareAgent', uri: `${PROV}SoftwareAgent` },
      ]);
      // Every prov:type of every record is a qualified name, never a literal.
      for (const [id, record] of Object.entries(facts.records)) {
        for (const value of record.attributes['prov:type'] ?? []) {
          expect({ id, qualified: value.qualifiedName !== undefined }).toEqual({
            id,
            qualified: true,
          });
        }
      }
      // So the RDF the library writes types the agent as prov:Organization.
      expect(facts.rdfTypes[agent?.uri ?? '']).toContain(`${PROV}Organization`);
      expect(facts.provn).toContain("prov:type='prov:Organization'");
    });

    it('reads recipients as qualified names of the agents', () => {
      const provide = facts.records['ev:provide-1'];
      expect(provide?.attributes['prov:type']).toEqual([
        { qualifiedName: 'dg:provide', uri: 'urn:dataguard:vocab:provide' },
      ]);
      expect(provide?.attributes['dg:recipients']).toEqual([
        {
          qualifiedName: 'party:enterprise_acme-dev',
          uri: 'urn:dataguard:party:enterprise_acme-dev',
        },
      ]);
    });

    it('keeps the label of a party named in only some events', () => {
      expect(facts.records['party:agency_fj-bigdata']?.attributes['prov:label']).toEqual([
        { str: 'Fujian Big Data Administration' },
      ]);
      expect(facts.records['party:enterprise_acme-dev']?.attributes['prov:label']).toEqual([
        { str: 'Acme Data Co.' },
      ]);
    });

    it('writes every local name under the PROV-N grammar, mapping back to the ids', () => {
      expect(facts.invalidLocalNames).toEqual([]);
      const iris = Object.values(facts.qualifiedNames);
      // Percent-decoding each part of the IRI gives the dataset's id and version back.
      const decoded = iris
        .filter((iri) => iri.startsWith('urn:dataguard:dataset:'))
        .map((iri) =>
          iri
            .slice('urn:dataguard:dataset:'.length)
            .split('_')
            .map((part) => decodeURIComponent(part)),
        );
      expect(decoded).toContainEqual([AWKWARD, '1.']);
      expect(decoded).toContainEqual(['福建 户籍%_x', '-2']);
      const activities = iris
        .filter((iri) => iri.startsWith('urn:dataguard:event:'))
        .map((iri) => decodeURIComponent(iri.slice('urn:dataguard:event:'.length)));
      expect(activities).toEqual(expect.arrayContaining(['-collect.', DOTTED, 'provide-1']));
    });

    it('reads its own re-serialization back equal, with the same typed values', () => {
      expect(facts.roundTrip).toBe(true);
      expect(facts.relations).toMatchObject({
        'prov:Usage': 3,
        'prov:Generation': 3,
        'prov:Association': 4,
        'prov:Delegation': 1,
        'prov:Derivation': 2,
      });
      // The library writes qualified names exactly as dataguard does.
      const ours = doc.agent['party:agency_fj-bigdata'];
      const theirs = facts.reserialized.agent['party:agency_fj-bigdata'];
      expect(theirs?.['prov:type']).toEqual(ours?.['prov:type']);
      expect(ours?.['prov:type']).toEqual({ $: 'prov:Organization', type: 'prov:QUALIFIED_NAME' });
    });
  },
);
