// Sorting along an axis. The permutation that sorts each lane is not differentiable (argsort: NumPy's
// introsort with its heapsort fallback, or a stable sort; NaN after every number, as NumPy, PyTorch
// and XLA order them); the values move by two primitives that are each other's transpose,
// take_along_axis and scatter-add along an axis, so sort, median and quantile differentiate (the
// cotangent goes back through the permutation) and batch under vmap. Binary search (searchsorted)
// is here too: it reads the same order.
import { Tensor } from '../tensor/tensor.js';
import { allocate, type NumberData, type TensorData } from '../tensor/dtype.js';
import { isBigStorage } from '../kernels/storage.js';
import { RADIX_MIN, radixArgsort, radixSortValues, sortKeys } from '../kernels/radix_sort.js';
import { anyActive } from '../core/levels.js';
import { normAxis, sameDims, sizeOf, ValueError } from '../tensor/shape.js';
import { bind, definePrimitive, type Primitive } from '../core/primitive.js';
import { toTensor, type TensorLike } from './convert.js';
import { result } from './result.js';
import { allBatchFirst, batchFirst, broadcastToDims } from './structural.js';

type Less = (a: any, b: any) => boolean;

/** a < b with NaN after every number (NumPy's `Tag::less` for floats; for integers the plain order). */
const ascending: Less = (a, b) => a < b || (b !== b && a === a);
/** a > b with NaN before every number (PyTorch's descending order). */
const descending: Less = (a, b) => a > b || (a !== a && b === b);
/** For sort keys and ranks (src/kernels/radix_sort.ts), which hold no NaN and carry the direction. */
const plainLess: Less = (a, b) => a < b;

/**
 * 'quicksort' is NumPy's introsort (median-of-three quicksort, insertion sort below 17 elements,
 * heapsort past 2·log2(n) levels), so equal elements come out in NumPy's order; 'heapsort' is its
 * heapsort; 'std' is libstdc++'s std::sort, which PyTorch's CPU sort runs when stable=False (its
 * order of equal elements); 'stable' keeps equal elements in their order (NumPy's
 * mergesort/timsort/radix sort, PyTorch's and XLA's stable sorts all agree on that).
 */
export type SortKind = 'quicksort' | 'heapsort' | 'std' | 'stable';

export interface ArgsortParams { axis: number; kind: SortKind; descending: boolean }

/** floor(log2(n)) (NumPy's npy_get_msb), 0 for n <= 1. */
function msb(n: number): number {
  let d = 0;
  while ((n >>= 1) > 0) d++;
  return d;
}

/** Sorts idx[lo, lo + n) by v[idx[i]] with a heap, as NumPy's aheapsort does (1-based heap positions). */
function heapsort(v: ArrayLike<unknown>, idx: Int32Array, lo: number, n: number, less: Less): void {
  const a = (i: number) => lo + i - 1; // heap position i -> array position
  const sift = (start: number, size: number, tmp: number) => {
    let i = start;
    for (let j = start * 2; j <= size;) {
      if (j < size && less(v[idx[a(j)]], v[idx[a(j + 1)]])) j++;
      if (!less(v[tmp], v[idx[a(j)]])) break;
      idx[a(i)] = idx[a(j)];
      i = j;
      j += j;
    }
    idx[a(i)] = tmp;
  };
  for (let l = n >> 1; l > 0; l--) sift(l, n, idx[a(l)]);
  for (let m = n; m > 1;) {
    const tmp = idx[a(m)];
    idx[a(m)] = idx[a(1)];
    m--;
    sift(1, m, tmp);
  }
}

/** NumPy's argsort introsort over idx[0, n): the same pivots, partitions and insertion sorts. */
function introsort(v: ArrayLike<unknown>, idx: Int32Array, n: number, less: Less): void {
  const swap = (i: number, j: number) => { const t = idx[i]; idx[i] = idx[j]; idx[j] = t; };
  const stack: number[] = [];
  const depths: number[] = [];
  let pl = 0, pr = n - 1;
  let depth = msb(n) * 2;
  for (;;) {
    if (depth < 0) {
      heapsort(v, idx, pl, pr - pl + 1, less);
    } else {
      while (pr - pl > 15) {
        const pm = pl + ((pr - pl) >> 1);
        if (less(v[idx[pm]], v[idx[pl]])) swap(pm, pl);
        if (less(v[idx[pr]], v[idx[pm]])) swap(pr, pm);
        if (less(v[idx[pm]], v[idx[pl]])) swap(pm, pl);
        const vp = v[idx[pm]];
        let pi = pl, pj = pr - 1;
        swap(pm, pj);
        for (;;) {
          do pi++; while (less(v[idx[pi]], vp));
          do pj--; while (less(vp, v[idx[pj]]));
          if (pi >= pj) break;
          swap(pi, pj);
        }
        swap(pi, pr - 1);
        // The larger part waits on the stack; the loop goes on with the smaller one.
        if (pi - pl < pr - pi) { stack.push(pi + 1, pr); pr = pi - 1; }
        else { stack.push(pl, pi - 1); pl = pi + 1; }
        depths.push(--depth);
      }
      for (let pi = pl + 1; pi <= pr; pi++) {
        const vi = idx[pi], vp = v[vi];
        let pj = pi;
        while (pj > pl && less(vp, v[idx[pj - 1]])) { idx[pj] = idx[pj - 1]; pj--; }
        idx[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop()!;
    pl = stack.pop()!;
    depth = depths.pop()!;
  }
}

// ---------------------------------------------------------------- libstdc++'s std::sort

/** __adjust_heap then __push_heap over idx[lo, lo + len): the hole sifted down, `value` pushed up. */
function adjustHeap(v: ArrayLike<unknown>, idx: Int32Array, lo: number, hole: number, len: number, value: number, less: Less): void {
  const top = hole;
  let child = hole;
  while (child < (len - 1) >> 1) {
    child = 2 * (child + 1);
    if (less(v[idx[lo + child]], v[idx[lo + child - 1]])) child--;
    idx[lo + hole] = idx[lo + child];
    hole = child;
  }
  if ((len & 1) === 0 && child === (len - 2) >> 1) {
    child = 2 * (child + 1);
    idx[lo + hole] = idx[lo + child - 1];
    hole = child - 1;
  }
  let parent = (hole - 1) >> 1;
  while (hole > top && less(v[idx[lo + parent]], v[value])) {
    idx[lo + hole] = idx[lo + parent];
    hole = parent;
    parent = (hole - 1) >> 1;
  }
  idx[lo + hole] = value;
}

/** std::__partial_sort(first, last, last): make_heap, then sort_heap. */
function stdHeapsort(v: ArrayLike<unknown>, idx: Int32Array, lo: number, hi: number, less: Less): void {
  const len = hi - lo;
  if (len >= 2) {
    for (let parent = (len - 2) >> 1; ; parent--) {
      adjustHeap(v, idx, lo, parent, len, idx[lo + parent], less);
      if (parent === 0) break;
    }
  }
  for (let last = hi; last - lo > 1;) {
    last--;
    const value = idx[last];
    idx[last] = idx[lo];
    adjustHeap(v, idx, lo, 0, last - lo, value, less);
  }
}

/** std::sort: introsort down to runs of 16 (median of three moved to the front), then one insertion sort. */
function stdSort(v: ArrayLike<unknown>, idx: Int32Array, n: number, less: Less): void {
  const swap = (i: number, j: number) => { const t = idx[i]; idx[i] = idx[j]; idx[j] = t; };
  const lt = (i: number, j: number) => less(v[idx[i]], v[idx[j]]);
  const loop = (first: number, last: number, depth: number): void => {
    while (last - first > 16) {
      if (depth === 0) { stdHeapsort(v, idx, first, last, less); return; }
      depth--;
      const a = first + 1, b = first + ((last - first) >> 1), c = last - 1;
      if (lt(a, b)) {
        if (lt(b, c)) swap(first, b); else if (lt(a, c)) swap(first, c); else swap(first, a);
      } else if (lt(a, c)) swap(first, a); else if (lt(b, c)) swap(first, c); else swap(first, b);
      let lo = first + 1, hi = last;
      for (;;) {
        while (lt(lo, first)) lo++;
        hi--;
        while (lt(first, hi)) hi--;
        if (!(lo < hi)) break;
        swap(lo, hi);
        lo++;
      }
      loop(lo, last, depth);
      last = lo;
    }
  };
  // Inserts idx[i] into the sorted run before it; `guarded` stops at `first` (the unguarded form relies on a smaller element before).
  const insert = (first: number, i: number) => {
    const val = idx[i], x = v[val];
    if (less(x, v[idx[first]])) {
      idx.copyWithin(first + 1, first, i);
      idx[first] = val;
      return;
    }
    let j = i;
    while (less(x, v[idx[j - 1]])) { idx[j] = idx[j - 1]; j--; }
    idx[j] = val;
  };
  const unguarded = (i: number) => {
    const val = idx[i], x = v[val];
    let j = i;
    while (less(x, v[idx[j - 1]])) { idx[j] = idx[j - 1]; j--; }
    idx[j] = val;
  };
  if (n < 2) return;
  loop(0, n, 2 * msb(n));
  if (n > 16) {
    for (let i = 1; i < 16; i++) insert(0, i);
    for (let i = 16; i < n; i++) unguarded(i);
  } else {
    for (let i = 1; i < n; i++) insert(0, i);
  }
}

function stableSort(v: ArrayLike<unknown>, idx: Int32Array, n: number, less: Less): void {
  const order = Array.from(idx.subarray(0, n));
  order.sort((i, j) => (less(v[i], v[j]) ? -1 : less(v[j], v[i]) ? 1 : 0));
  idx.set(order);
}

/**
 * The permutation sorting one lane (`lane` holds its values contiguously). Long numeric lanes go by
 * radix sort (src/kernels/radix_sort.ts), which gives the stable permutation, and so every kind's
 * when no two values compare equal; the other lanes, by the kind's own sort.
 */
export function argsortLane(lane: ArrayLike<unknown>, kind: SortKind, desc: boolean): Int32Array {
  const n = lane.length;
  let v = lane, less = desc ? descending : ascending;
  if (ArrayBuffer.isView(lane)) {
    const keys = sortKeys(lane as TensorData, desc, true);
    if (n >= RADIX_MIN) {
      const { perm, ranks } = radixArgsort(keys);
      if (ranks === null || kind === 'stable') return perm;
      // Ties, whose order is the kind's: its comparisons, made on ranks (the same outcomes, faster).
      v = ranks; less = plainLess;
    } else if (keys.lo === null) {
      // One-word keys order as the values do (NaN and the direction included) under plain <.
      v = keys.hi; less = plainLess;
    }
  }
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (kind === 'stable') stableSort(v, idx, n, less);
  else if (kind === 'heapsort') heapsort(v, idx, 0, n, less);
  else if (kind === 'std') stdSort(v, idx, n, less);
  else introsort(v, idx, n, less);
  return idx;
}

/**
 * Calls f for each lane along `axis` with its values (a view of a contiguous lane, else a copy into
 * storage of the tensor's kind), its first flat offset and its stride.
 */
function forLanes(x: Tensor, axis: number, f: (lane: ArrayLike<unknown>, base: number, stride: number) => void): void {
  const dims = x.dims;
  const n = dims[axis];
  const inner = sizeOf(dims.slice(axis + 1));
  const outer = sizeOf(dims.slice(0, axis));
  const src = x.values as TensorData;
  if (inner === 1) {
    for (let o = 0; o < outer; o++) f(src.subarray(o * n, o * n + n), o * n, 1);
    return;
  }
  const lane = new (src.constructor as new (n: number) => unknown[])(n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      for (let k = 0; k < n; k++) lane[k] = (src as ArrayLike<unknown>)[base + k * inner];
      f(lane, base, inner);
    }
  }
}

export const argsortP: Primitive<ArgsortParams> = definePrimitive<ArgsortParams>({
  name: 'argsort',
  impl: ([x], p) => {
    const out = new Int32Array(x.count);
    if (x.count > 0) {
      forLanes(x, p.axis, (lane, base, stride) => {
        const perm = argsortLane(lane, p.kind, p.descending);
        if (stride === 1) out.set(perm, base);
        else for (let k = 0; k < perm.length; k++) out[base + k * stride] = perm[k];
      });
    }
    return result('int32', x.dims, out, [x]);
  },
  batch: ([x], [d], p) => [bind(argsortP, [batchFirst(x, d!)], { ...p, axis: p.axis + 1 }), 0],
});

/** The int32 permutation that sorts `x` along `axis`. */
export function argsort(x: TensorLike, axis = -1, kind: SortKind = 'quicksort', desc = false): Tensor {
  const t = toTensor(x);
  if (t.dims.length === 0) return result('int32', [], Int32Array.of(0), [t]);
  return bind(argsortP, [t], { axis: normAxis(axis, t.dims.length, 'argsort'), kind, descending: desc });
}

// ---------------------------------------------------------------- take along an axis, and its transpose

export interface AlongParams { axis: number }
export interface ScatterAlongParams extends AlongParams { dims: readonly number[] }

/** Flat source offsets of out[..., j, ...] = x[..., idx[..., j, ...], ...] (idx already in range, same rank). */
function alongOffsets(xDims: readonly number[], idx: Tensor, axis: number): Int32Array {
  const iDims = idx.dims;
  const inner = sizeOf(iDims.slice(axis + 1));
  const m = iDims[axis], n = xDims[axis];
  const total = idx.count;
  const vals = idx.values as ArrayLike<number | bigint>;
  const out = new Int32Array(total);
  for (let p = 0; p < total; p++) {
    const i = p % inner;
    const o = Math.floor(p / (inner * m));
    out[p] = (o * n + Number(vals[p])) * inner + i;
  }
  return out;
}

/** out = x[..., idx, ...] along `axis`: idx has x's rank and x's dims except along `axis`. */
export const takeAlongP: Primitive<AlongParams> = definePrimitive<AlongParams>({
  name: 'take_along_axis',
  saves: { inputs: [1] },
  impl: ([x, idx], p) => {
    const off = alongOffsets(x.dims, idx, p.axis);
    const out = allocate(x.dt, off.length, idx.dims);
    const src = x.values as Float64Array;
    for (let i = 0; i < off.length; i++) (out as Float64Array)[i] = src[off[i]];
    return result(x.dt, idx.dims, out, [x]);
  },
  jvp: ([, idx], [tx], _out, p) => (tx === null ? null : bind(takeAlongP, [tx, idx], p)),
  vjp: ([x, idx], _out, p) => {
    const dims = x.dims;
    return (ct, need) => [need[0] ? bind(scatterAlongP, [ct, idx], { axis: p.axis, dims }) : null, null];
  },
  batch: (xs, ds, p) => [bind(takeAlongP, allBatchFirst(xs, ds), { axis: p.axis + 1 }), 0],
});

/** Zeros of `dims` with each element of ct added at its index along `axis` (take_along_axis's transpose). */
export const scatterAlongP: Primitive<ScatterAlongParams> = definePrimitive<ScatterAlongParams>({
  name: 'scatter_add_along_axis',
  saves: { inputs: [1] },
  impl: ([ct, idx], p) => {
    const off = alongOffsets(p.dims, idx, p.axis);
    const out = allocate(ct.dt, sizeOf(p.dims), p.dims) as Float64Array;
    const src = ct.values as Float64Array;
    for (let i = 0; i < off.length; i++) out[off[i]] += src[i];
    return result(ct.dt, p.dims, out, [ct]);
  },
  jvp: ([, idx], [tc], _out, p) => (tc === null ? null : bind(scatterAlongP, [tc, idx], p)),
  vjp: ([, idx], _out, p) => (ct, need) => [need[0] ? bind(takeAlongP, [ct, idx], { axis: p.axis }) : null, null],
  batch: (xs, ds, p) => {
    const [ct, idx] = allBatchFirst(xs, ds);
    return [bind(scatterAlongP, [ct, idx], { axis: p.axis + 1, dims: [ct.dims[0], ...p.dims] }), 0];
  },
});

/**
 * x[..., idx, ...] along `axis` (NumPy's take_along_axis): idx is an integer tensor of x's rank whose
 * other dims broadcast with x's; indices are in [0, n) (the caller has wrapped negative ones).
 */
export function takeAlong(x: Tensor, idx: Tensor, axis: number): Tensor {
  const a = normAxis(axis, x.dims.length, 'take_along_axis');
  if (idx.dims.length !== x.dims.length) throw new ValueError('`indices` and `arr` must have the same number of dimensions');
  const xd = x.dims.map((d, i) => (i === a ? d : Math.max(d, idx.dims[i])));
  const id = idx.dims.map((d, i) => (i === a ? d : xd[i]));
  const xb = sameDims(xd, x.dims) ? x : broadcastToDims(x, xd);
  const ib = sameDims(id, idx.dims) ? idx : broadcastToDims(idx, id);
  return bind(takeAlongP, [xb, ib], { axis: a });
}

/** x sorted along `axis` (differentiable: the values are taken along the sorting permutation). */
export function sort(x: TensorLike, axis = -1, kind: SortKind = 'quicksort', desc = false): Tensor {
  const t = toTensor(x);
  if (t.dims.length === 0) return t;
  const a = normAxis(axis, t.dims.length, 'sort');
  // With no transformation watching (bind would run the primitives unseen too), the values alone.
  if (!anyActive() && a === t.dims.length - 1) {
    const values = sortedRows(t.values, t.dims[a], desc);
    if (values !== null) return result(t.dt, t.dims, values, [t]);
  }
  return takeAlong(t, argsort(t, a, kind, desc), a);
}

/**
 * Each row of `n` sorted by the typed array's own numeric sort, where that gives what every sort kind
 * gives here: equal values are indistinguishable unless they are zeros of both signs or NaNs (whose
 * places and payloads the kinds decide), so rows holding those return null. About 5x faster than
 * the permutation: no indirection through indices.
 */
function sortedRows(values: TensorData, n: number, desc: boolean): TensorData | null {
  if (n < 2) return null;
  const out = (values as Float64Array).slice();
  const float = out instanceof Float32Array || out instanceof Float64Array;
  for (let o = 0; o < out.length; o += n) {
    const row = out.subarray(o, o + n);
    if (float) {
      let pos = false, neg = false;
      for (let i = 0; i < n; i++) {
        const v = row[i];
        if (v !== v) return null;
        if (v === 0) { if (Object.is(v, -0)) neg = true; else pos = true; }
      }
      if (pos && neg) return null;
    }
    if (n >= RADIX_MIN) radixSortValues(row, desc);
    else {
      row.sort();
      if (desc) row.reverse();
    }
  }
  return out;
}

// ---------------------------------------------------------------- binary search

/**
 * For each value, the index where it would go in the sorted lane `a` (NaN last): the first
 * position whose element is not less than it ('left'), or the first greater than it ('right').
 */
export function searchLane(a: ArrayLike<unknown>, v: unknown, right: boolean, lo = 0, hi = a.length): number {
  const start = lo;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const go = right ? !ascending(v, a[mid]) : ascending(a[mid], v);
    if (go) lo = mid + 1;
    else hi = mid;
  }
  return lo - start;
}

export interface SearchParams { right: boolean }

/**
 * searchsorted over lanes: `seq` [..., n] holds sorted lanes, `v` the values of each lane (its
 * leading dims those of `seq`'s lanes, any number per lane). int32 positions shaped like `v`.
 */
export const searchsortedP: Primitive<SearchParams> = definePrimitive<SearchParams>({
  name: 'searchsorted',
  impl: ([seq, v], p) => {
    const n = seq.dims[seq.dims.length - 1] ?? 0;
    const lanes = n === 0 ? 1 : seq.count / n;
    const per = v.count / Math.max(lanes, 1);
    const sv = seq.values as ArrayLike<unknown>, vv = v.values as ArrayLike<unknown>;
    const out = new Int32Array(v.count);
    for (let i = 0; i < v.count; i++) {
      const lane = Math.floor(i / per);
      out[i] = searchLane(sv, vv[i], p.right, lane * n, lane * n + n);
    }
    return result('int32', v.dims, out, [seq, v]);
  },
  batch: (xs, ds, p) => [bind(searchsortedP, allBatchFirst(xs, ds), p), 0],
});

/** Positions of `v` in the sorted lanes of `seq` (seq 1-D, or leading dims matching v's). */
export function searchsorted(seq: Tensor, v: Tensor, right: boolean): Tensor {
  return bind(searchsortedP, [seq, v], { right });
}
