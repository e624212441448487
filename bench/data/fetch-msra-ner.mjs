// Downloads the held-out MSRA NER test split used by bench/free-text.bench.ts
// into bench/data/msra-ner-test.txt and checks its SHA-256. The corpus is not
// committed: it carries no licence that allows redistribution.
//   node bench/data/fetch-msra-ner.mjs            (from GitHub)
//   node bench/data/fetch-msra-ner.mjs FILE       (from a local copy)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const commit = 'e4a8732de88071dac5d1fce8da18de98365389fa';
const url = `https://raw.githubusercontent.com/Determined22/zh-NER-TF/${commit}/data_path/test_data`;
const sha256 = 'ee3a3d7c86352ed8ad9c802f57038db51a870afacf53048d0731af7172f1a7e1';
const target = new URL('msra-ner-test.txt', import.meta.url);

const local = process.argv[2];
let bytes;
if (local !== undefined) bytes = readFileSync(local);
else {
  const response = await fetch(url);
  if (!response.ok) {
    console.error(`download failed: HTTP ${response.status} from ${url}`);
    process.exit(1);
  }
  bytes = Buffer.from(await response.arrayBuffer());
}
const actual = createHash('sha256').update(bytes).digest('hex');
if (actual !== sha256) {
  console.error(`checksum mismatch: expected ${sha256}, got ${actual}; nothing written`);
  process.exit(1);
}
writeFileSync(target, bytes);
console.log(`wrote ${target.pathname} (${bytes.length} bytes, sha256 ${actual})`);
