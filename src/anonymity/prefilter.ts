import type { EncodedTable } from './encode.ts';
import type { Lattice } from './lattice.ts';

/**
 * A lower bound on the records every node must suppress for k-anonymity, from
 * pairs of quasi-identifiers: the classes of a node refine the classes of its
 * projection onto any two of its attributes, so records in projected classes
 * smaller than k sit in node classes smaller than k (Incognito's subset
 * property, which holds with suppression too). One pass over the distinct
 * value pairs per pair of levels; no grouping of the table.
 *
 * @param table - the encoded table
 * @param lattice - the lattice
 * @param k - minimum class size
 * @returns the bound for every node (Int32Array indexed by node)
 */
export function pairSuppressionBound(table: EncodedTable, lattice: Lattice, k: number): Int32Array {
  const d = table.qis.length;
  const bound = new Int32Array(lattice.size);
  if (k <= 1) return bound;
  const m = lattice.matrix;
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      const qi = table.qis[i]!;
      const qj = table.qis[j]!;
      // Distinct level-0 pairs with their record counts.
      const gi = table.gen[i]![0]!;
      const gj = table.gen[j]![0]!;
      const width0 = qj.labels[0]!.length;
      const cells0 = qi.labels[0]!.length * width0;
      let pa: Int32Array;
      let pb: Int32Array;
      let pc: Int32Array;
      if (cells0 <= 1 << 22) {
        const dense = new Int32Array(cells0);
        let distinct = 0;
        for (let b = 0; b < table.bottomSize; b++) {
          const key = gi[b]! * width0 + gj[b]!;
          if (dense[key] === 0) distinct++;
          dense[key]! += table.bottomCount[b]!;
        }
        pa = new Int32Array(distinct);
        pb = new Int32Array(distinct);
        pc = new Int32Array(distinct);
        let p = 0;
        for (let key = 0; key < cells0; key++) {
          if (dense[key] === 0) continue;
          pa[p] = (key - (key % width0)) / width0;
          pb[p] = key % width0;
          pc[p] = dense[key]!;
          p++;
        }
      } else {
        const sparse = new Map<number, number>();
        for (let b = 0; b < table.bottomSize; b++) {
          const key = gi[b]! * width0 + gj[b]!;
          sparse.set(key, (sparse.get(key) ?? 0) + table.bottomCount[b]!);
        }
        pa = new Int32Array(sparse.size);
        pb = new Int32Array(sparse.size);
        pc = new Int32Array(sparse.size);
        let p = 0;
        for (const [key, count] of sparse) {
          pa[p] = (key - (key % width0)) / width0;
          pb[p] = key % width0;
          pc[p] = count;
          p++;
        }
      }
      const supp = new Int32Array(qi.height * qj.height);
      for (let li = 0; li < qi.height; li++) {
        const mapI = qi.rowLabel[li]!;
        for (let lj = 0; lj < qj.height; lj++) {
          const mapJ = qj.rowLabel[lj]!;
          const w = qj.labels[lj]!.length;
          const cells = new Int32Array(qi.labels[li]!.length * w);
          for (let x = 0; x < pa.length; x++) cells[mapI[pa[x]!]! * w + mapJ[pb[x]!]!]! += pc[x]!;
          let s = 0;
          for (let c = 0; c < cells.length; c++) if (cells[c]! > 0 && cells[c]! < k) s += cells[c]!;
          supp[li * qj.height + lj] = s;
        }
      }
      const hj = qj.height;
      for (let node = 0, base = 0; node < lattice.size; node++, base += d) {
        const s = supp[m[base + i]! * hj + m[base + j]!]!;
        if (s > bound[node]!) bound[node] = s;
      }
    }
  }
  return bound;
}
