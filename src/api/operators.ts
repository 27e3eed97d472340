// What the cell compiler rewrites operators and element access into. Tensors (and variables)
// get NumPy semantics; every other value keeps its ordinary JavaScript meaning.
import { isPrintableTensor, isPrintableVariable } from '../tensor/printable.js';

export type BinaryOperator = '+' | '-' | '*' | '/' | '**' | '%' | '<' | '<=' | '>' | '>=';
export type UnaryOperator = '-' | '+';

export function isTensorLike(x: unknown): boolean {
  return isPrintableTensor(x) || isPrintableVariable(x);
}

/** The tensor side, installed by src/api/methods.ts when the runtime loads. */
export const tensorOperators = {
  binary: (op: BinaryOperator, _a: unknown, _b: unknown): unknown => {
    throw new Error(`the tensor runtime is not loaded (operator ${op})`);
  },
  unary: (op: UnaryOperator, _a: unknown): unknown => {
    throw new Error(`the tensor runtime is not loaded (operator ${op})`);
  },
  getItem: (_x: unknown, _specs: unknown[]): unknown => {
    throw new Error('the tensor runtime is not loaded (indexing)');
  },
};

/** `a op b` in a cell. */
export function binary(op: BinaryOperator, a: any, b: any): unknown {
  if (isTensorLike(a) || isTensorLike(b)) return tensorOperators.binary(op, a, b);
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '**': return a ** b;
    case '%': return a % b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
}

/** `-a` / `+a` in a cell. */
export function unary(op: UnaryOperator, a: any): unknown {
  if (isTensorLike(a)) return tensorOperators.unary(op, a);
  return op === '-' ? -a : +a;
}

/**
 * `x[i]` and `x[i, j, ...]` in a cell (the comma form is Python's multi-axis index). For tensors each
 * spec is an integer (negative counts from the end), a slice string `"start:stop:step"` (`":"`,
 * `"1:"`, `"::-1"`), `null`/`newaxis` (a new axis of length 1), `"..."` (ellipsis), or an integer
 * array or int tensor (gather along that axis). Other values are indexed as JavaScript does.
 */
export function getItem(x: any, ...specs: unknown[]): unknown {
  if (isTensorLike(x)) return tensorOperators.getItem(x, specs);
  if (specs.length !== 1) throw new TypeError(`only tensors take a multi-axis index x[a, b]; got ${typeof x}`);
  return x[specs[0] as PropertyKey];
}
