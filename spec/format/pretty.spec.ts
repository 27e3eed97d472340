// What the prompt shows for tuples, lists and dicts: IPython's pretty printer (79 columns, one element
// per line when a container does not fit, multi-line reprs kept aligned), checked against IPython 8
// itself (spec/fixtures/pretty/ipython.json, made by generate.py beside it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { np } from '../../src/index.js';
import { displayText } from '../../src/format/index.js';
import { tuple } from '../../src/tensor/pytuple.js';
import { PyFloat } from '../../src/tensor/scalars.js';

const FIXTURE = fileURLToPath(new URL('../../../spec/fixtures/pretty/ipython.json', import.meta.url));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const f = (x: number) => new PyFloat(x);

/** The same values as the fixture's Python expressions, built with Jacobi. */
const BUILD: Record<string, () => unknown> = {
  '(1, 2)': () => tuple(1, 2),
  '(1,)': () => tuple(1),
  '()': () => tuple(),
  "[1, 2.5, 'a', None, True]": () => [1, 2.5, 'a', null, true],
  "{'a': 1, 'b': (2, 3)}": () => ({ a: 1, b: tuple(2, 3) }),
  'tuple(range(30))': () => tuple(...range(30)),
  'list(range(40))': () => range(40),
  '(np.arange(6).reshape(2, 3), 1)': () => tuple(np.arange(6).reshape(2, 3), 1),
  '(np.arange(3.0), np.arange(3.0) * 2)': () => tuple(np.arange(f(3)), np.multiply(np.arange(f(3)), 2)),
  '(np.linspace(0, 1, 12), np.linspace(0, 1, 12))': () => tuple(np.linspace(0, 1, 12), np.linspace(0, 1, 12)),
  '[np.arange(12).reshape(3, 4), np.arange(12).reshape(3, 4)]': () => [np.arange(12).reshape(3, 4), np.arange(12).reshape(3, 4)],
  "{'w': np.arange(6.0).reshape(2, 3), 'b': np.zeros(3)}": () => ({ w: np.arange(f(6)).reshape(2, 3), b: np.zeros(3) }),
  '((1, 2), [np.arange(20.0)])': () => tuple(tuple(1, 2), [np.arange(f(20))]),
  "(np.float64(1.5), np.int64(3), 'x' * 70)": () => tuple(np.float64(1.5), np.int64(3), 'x'.repeat(70)),
  '[(i, i * 1.5) for i in range(12)]': () => range(12).map((i) => tuple(i, i * 1.5 === Math.trunc(i * 1.5) ? f(i * 1.5) : i * 1.5)),
  "{'key%d' % i: i for i in range(15)}": () => Object.fromEntries(range(15).map((i) => [`key${i}`, i])),
};

describe('format: IPython\'s display of containers', () => {
  const cases = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { expr: string; text: string }[];
  for (const c of cases) {
    it(c.expr, () => {
      const build = BUILD[c.expr];
      assert.ok(build, `no Jacobi value for ${c.expr}`);
      assert.equal(displayText(build()), c.text);
    });
  }
});
