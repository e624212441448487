// Fails when src/ spreads an array into a call that takes one argument per
// element (Math.min/max, push, unshift, fromCharCode …): with data-sized
// arrays that overflows the stack ("Maximum call stack size exceeded").
// A spread that is bounded by construction carries a `spread-ok:` comment
// on the same line saying why.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CALL =
  /\bMath\.(?:min|max)\([^;]*\.\.\.|(?:\.push|\.unshift|\.splice|String\.fromCharCode|String\.fromCodePoint|\.apply)\(\s*\.\.\./;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

const problems = [];
for (const path of files(process.argv[2] ?? 'src')) {
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (CALL.test(line) && !line.includes('spread-ok:'))
        problems.push(`${path}:${i + 1}: ${line.trim()}`);
    });
}
if (problems.length > 0) {
  console.error(
    `spread of an array into a call (use a loop, or mark a bounded one with "spread-ok:"):\n${problems.join('\n')}`,
  );
  process.exit(1);
}
console.log('check-spread: no data-sized spreads in calls');
