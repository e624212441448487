#!/usr/bin/env node
import { boundHeapGrowth } from './heap-growth.ts';

// Before the rest of the CLI loads: set later, the flags do not hold (the young
// generation still doubles to 32 MiB over a run; docs/performance.md, "release").
boundHeapGrowth();
const { run } = await import('./program.ts');

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  debug: process.env.DATAGUARD_DEBUG === '1',
});
