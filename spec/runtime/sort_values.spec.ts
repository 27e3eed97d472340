// sort's values path (no transformation watching: the rows sorted by the typed array's own sort)
// against the permutation path it stands in for, take_along_axis(x, argsort(x)), bit for bit: every
// sort kind, both directions, ties, integers and bools, and the rows it must leave to the
// permutation (zeros of both signs, NaN), where the kinds decide places.
import assert from 'node:assert/strict';
import { Tensor } from '../../src/index.js';
import { argsort, sort, takeAlong, type SortKind } from '../../src/ops/sorting.js';

let seed = 7;
function rnd(): number { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; }

function sameBits(got: Tensor, want: Tensor, what: string): void {
  assert.equal(got.dt, want.dt, what);
  const g = got.values as ArrayLike<number>, w = want.values as ArrayLike<number>;
  for (let i = 0; i < w.length; i++) if (!Object.is(g[i], w[i])) assert.fail(`${what}: element ${i}: ${g[i]} vs ${w[i]}`);
}

describe('runtime: sort by values', function () {
  const cases: [string, Tensor][] = [
    ['float32 with ties', new Tensor('float32', [7, 300], Float32Array.from({ length: 2100 }, () => Math.floor(rnd() * 50) / 4 - 6))],
    ['float64', new Tensor('float64', [3, 1001], Float64Array.from({ length: 3003 }, () => (rnd() - 0.5) * 1e6))],
    ['int32', new Tensor('int32', [5, 64], Int32Array.from({ length: 320 }, () => Math.floor((rnd() - 0.5) * 2 ** 32)))],
    ['bool', new Tensor('bool', [4, 33], Uint8Array.from({ length: 132 }, () => (rnd() < 0.5 ? 1 : 0)))],
    ['float32 with -0, 0 and NaN', new Tensor('float32', [2, 9], Float32Array.of(0, -0, 1, NaN, -2, 0, -0, 3, NaN, -0, 5, -0, 2, 2, 1, -1, 0, 4))],
    ['float32 with -0 only', new Tensor('float32', [1, 6], Float32Array.of(-0, 1, -0, -3, 2, -0))],
  ];
  for (const [name, t] of cases) {
    it(name, function () {
      for (const kind of ['quicksort', 'heapsort', 'std', 'stable'] as SortKind[]) {
        for (const desc of [false, true]) {
          sameBits(sort(t, -1, kind, desc), takeAlong(t, argsort(t, -1, kind, desc), 1), `${name} ${kind}${desc ? ' descending' : ''}`);
        }
      }
    });
  }
});
