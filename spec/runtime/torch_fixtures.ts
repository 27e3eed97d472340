// What the PyTorch-fixture specs share (spec/fixtures/*/generate.py records PyTorch 1.13's results):
// each case run in float32 and float64 against the recorded values, its float64 gradients through
// torch autograd against PyTorch's, and exceptions as [name, message].
import assert from 'node:assert/strict';
import { torch, Tensor } from '../../src/index.js';
import { assertClose, flat } from '../autodiff/helpers.js';

type T = Tensor;
export interface Run { value: unknown; shape: number[]; grads?: unknown[] }
export interface RecordedCase { inputs: unknown[]; float32: Run; float64: Run }
export interface Tolerances { f32: [number, number]; f64: [number, number]; grad: [number, number] }

/** The exception `f` throws as [name, message], or null. */
export function thrown(f: () => unknown): [string, string] | null {
  try {
    f();
  } catch (e) {
    return [(e as Error).name, (e as Error).message];
  }
  return null;
}

/**
 * One test per recorded case: the function on float32 inputs (dtype, shape, values), then on float64
 * inputs that require grad (shape, values), and the gradients of sum(y * cos(index)) against PyTorch's.
 */
export function describeRecordedCases(cases: Record<string, (...xs: T[]) => T>, recorded: Record<string, RecordedCase>, tol: Tolerances): void {
  describe('values (float64 and float32) and gradients (float64, torch.autograd)', () => {
    for (const [name, c] of Object.entries(recorded)) {
      it(name, () => {
        const f = cases[name];
        const x32 = c.inputs.map((x) => torch.tensor(x, { dtype: torch.float32 }) as T);
        const y32 = f(...x32);
        assert.equal(y32.dt, 'float32', `${name}: float32 result dtype`);
        assert.deepEqual([...y32.dims], c.float32.shape, `${name}: float32 shape`);
        assertClose(y32, c.float32.value, tol.f32[0], tol.f32[1], `${name} float32`);
        const xs = c.inputs.map((x) => torch.tensor(x, { dtype: torch.float64, requires_grad: true }) as T);
        const y = f(...xs);
        assert.deepEqual([...y.dims], c.float64.shape, `${name}: shape`);
        assertClose(y, c.float64.value, tol.f64[0], tol.f64[1], `${name} value`);
        const w = torch.tensor(Array.from({ length: y.count }, (_, i) => Math.cos(i)), { dtype: torch.float64 }).reshape(...y.dims) as T;
        y.mul(w).sum().backward();
        c.float64.grads!.forEach((g, i) => assertClose(xs[i].grad, flat(g), tol.grad[0], tol.grad[1], `${name} grad ${i}`));
      });
    }
  });
}
