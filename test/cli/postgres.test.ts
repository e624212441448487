import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcePgSkip, PG_URL } from '../store/harness.ts';
import { README_RELEASE_OPTIONS } from './run-clean.ts';

// Issue 19, databases: protect, scan, profile and risk read a PostgreSQL query, and
// protect writes a PostgreSQL table, through the built binary against a real server.
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');

announcePgSkip('cli/postgres.test.ts');

describe.skipIf(PG_URL === undefined || !existsSync(bin))('dataguard and PostgreSQL', () => {
  const url = PG_URL as string;
  // The same server with a password in the URL (the test server trusts, so it is ignored): it must never be printed.
  const secretUrl = url.replace('postgres://postgres@', 'postgres://postgres:s3cret-pw@');
  const schema = `dgcli_${process.pid}_${Date.now().toString(36)}`;
  const residents = `${schema}.residents`;
  let dir = '';
  let admin: pg.Client;
  const source = readFileSync(join(root, 'examples/residents.csv'), 'utf8').trim().split('\n');
  const header = (source[0] as string).split(',');
  const rows = source.slice(1).map((line) => line.split(','));
  const idCards = new Set(rows.map((row) => row[header.indexOf('id_card')] as string));
  let nullOccupations = 0;

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  const release = README_RELEASE_OPTIONS;
  const query = `SELECT * FROM ${residents} ORDER BY row_no`;
  const fromQuery = ['--from-postgres', url, '--query', query];
  // The first five rows' mobile numbers break the FPE transform (quarantined rows).
  const broken = `SELECT row_no, name, id_card, CASE WHEN row_no <= 5 THEN '12345' ELSE mobile END AS mobile, birth_date, sex, district, occupation, diagnosis, household_size FROM ${residents} ORDER BY row_no`;
  const ledgerSize = () => {
    const verified = run('ledger', 'verify');
    const match = /(\d+) entr/.exec(verified.stdout);
    if (verified.status !== 0 || match === null)
      throw new Error(`ledger verify: ${verified.stdout}${verified.stderr}`);
    return Number(match[1]);
  };
  const count = async (sql: string) => Number((await admin.query(sql)).rows[0].n);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dataguard-pg-cli-'));
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(
      `CREATE TABLE ${residents} (row_no int PRIMARY KEY, name text, id_card text, mobile text, birth_date date, sex text, district text, occupation text, diagnosis text, household_size int)`,
    );
    await admin.query(`CREATE SEQUENCE ${schema}.counter`);
    // 5,000 residents: the 500 of the example ten times; every seventh without occupation (NULL).
    const values: unknown[] = [];
    const tuples: string[] = [];
    let n = 0;
    for (let copy = 0; copy < 10; copy++) {
      for (const row of rows) {
        n++;
        const occupation = n % 7 === 0 ? null : row[6];
        if (occupation === null) nullOccupations++;
        values.push(n, row[0], row[1], row[2], row[3], row[4], row[5], occupation, row[7], row[8]);
        tuples.push(
          `(${Array.from({ length: 10 }, (_, i) => `$${values.length - 9 + i}`).join(', ')})`,
        );
        if (tuples.length === 500) {
          await admin.query(`INSERT INTO ${residents} VALUES ${tuples.join(', ')}`, values);
          values.length = 0;
          tuples.length = 0;
        }
      }
    }
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('protects a query into a CSV file: every row released, identifiers transformed, NULL an empty cell', () => {
    const out = run('protect', ...fromQuery, ...release, '--out', 'provided.csv');
    expect(out.stderr).not.toContain('ERR_');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('released 5000 rows → 5000 rows');
    const lines = readFileSync(join(dir, 'provided.csv'), 'utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(5001);
    const outHeader = (lines[0] as string).split(',');
    expect(outHeader).not.toContain('diagnosis');
    const idColumn = outHeader.indexOf('id_card');
    const occupation = outHeader.indexOf('occupation');
    const cells = lines.slice(1).map((line) => line.split(','));
    expect(cells.some((cell) => idCards.has(cell[idColumn] as string))).toBe(false);
    expect(cells.filter((cell) => cell[occupation] === '')).toHaveLength(nullOccupations);
    expect(ledgerSize()).toBe(1);
  });

  it('keeps NULL as null in NDJSON output', () => {
    const out = run('protect', ...fromQuery, ...release, '--out', 'provided.ndjson', '--again');
    expect(out.status).toBe(0);
    const records = readFileSync(join(dir, 'provided.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(5000);
    expect(records.filter((record) => record.occupation === null)).toHaveLength(nullOccupations);
    expect(records[0]?.birth_date).toMatch(/^\d{4}-\d{2}$/);
    expect(ledgerSize()).toBe(2);
  });

  it('protects a query into a table, visible with its release id; a rerun is refused without --again', async () => {
    const table = `${schema}.provided`;
    const out = run(
      'protect',
      ...fromQuery,
      ...release,
      '--again',
      '--to-postgres',
      secretUrl,
      '--table',
      table,
      '--json',
    );
    expect(out.stderr).not.toContain('ERR_');
    expect(out.status).toBe(0);
    expect(`${out.stdout}${out.stderr}`).not.toContain('s3cret-pw');
    const summary = JSON.parse(out.stdout) as { ledgerIndex: number; rowsOut: number };
    expect(summary.rowsOut).toBe(5000);
    const event = JSON.parse(run('ledger', 'show', String(summary.ledgerIndex), '--json').stdout)
      .event as { details: { release: string } };
    const stored = (await admin.query(`SELECT * FROM ${table} ORDER BY dataguard_row`))
      .rows as Record<string, string | null>[];
    expect(stored).toHaveLength(5000);
    expect(new Set(stored.map((row) => row.dataguard_release))).toEqual(
      new Set([event.details.release]),
    );
    expect(stored.some((row) => idCards.has(row.id_card as string))).toBe(false);
    expect(stored.filter((row) => row.occupation === null)).toHaveLength(nullOccupations);
    expect(stored.filter((row) => row.occupation === '')).toHaveLength(0);

    const size = ledgerSize();
    const again = run('protect', ...fromQuery, ...release, '--to-postgres', url, '--table', table);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already released');
    expect(ledgerSize()).toBe(size);
    expect(await count(`SELECT count(*) AS n FROM ${table}`)).toBe(5000);
    expect(
      await count(
        `SELECT count(*) AS n FROM pg_tables WHERE schemaname = '${schema}' AND tablename LIKE 'dataguard_staged_%' AND tablename <> 'dataguard_staged_releases'`,
      ),
    ).toBe(0);
  });

  it('rolls back, before a release into a table, a staged release the ledger never recorded', async () => {
    const table = `${schema}.recovered`;
    const orphan = 'orphanreleaseaaaaaaa';
    // What a crash between staging and the ledger event leaves behind.
    await admin.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.dataguard_staged_releases (release text PRIMARY KEY, target text NOT NULL, staging text NOT NULL, columns text NOT NULL, rows bigint NOT NULL, staged_at timestamptz NOT NULL DEFAULT now())`,
    );
    await admin.query(
      `CREATE TABLE ${schema}.dataguard_staged_${orphan} (dataguard_row bigint NOT NULL, name text)`,
    );
    await admin.query(`INSERT INTO ${schema}.dataguard_staged_${orphan} VALUES (1, '张三')`);
    await admin.query(
      `INSERT INTO ${schema}.dataguard_staged_releases (release, target, staging, columns, rows) VALUES ($1, $2, $3, '["name"]', 1)`,
      [orphan, table, `dataguard_staged_${orphan}`],
    );
    const out = run(
      'protect',
      ...fromQuery,
      ...release,
      '--again',
      '--to-postgres',
      url,
      '--table',
      table,
    );
    expect(out.status).toBe(0);
    expect(out.stderr).toContain(`rolled back release ${orphan}`);
    expect(
      (
        await admin.query('SELECT to_regclass($1) IS NULL AS gone', [
          `${schema}.dataguard_staged_${orphan}`,
        ])
      ).rows[0].gone,
    ).toBe(true);
    expect(await count(`SELECT count(*) AS n FROM ${table} WHERE name = '张三'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM ${table}`)).toBe(5000);
  });

  it('quarantines the rows a transform breaks in a query, listed without values, and fails above --max-rejects', async () => {
    const from = ['--from-postgres', url, '--query', broken];
    const quarantine = ['--quarantine', 'pg-rejects.csv'];
    const before = ledgerSize();
    const over = run('protect', ...from, ...release, ...quarantine, '--out', 'pg-q.csv');
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('more than the 0 allowed');
    expect(existsSync(join(dir, 'pg-q.csv'))).toBe(false);
    expect(existsSync(join(dir, 'pg-rejects.csv'))).toBe(false);
    expect(ledgerSize()).toBe(before);
    const within = run(
      'protect',
      ...from,
      ...release,
      ...quarantine,
      '--max-rejects',
      '1%',
      '--out',
      'pg-q.csv',
    );
    expect(within.status, within.stderr).toBe(0);
    expect(within.stdout).toContain('pg-rejects.csv');
    const listed = readFileSync(join(dir, 'pg-rejects.csv'), 'utf8').trim().split('\n');
    expect(listed[0]).toBe('row,field,rule,reason');
    expect(listed.slice(1).map((line) => line.split(',').slice(0, 2).join(','))).toEqual([
      '1,mobile',
      '2,mobile',
      '3,mobile',
      '4,mobile',
      '5,mobile',
    ]);
    expect(listed.join('\n')).not.toContain('12345');
    expect(readFileSync(join(dir, 'pg-q.csv'), 'utf8').trim().split(/\r?\n/)).toHaveLength(4996);
    expect(ledgerSize()).toBe(before + 1);
    // The same rows again, into a table (a new copy: --again): the list appears
    // once the table's rows are committed.
    const table = `${schema}.quarantined`;
    const intoTable = run(
      'protect',
      ...from,
      ...release,
      '--quarantine',
      'pg-table-rejects.csv',
      '--max-rejects',
      '5',
      '--again',
      '--to-postgres',
      url,
      '--table',
      table,
    );
    expect(intoTable.status, intoTable.stderr).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM ${table}`)).toBe(4995);
    expect(readFileSync(join(dir, 'pg-table-rejects.csv'), 'utf8').trim().split('\n')).toHaveLength(
      6,
    );
    // A quarantine file that is the output is refused before anything is read.
    const clash = run(
      'protect',
      ...from,
      ...release,
      ...['--quarantine', 'x.csv', '--out', 'x.csv'],
    );
    expect(clash.status).toBe(2);
    expect(clash.stderr).toContain('--quarantine');
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });

  it('gates an open release of a query and proposes a generalization that passes (--suggest-policy)', () => {
    const policy = JSON.parse(readFileSync(join(dir, 'examples/open.policy.json'), 'utf8'));
    writeFileSync(
      join(dir, 'pg-raw-district.json'),
      JSON.stringify({
        ...policy,
        keep: ['household_size', 'district'],
        rules: policy.rules.slice(0, 1),
      }),
    );
    const open = [
      ...['--dataset', 'examples/residents.dataset.json', '--actor', 'gov.example.civil-affairs'],
      ...['--legal-basis', 'statutory-duty', '--purpose', 'public-data.opening'],
      ...['--recipient', 'open-data-portal', '--recipient-kind', 'system', '--processing', 'open'],
      ...['--open-request', 'examples/open-request.json', '--k', '1000'],
    ];
    const failed = run(
      'protect',
      ...fromQuery,
      ...open,
      ...['--policy', 'pg-raw-district.json', '--suggest-policy', 'pg-suggested.json'],
      ...['--out', 'pg-gated.csv'],
    );
    expect(failed.status, failed.stderr).toBe(1);
    expect(failed.stderr).toContain('quasi-identifiers (birth_date, sex, district, occupation)');
    expect(failed.stderr).toContain('a generalization that meets k');
    expect(existsSync(join(dir, 'pg-gated.csv'))).toBe(false);
    const passed = run(
      'protect',
      ...fromQuery,
      ...open,
      ...['--policy', 'pg-suggested.json', '--out', 'pg-gated.csv'],
    );
    expect(passed.status, passed.stderr).toBe(0);
    expect(passed.stdout).toMatch(/k=\d+ \(required 1000: pass\)/);
  });

  it('finishes or removes the quarantine list a crash left staged, by the ledger, on the next run', () => {
    const from = ['--from-postgres', url, '--query', broken];
    const done = run(
      'protect',
      ...from,
      ...release,
      ...['--quarantine', 'crash-list.csv', '--max-rejects', '5', '--again', '--out', 'crash.csv'],
    );
    expect(done.status, done.stderr).toBe(0);
    const copy = /copy\s+\S+\.(\w+)\s/.exec(done.stdout)?.[1];
    expect(copy).toBeDefined();
    const list = readFileSync(join(dir, 'crash-list.csv'), 'utf8');
    const staged = (name: string) => join(dir, `.${name}.dataguard-staged`);
    // As a kill after the ledger event and before the list's rename leaves it.
    renameSync(join(dir, 'crash-list.csv'), staged('crash-list.csv'));
    writeFileSync(`${staged('crash-list.csv')}-release`, copy as string);
    // As a kill before the event leaves it: a release the ledger never recorded.
    writeFileSync(staged('orphan-list.csv'), 'row,field,rule,reason\r\n');
    writeFileSync(`${staged('orphan-list.csv')}-release`, 'r-never-recorded');
    // The next runs fail (too many rejects) after recovery: what recovery did stays visible.
    for (const name of ['crash-list.csv', 'orphan-list.csv']) {
      const next = run('protect', ...from, ...release, '--quarantine', name, '--out', 'next.csv');
      expect(next.status).toBe(2);
      expect(next.stderr).toContain('more than the 0 allowed');
      expect(existsSync(staged(name))).toBe(false);
      expect(existsSync(`${staged(name)}-release`)).toBe(false);
    }
    expect(readFileSync(join(dir, 'crash-list.csv'), 'utf8')).toBe(list);
    expect(existsSync(join(dir, 'orphan-list.csv'))).toBe(false);
    expect(existsSync(join(dir, 'next.csv'))).toBe(false);
  });

  it('scans, profiles and measures the risk of a query', () => {
    const scan = run('scan', ...fromQuery);
    expect(scan.status).toBe(0);
    expect(scan.stdout).toContain(`findings in query on ${url}\n`);
    expect(scan.stdout).toMatch(/cn-resident-id +5000\n/);

    const profile = run('profile', ...fromQuery, '--id', 'residents');
    expect(profile.status).toBe(0);
    const fields = (JSON.parse(profile.stdout) as { fields: { name: string; role: string }[] })
      .fields;
    expect(fields.find((field) => field.name === 'id_card')?.role).toBe('direct-identifier');

    const risk = run('risk', ...fromQuery, '--qi', 'sex,district', '--json');
    expect(risk.status).toBe(0);
    const measured = JSON.parse(risk.stdout) as {
      input: { rows: number };
      measures: { k: number };
    };
    expect(measured.input.rows).toBe(5000);
    expect(measured.measures.k).toBeGreaterThan(1);
  });

  it('a bad query is an input error naming the SQLSTATE (exit 2), never the query; nothing released', () => {
    const size = ledgerSize();
    const out = run(
      'protect',
      '--from-postgres',
      secretUrl,
      '--query',
      `SELECT * FROM ${residents} WHERE name = '王娜' ORDER BY no_such_column`,
      ...release,
      '--out',
      'bad.csv',
    );
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('ERR_INPUT');
    expect(out.stderr).toContain('--query');
    expect(out.stderr).toContain('SQLSTATE 42703');
    expect(out.stderr).not.toContain('王娜');
    expect(out.stderr).not.toContain('no_such_column');
    expect(out.stderr).not.toContain('s3cret-pw');
    expect(existsSync(join(dir, 'bad.csv'))).toBe(false);
    expect(ledgerSize()).toBe(size);
  });

  it('refuses a query that writes (read-only transaction): the data stays as it was', async () => {
    const writes = [
      [`WITH gone AS (DELETE FROM ${residents} RETURNING *) SELECT * FROM gone`, '0A000'],
      [`SELECT nextval('${schema}.counter') AS n`, '25006'],
      [`DELETE FROM ${residents} RETURNING *`, '42601'],
    ] as const;
    for (const [sql, state] of writes) {
      const out = run('scan', '--from-postgres', url, '--query', sql);
      expect(out.status).toBe(2);
      expect(out.stderr).toContain(`SQLSTATE ${state}`);
    }
    expect(await count(`SELECT count(*) AS n FROM ${residents}`)).toBe(5000);
    expect((await admin.query(`SELECT is_called FROM ${schema}.counter`)).rows[0].is_called).toBe(
      false,
    );
  });

  it('refuses conflicting or incomplete inputs and outputs with a usage error', () => {
    const cases = [
      [['scan', 'examples/residents.csv', ...fromQuery], 'not both'],
      [['risk', '--from-postgres', url, '--qi', 'sex'], 'needs --query'],
      [['profile', '--query', query], 'needs --from-postgres'],
      [['protect', ...fromQuery, ...release], '--out <file> or --to-postgres'],
      [
        [
          'protect',
          ...fromQuery,
          ...release,
          '--out',
          'x.csv',
          '--to-postgres',
          url,
          '--table',
          't',
        ],
        'not both',
      ],
      [['protect', ...fromQuery, ...release, '--to-postgres', url], 'needs --table'],
      [['protect', ...fromQuery, ...release, '--out', 'x.csv', '--encoding', 'gbk'], '--encoding'],
    ] as const;
    for (const [args, words] of cases) {
      const out = run(...args);
      expect({ args, status: out.status }).toEqual({ args, status: 2 });
      expect(out.stderr).toContain('ERR_USAGE');
      expect(out.stderr).toContain(words);
    }
  });

  it('names an unreachable database without its password', () => {
    const out = run(
      'risk',
      '--from-postgres',
      'postgres://dg:s3cret-pw@127.0.0.1:1/none',
      '--query',
      'SELECT 1',
      '--qi',
      'a',
    );
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('postgres://dg:***@127.0.0.1:1/none');
    expect(out.stderr).not.toContain('s3cret-pw');
  });
});
