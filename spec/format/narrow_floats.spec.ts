// float16 and bfloat16 print as NumPy and PyTorch print them: shortest digits in the narrow type
// (np.float16(0.1) is 0.1, not 0.0999755859375), PyTorch's four decimals; fixtures from the real
// libraries (spec/fixtures/printing/generate_narrow.py).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { np, torch, repr } from '../../src/index.js';

const FIXTURE = fileURLToPath(new URL('../../../spec/fixtures/printing/narrow.json', import.meta.url));
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
  numpy: { values: (number | string)[]; repr: string; scalar: string }[];
  torch: { values: (number | string)[]; dtype: string; repr: string }[];
};
const num = (v: number | string) => (typeof v === 'number' ? v : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : NaN);

describe('format: float16 and bfloat16', () => {
  for (const c of fixture.numpy) {
    it(`NumPy ${JSON.stringify(c.values)}`, () => {
      const vals = c.values.map(num);
      assert.equal(repr(np.array(vals, np.float16)), c.repr);
      assert.equal(repr(np.float16(vals[0])), c.scalar);
    });
  }
  for (const c of fixture.torch) {
    it(`PyTorch ${c.dtype} ${JSON.stringify(c.values)}`, () => {
      assert.equal(repr(torch.tensor(c.values.map(num), { dtype: (torch as Record<string, unknown>)[c.dtype] })), c.repr);
    });
  }
});
