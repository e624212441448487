import { describe, expect, it } from 'vitest';
import { streamSubjects } from '../../src/pipeline/subject-stream.ts';

// A digest that names its subject: 16 bytes, the id's number in the first four.
const digest = (subject: string) => {
  const bytes = new Uint8Array(16);
  new DataView(bytes.buffer).setUint32(0, Number(subject));
  return bytes;
};
const subjectsIn = (batches: Uint8Array[]) => {
  const out: number[] = [];
  for (const batch of batches) {
    const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength);
    for (let at = 0; at < batch.byteLength; at += 16) out.push(view.getUint32(at));
  }
  return out;
};

describe('streamSubjects', () => {
  it('files the subjects of released rows only, in order, skipping rejected rows', async () => {
    const rejected = new Set<number>();
    const batches: Uint8Array[] = [];
    const stream = streamSubjects(digest, rejected, (b) => {
      batches.push(b);
    });
    // Rows 1..10 are admitted; the transformer rejects 1, 4, 5 and 10 and releases the rest.
    for (let row = 1; row <= 10; row++) {
      stream.admit(String(100 + row));
      if ([1, 4, 5, 10].includes(row)) rejected.add(row);
      else await stream.released();
    }
    expect(await stream.finish()).toBe(6);
    expect(subjectsIn(batches)).toEqual([102, 103, 106, 107, 108, 109]);
  });

  it('hands digests over in batches while the release streams, not at the end', async () => {
    const rejected = new Set<number>();
    const handed: number[] = [];
    let admitted = 0;
    const stream = streamSubjects(digest, rejected, (b) => {
      handed.push(admitted);
      expect(b.byteLength % 16).toBe(0);
    });
    for (let row = 1; row <= 10_000; row++) {
      stream.admit(String(row));
      admitted++;
      if (row % 3 === 0) rejected.add(row);
      else await stream.released();
    }
    const filed = await stream.finish();
    expect(filed).toBe(10_000 - 3333);
    // 6,667 released rows: one full batch of 4,096 during the run, the rest at the end.
    expect(handed).toEqual([6143, 10_000]);
  });

  it('refuses a release of a row that was never admitted', async () => {
    const stream = streamSubjects(digest, new Set(), () => undefined);
    expect(() => stream.released()).toThrow(/never admitted/);
  });
});
