import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Hostile and mistaken input to the built binary (dist/cli/main.js): exposed
// keyrings, mistyped paths, files that are not databases, full disks.
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/main.js');
const built = existsSync(bin);
const posix = process.platform !== 'win32';
const isRoot = posix && process.getuid?.() === 0;

describe.skipIf(!built)('dataguard binary on hostile input', () => {
  let dir = '';
  let copy = '';
  let keys = '';
  let ledger = '';
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  const ws = () => ['--ledger', ledger, '--keys', keys];
  /** Exit 2, exactly one line on stderr with the code, never ERR_INTERNAL. */
  const expectInputFault = (out: ReturnType<typeof run>, code: string) => {
    expect(out.status).toBe(2);
    const lines = out.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(out.stderr).toMatch(new RegExp(`^dataguard: ${code}: `));
    expect(out.stderr).not.toContain('ERR_INTERNAL');
  };
  const setSchemaVersion = (db: string, version: number) =>
    execFileSync(process.execPath, [
      '-e',
      `const D=require(${JSON.stringify(join(root, 'node_modules/better-sqlite3'))});const d=new D(${JSON.stringify(db)});d.prepare("INSERT INTO schema_version VALUES (?, 'future', '2030-01-01T00:00:00Z')").run(${version});d.close();`,
    ]);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dataguard-hostile-'));
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
    const out = run(
      'protect',
      'examples/residents.csv',
      '--dataset',
      'examples/residents.dataset.json',
      '--actor',
      'gov.example.civil-affairs',
      '--legal-basis',
      'statutory-duty',
      '--policy',
      'examples/share.policy.json',
      '--purpose',
      'statutory-duty',
      '--recipient',
      'gov.example.health',
      '--share-request',
      'examples/share-request.json',
      '--json',
    );
    expect(out.status).toBe(0);
    copy = JSON.parse(out.stdout).target.id as string;
    keys = join(dir, '.dataguard/keyring.json');
    ledger = join(dir, '.dataguard/dataguard.db');
  });
  // Runs after the nested hooks that unmount the tmpfs mounts inside `dir`.
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe.skipIf(!posix)('item 12: keyring permissions', () => {
    it('creates keyrings with mode 0600', () => {
      expect(statSync(keys).mode & 0o777).toBe(0o600);
      expect(run('keys', 'generate', '--suite', 'national', '--out', 'new.json').status).toBe(0);
      expect(statSync(join(dir, 'new.json')).mode & 0o777).toBe(0o600);
    });

    it.each(['640', '604', '644', '660'])(
      'refuses a keyring of mode %s naming the file and the fix',
      (octal) => {
        const mode = Number.parseInt(octal, 8);
        const exposed = join(dir, `exposed-${octal}.json`);
        copyFileSync(keys, exposed);
        chmodSync(exposed, mode);
        for (const args of [
          ['ledger', 'verify', '--ledger', ledger, '--keys', exposed],
          ['custody', copy, '--ledger', ledger, '--keys', exposed],
          ['keys', 'rotate', exposed],
        ]) {
          const out = run(...args);
          expectInputFault(out, 'ERR_INPUT');
          expect(out.stderr).toContain(`chmod 600 ${exposed}`);
          expect(out.stdout).toBe('');
          // The key material is never echoed.
          expect(out.stderr).not.toContain(JSON.parse(readFileSync(keys, 'utf8')).keys[0].key);
        }
        // Refusing does not "fix" the mode behind the user's back.
        expect(statSync(exposed).mode & 0o777).toBe(mode);
        chmodSync(exposed, 0o600);
        expect(run('ledger', 'verify', '--ledger', ledger, '--keys', exposed).status).toBe(0);
      },
    );
  });

  describe('item 13: read-only commands never create a database or directory', () => {
    it.each([
      ['ledger verify', ['ledger', 'verify']],
      ['ledger show', ['ledger', 'show']],
      ['ledger export', ['ledger', 'export', 'residents']],
      ['custody', ['custody', 'residents.gov.example.health']],
      [
        'incident (a dry run)',
        [
          'incident',
          'residents.gov.example.health',
          '--kind',
          'leak',
          '--reported-by',
          'gov.example.health',
          '--discovered',
          '2026-03-10',
        ],
      ],
    ])('%s on a mistyped --ledger is an input error naming the path', (_name, args) => {
      for (const typo of ['typo-dir/dataguard.db', 'typo.db']) {
        const out = run(...args, '--ledger', typo, '--keys', keys);
        expectInputFault(out, 'ERR_INPUT');
        expect(out.stderr).toContain(join(dir, typo));
        expect(out.stdout).not.toContain('ledger ok');
        expect(existsSync(join(dir, 'typo-dir'))).toBe(false);
        expect(existsSync(join(dir, 'typo.db'))).toBe(false);
      }
    });

    it('reads an existing ledger without changing it', () => {
      const before = readFileSync(ledger);
      expect(run('ledger', 'verify', ...ws()).stdout).toMatch(/^ledger ok: 1 entries/);
      expect(run('ledger', 'show', '0', ...ws()).status).toBe(0);
      expect(run('custody', copy, ...ws()).status).toBe(0);
      const dry = run(
        'incident',
        copy,
        '--kind',
        'leak',
        '--reported-by',
        'gov.example.health',
        '--discovered',
        '2026-03-10 09:00',
        ...ws(),
      );
      expect(dry.status).toBe(0);
      expect(readFileSync(ledger).equals(before)).toBe(true);
      // No -wal / -shm files are left beside it either.
      expect(readdirSync(join(dir, '.dataguard')).sort()).toEqual(['dataguard.db', 'keyring.json']);
      expect(run('ledger', 'verify', ...ws()).stdout).toMatch(/^ledger ok: 1 entries/);
    });

    it('derives custody in memory when the stored custody is behind the ledger', () => {
      const recorded = join(dir, 'recorded.db');
      copyFileSync(ledger, recorded);
      const args = ['--ledger', recorded, '--keys', keys];
      // A recorded incident appends an event after the custody was stored.
      expect(
        run(
          'incident',
          copy,
          '--kind',
          'loss',
          '--reported-by',
          'gov.example.health',
          '--discovered',
          '2026-03-10T09:00:00+08:00',
          '--record',
          ...args,
        ).status,
      ).toBe(0);
      const before = readFileSync(recorded);
      const custody = run('custody', copy, '--json', ...args);
      expect(custody.status).toBe(0);
      const roles = (JSON.parse(custody.stdout) as { party: { id: string }; roles: string[] }[])
        .map((p) => `${p.party.id}=${p.roles.join('+')}`)
        .sort();
      expect(roles).toEqual(['gov.example.health=holder+user']);
      expect(readFileSync(recorded).equals(before)).toBe(true);
    });

    it('writing ledger commands on a mistyped --ledger are refused too', () => {
      const out = run('ledger', 'checkpoint', '--ledger', 'typo.db', '--keys', keys);
      expectInputFault(out, 'ERR_INPUT');
      expect(existsSync(join(dir, 'typo.db'))).toBe(false);
    });
  });

  describe('item 14: foreseeable faults are typed, one line, exit 2', () => {
    it('a missing output directory', () => {
      const incident = run(
        'incident',
        copy,
        '--kind',
        'leak',
        '--reported-by',
        'gov.example.health',
        '--discovered',
        '2026-03-10',
        '--out',
        'no-such-dir/report.md',
        ...ws(),
      );
      expectInputFault(incident, 'ERR_INPUT');
      expect(incident.stderr).toContain(`directory ${join(dir, 'no-such-dir')} does not exist`);
      const generated = run(
        'keys',
        'generate',
        '--suite',
        'national',
        '--out',
        'no-such-dir/k.json',
      );
      expectInputFault(generated, 'ERR_INPUT');
      expect(generated.stderr).toContain(`directory ${join(dir, 'no-such-dir')} does not exist`);
      expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
    });

    it('a ledger file that is not a SQLite database', () => {
      const bad = join(dir, 'not-a-db.db');
      writeFileSync(
        bad,
        'this is not a database, just text that is long enough to matter\n'.repeat(40),
      );
      const before = readFileSync(bad);
      for (const args of [
        ['ledger', 'verify'],
        ['ledger', 'checkpoint'],
        ['custody', 'x'],
      ]) {
        const out = run(...args, '--ledger', bad, '--keys', keys);
        expectInputFault(out, 'ERR_STORE');
        expect(out.stderr).toContain(`${bad} is not a SQLite database`);
      }
      expect(readFileSync(bad).equals(before)).toBe(true);
    });

    it('a ledger path that is a directory', () => {
      mkdirSync(join(dir, 'a-directory.db'));
      for (const args of [
        ['ledger', 'verify'],
        ['ledger', 'checkpoint'],
      ]) {
        const out = run(...args, '--ledger', 'a-directory.db', '--keys', keys);
        expectInputFault(out, 'ERR_STORE');
        expect(out.stderr).toContain(`${join(dir, 'a-directory.db')} is a directory`);
      }
    });

    it.skipIf(!posix || isRoot)('an unreadable ledger file', () => {
      const locked = join(dir, 'locked.db');
      copyFileSync(ledger, locked);
      chmodSync(locked, 0o000);
      const out = run('ledger', 'verify', '--ledger', locked, '--keys', keys);
      expectInputFault(out, 'ERR_STORE');
      expect(out.stderr).toContain(locked);
    });

    it('a database schema newer than this version supports', () => {
      const future = join(dir, 'future.db');
      copyFileSync(ledger, future);
      setSchemaVersion(future, 99);
      for (const args of [
        ['ledger', 'verify'],
        ['ledger', 'checkpoint'],
        ['custody', 'x'],
      ]) {
        const out = run(...args, '--ledger', future, '--keys', keys);
        expectInputFault(out, 'ERR_SCHEMA_VERSION');
        expect(out.stderr).toContain(`${future} has schema version 99`);
        expect(out.stderr).toContain('upgrade dataguard');
      }
    });

    describe.skipIf(!isRoot)('a full disk (small tmpfs mounts)', () => {
      const mounts: string[] = [];
      let full = '';
      let fullLedger = '';
      // Mounts a tmpfs of `size`, copies `files` in, then fills what is left.
      const fullDisk = (name: string, size: string, files: readonly string[]): string => {
        const mount = join(dir, name);
        mkdirSync(mount);
        try {
          execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mount], {
            stdio: 'ignore',
          });
        } catch {
          return ''; // mounting is not permitted here (container without CAP_SYS_ADMIN)
        }
        mounts.push(mount);
        for (const file of files) copyFileSync(file, join(mount, file.split('/').at(-1) as string));
        try {
          writeFileSync(join(mount, 'filler'), Buffer.alloc(1024 * 1024));
        } catch {
          // expected: the device is now full
        }
        return mount;
      };
      beforeAll(() => {
        full = fullDisk('full', '64k', []);
        fullLedger = fullDisk('full-ledger', '256k', [ledger, keys]);
      });
      afterAll(() => {
        for (const mount of mounts) execFileSync('umount', [mount], { stdio: 'ignore' });
      });

      it('a ledger on a full disk', (context) => {
        if (fullLedger === '') context.skip();
        const args = [
          '--ledger',
          join(fullLedger, 'dataguard.db'),
          '--keys',
          join(fullLedger, 'keyring.json'),
        ];
        for (const command of [
          ['ledger', 'checkpoint'],
          ['ledger', 'verify'],
        ]) {
          const out = run(...command, ...args);
          expectInputFault(out, 'ERR_STORE');
          expect(out.stderr).toContain(join(fullLedger, 'dataguard.db'));
          expect(out.stderr).toContain('disk is not full');
        }
      });

      it('an output file on a full disk', (context) => {
        if (full === '') context.skip();
        const incident = run(
          'incident',
          copy,
          '--kind',
          'leak',
          '--reported-by',
          'gov.example.health',
          '--discovered',
          '2026-03-10',
          '--out',
          join(full, 'report.md'),
          ...ws(),
        );
        expectInputFault(incident, 'ERR_INPUT');
        expect(incident.stderr).toContain('no space left');
        expect(incident.stderr).toContain(join(full, 'report.md'));
        // No report and no temporary file is left behind.
        expect(readdirSync(full)).toEqual(['filler']);
        const generated = run(
          'keys',
          'generate',
          '--suite',
          'national',
          '--out',
          join(full, 'k.json'),
        );
        expectInputFault(generated, 'ERR_INPUT');
        expect(generated.stderr).toContain('no space left');
      });
    });
  });
});

if (!built)
  process.stderr.write(
    'test/cli/hostile-input.slow.test.ts: skipped because dist/cli/main.js is missing (run `npm run build` first)\n',
  );
