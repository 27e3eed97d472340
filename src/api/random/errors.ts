// Errors with the Python exception names and messages of the library whose random API is mirrored.
// The engines raise them; the facades can call the same checks before they draw anything.

/** An error whose `name` is the Python exception class (ValueError, RuntimeError, ...). */
export class RandomError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

const err = (name: string, message: string): RandomError => new RandomError(name, message);

const isInt = (x: number | bigint): boolean => typeof x === 'bigint' || Number.isInteger(x);
const big = (x: number | bigint): bigint => (typeof x === 'bigint' ? x : BigInt(x));

// ---------------------------------------------------------------- PyTorch (1.13)

/**
 * torch.manual_seed / Generator.manual_seed: any integer in [-2**63, 2**64); negatives wrap to uint64 as
 * torch's binding does. Returns the uint64 seed.
 */
export function torchSeed(seed: number | bigint): bigint {
  if (!isInt(seed)) throw err('TypeError', `manual_seed expected a long, but got ${typeof seed === 'number' ? 'float' : typeof seed}`);
  const s = big(seed);
  if (s >= 1n << 64n || s < -(1n << 63n)) throw err('RuntimeError', 'Overflow when unpacking long');
  return BigInt.asUintN(64, s);
}

/** Sizes of torch factories: `Trying to create tensor with negative dimension -1: [-1]`. */
export function torchCheckSize(size: readonly number[]): number {
  for (const d of size) {
    if (!Number.isInteger(d)) throw err('TypeError', `${JSON.stringify(size)} must be a tuple of ints`);
    if (d < 0) throw err('RuntimeError', `Trying to create tensor with negative dimension ${d}: [${size.join(', ')}]`);
  }
  return size.reduce((a, b) => a * b, 1);
}

/** normal_ and normal(mean, std: float): `normal expects std >= 0.0, but found std -1`. */
export function torchCheckStd(std: number): void {
  if (!(std >= 0)) throw err('RuntimeError', `normal expects std >= 0.0, but found std ${torchScalar(std)}`);
}

/** normal(mean, std: Tensor). */
export function torchCheckStdTensor(std: ArrayLike<number>): void {
  for (let i = 0; i < std.length; i++) {
    if (!(std[i] >= 0)) throw err('RuntimeError', 'normal expects all elements of std >= 0.0');
  }
}

/** uniform_(from, to): `uniform_ expects to return a [from, to) range, but found from=2 > to=1`. */
export function torchCheckUniform(from: number, to: number): void {
  if (!(from <= to)) throw err('RuntimeError', `uniform_ expects to return a [from, to) range, but found from=${torchScalar(from)} > to=${torchScalar(to)}`);
  if (!(to - from <= Number.MAX_VALUE)) {
    throw err('RuntimeError', `uniform_ expects to-from <= std::numeric_limits<double>::max(), but found to=${torchScalar(to)} and from=${torchScalar(from)} which result in to-from to exceed the limit`);
  }
}

/** bernoulli_(p: float) and bernoulli(p tensor) bounds. */
export function torchCheckBernoulliP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw err('RuntimeError', `bernoulli_ expects p to be in [0, 1], but got p=${torchScalar(p)}`);
}

export function torchCheckBernoulliTensor(p: ArrayLike<number>): void {
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) throw err('RuntimeError', 'Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)');
  }
}

/** randperm(n): torch allocates the output first, so a negative n fails as a negative dimension. */
export function torchCheckRandperm(n: number): void {
  if (!Number.isInteger(n)) throw err('TypeError', 'randperm(): argument \'n\' must be int');
  if (n < 0) throw err('RuntimeError', `Trying to create tensor with negative dimension ${n}: [${n}]`);
}

/** C++ names torch prints for integer dtypes in bound errors. */
const TORCH_CPP_NAMES: Record<string, string> = {
  int64: 'long', int32: 'int', int16: 'short', int8: 'signed char', uint8: 'unsigned char', bool: 'bool',
};

/** random_(from, to) / randint(low, high) checks, in torch's order: from < to, then dtype bounds. */
export function torchCheckFromTo(from: bigint, to: bigint, dtype: string): void {
  if (!(from < to)) throw err('RuntimeError', `random_ expects 'from' to be less than 'to', but got from=${from} >= to=${to}`);
  torchCheckRange(from, to - 1n, dtype);
}

/** The bounds of an integer dtype, as torch checks `from` and `to - 1`. */
export function torchCheckRange(from: bigint, toInc: bigint, dtype: string): void {
  const lim = TORCH_INT_LIMITS[dtype];
  if (!lim) return;
  const name = TORCH_CPP_NAMES[dtype];
  if (from < lim[0] || from > lim[1]) throw err('RuntimeError', `from is out of bounds for ${name}`);
  if (toInc < lim[0] || toInc > lim[1]) throw err('RuntimeError', `to - 1 is out of bounds for ${name}`);
}

export const TORCH_INT_LIMITS: Record<string, [bigint, bigint]> = {
  int64: [-(1n << 63n), (1n << 63n) - 1n], int32: [-(1n << 31n), (1n << 31n) - 1n], int16: [-32768n, 32767n],
  int8: [-128n, 127n], uint8: [0n, 255n], bool: [0n, 1n],
};

/** Python's repr of a float as torch puts it in messages (`-1`, `0.5`, `inf`). */
function torchScalar(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return String(x);
}

// ---------------------------------------------------------------- NumPy (1.24)

/** Legacy seeding (np.random.seed, RandomState(seed)). */
export function numpyLegacySeed(seed: number | bigint | ArrayLike<number | bigint>): void {
  if (typeof seed === 'number' || typeof seed === 'bigint') {
    if (typeof seed === 'number' && !Number.isInteger(seed)) throw err('TypeError', 'Cannot cast scalar from dtype(\'float64\') to dtype(\'int64\') according to the rule \'safe\'');
    const s = big(seed);
    if (s > 0xffffffffn || s < 0n) throw err('ValueError', 'Seed must be between 0 and 2**32 - 1');
    return;
  }
  if (seed.length === 0) throw err('ValueError', 'Seed must be non-empty');
  for (let i = 0; i < seed.length; i++) {
    const v = seed[i];
    if (typeof v === 'number' && !Number.isInteger(v)) throw err('TypeError', 'Cannot cast array data from dtype(\'float64\') to dtype(\'int64\') according to the rule \'safe\'');
  }
  for (let i = 0; i < seed.length; i++) {
    const v = big(seed[i]);
    if (v > 0xffffffffn || v < 0n) throw err('ValueError', 'Seed must be between 0 and 2**32 - 1');
  }
}

/** SeedSequence entropy (default_rng(seed)). */
export function numpySeedSequenceEntropy(seed: number | bigint | ArrayLike<number | bigint>): void {
  const one = (v: number | bigint): void => {
    if (typeof v === 'number' && !Number.isInteger(v)) throw err('TypeError', 'SeedSequence expects int or sequence of ints for entropy not ' + String(v));
    if (big(v) < 0n) throw err('ValueError', 'expected non-negative integer');
  };
  if (typeof seed === 'number' || typeof seed === 'bigint') one(seed);
  else for (let i = 0; i < seed.length; i++) one(seed[i]);
}

/** Output sizes: `negative dimensions are not allowed`. */
export function numpyCheckSize(size: readonly number[]): number {
  for (const d of size) {
    if (!Number.isInteger(d)) throw err('TypeError', '\'float\' object cannot be interpreted as an integer');
    if (d < 0) throw err('ValueError', 'negative dimensions are not allowed');
  }
  return size.reduce((a, b) => a * b, 1);
}

/** normal/standard scale: `scale < 0`. */
export function numpyCheckNonNegative(value: number, name: string): void {
  if (!Number.isNaN(value) && (value < 0 || Object.is(value, -0))) throw err('ValueError', `${name} < 0`);
}

/** RandomState.uniform / Generator.uniform range checks. */
export function numpyCheckUniform(low: number, high: number, legacy: boolean): void {
  const range = high - low;
  if (!Number.isFinite(range)) throw err('OverflowError', legacy ? 'Range exceeds valid bounds' : 'high - low range exceeds valid bounds');
  if (!legacy) numpyCheckNonNegative(range, 'high - low');
}

/** Integer dtype bounds as `_bounded_integers` checks them (closed interval [low, high]). */
export const NUMPY_INT_LIMITS: Record<string, [bigint, bigint]> = {
  int64: [-(1n << 63n), (1n << 63n) - 1n], int32: [-(1n << 31n), (1n << 31n) - 1n], int16: [-32768n, 32767n],
  int8: [-128n, 127n], uint64: [0n, (1n << 64n) - 1n], uint32: [0n, 0xffffffffn], uint16: [0n, 0xffffn],
  uint8: [0n, 0xffn], bool: [0n, 1n],
};

/**
 * randint/integers bounds: returns the closed interval [low, high - !endpoint]. Messages are NumPy's:
 * `low is out of bounds for int8`, `high is out of bounds for int64`, `high <= 0`, `low >= high`.
 */
export function numpyCheckBounds(low: bigint, high: bigint, dtype: string, endpoint: boolean, api: 'randint' | 'integers' = 'randint'): [bigint, bigint] {
  const lim = NUMPY_INT_LIMITS[dtype];
  if (!lim) throw err('TypeError', `Unsupported dtype dtype('${dtype}') for ${api}`);
  const hi = endpoint ? high : high - 1n;
  if (low < lim[0]) throw err('ValueError', `low is out of bounds for ${dtype}`);
  if (hi > lim[1]) throw err('ValueError', `high is out of bounds for ${dtype}`);
  if (low > hi) {
    if (low === 0n) throw err('ValueError', endpoint ? 'high < 0' : 'high <= 0');
    throw err('ValueError', endpoint ? 'low > high' : 'low >= high');
  }
  return [low, hi];
}

/** choice(a, size, replace, p) checks, legacy (RandomState) or Generator wording. */
export function numpyCheckChoice(popSize: number, nDraws: number, replace: boolean, p: ArrayLike<number> | null, legacy: boolean, aIsInt = true): void {
  if (popSize <= 0 && nDraws !== 0) {
    if (aIsInt) throw err('ValueError', legacy ? 'a must be greater than 0 unless no samples are taken' : 'a must be a positive integer unless no samples are taken');
    throw err('ValueError', legacy ? '\'a\' cannot be empty unless no samples are taken' : 'a cannot be empty unless no samples are taken');
  }
  if (p !== null) {
    if (p.length !== popSize) throw err('ValueError', legacy ? '\'a\' and \'p\' must have same size' : 'a and p must have same size');
    const sum = kahanSum(p);
    if (Number.isNaN(sum)) throw err('ValueError', 'probabilities contain NaN');
    for (let i = 0; i < p.length; i++) if (p[i] < 0) throw err('ValueError', 'probabilities are not non-negative');
    if (Math.abs(sum - 1) > Math.sqrt(2.220446049250313e-16)) throw err('ValueError', 'probabilities do not sum to 1');
  }
  if (!replace) {
    if (nDraws > popSize) throw err('ValueError', legacy ? 'Cannot take a larger sample than population when \'replace=False\'' : 'Cannot take a larger sample than population when replace is False');
    if (nDraws < 0) throw err('ValueError', legacy ? 'Negative dimensions are not allowed' : 'negative dimensions are not allowed');
    if (p !== null) {
      let nonzero = 0;
      for (let i = 0; i < p.length; i++) if (p[i] > 0) nonzero++;
      if (nonzero < nDraws) throw err('ValueError', 'Fewer non-zero entries in p than size');
    }
  }
}

/** NumPy's kahan_sum over p (the sum its choice() checks against 1). */
export function kahanSum(p: ArrayLike<number>): number {
  if (p.length === 0) return 0;
  let sum = p[0], c = 0;
  for (let i = 1; i < p.length; i++) {
    const y = p[i] - c;
    const t = sum + y;
    c = (t - sum) - y;
    sum = t;
  }
  return sum;
}

/** permutation(x) of a 0-d array. */
export function numpyCheckPermutation(ndim: number): void {
  if (ndim < 1) throw err('IndexError', 'x must be an integer or at least 1-dimensional');
}

// ---------------------------------------------------------------- JAX

/** A raw key must be uint32 with trailing shape (2,). */
export function jaxCheckKey(shape: readonly number[], dtype: string): void {
  if (dtype !== 'uint32' || shape.length === 0 || shape[shape.length - 1] !== 2) {
    throw err('TypeError', `JAX encountered invalid PRNG key data: expected key_data to have ndim >= 1 and trailing dimension 2 with dtype uint32; got shape=(${shape.join(', ')}${shape.length === 1 ? ',' : ''}) and dtype=${dtype}.`);
  }
}

/** PRNGKey/key seeds are scalar integers. */
export function jaxCheckSeed(seed: unknown, ctor: 'PRNGKey' | 'key' = 'PRNGKey'): void {
  if (Array.isArray(seed) || ArrayBuffer.isView(seed)) {
    const n = (seed as ArrayLike<unknown>).length;
    throw err('TypeError', `${ctor} accepts a scalar seed, but was given an array of shape (${n},) != (). Use jax.vmap for batching`);
  }
  if (typeof seed === 'number' && !Number.isInteger(seed)) throw err('TypeError', `PRNG key seed must be an integer; got Array(${seed}, dtype=float32, weak_type=True)`);
  if (typeof seed === 'number' || typeof seed === 'bigint') {
    const s = big(seed);
    if (s >= 1n << 63n || s < -(1n << 63n)) throw err('OverflowError', 'Python int too large to convert to C long');
  }
}

/** Shapes passed to jax.random samplers. */
export function jaxCheckShape(_api: string, shape: readonly number[]): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw err('TypeError', `Shapes must be 1D sequences of concrete values of integer type, got (${shape.join(', ')}${shape.length === 1 ? ',' : ''}).`);
    }
  }
}

/** choice() checks. */
export function jaxCheckChoice(nInputs: number, nDraws: number, replace: boolean, pLength: number | null): void {
  if (nDraws === 0) return;
  if (nInputs <= 0) throw err('ValueError', 'a must be greater than 0 unless no samples are taken');
  if (!replace && nDraws > nInputs) throw err('ValueError', 'Cannot take a larger sample than population when \'replace=False\'');
  if (pLength !== null && pLength !== nInputs) throw err('ValueError', 'p must be None or match the shape of a');
}

// ---------------------------------------------------------------- TensorFlow

/** Seeds are Python ints; TF raises for non-integers. */
export function tfCheckSeed(seed: number | bigint | null | undefined): void {
  if (seed === null || seed === undefined) return;
  if (typeof seed === 'number' && !Number.isInteger(seed)) throw err('TypeError', `'float' object cannot be interpreted as an integer`);
}

/** Shapes of tf.random ops: `Dimension -1 must be >= 0`. */
export function tfCheckShape(shape: readonly number[]): number {
  for (const d of shape) {
    if (!Number.isInteger(d)) throw err('TypeError', 'Value passed to parameter \'shape\' has DataType float32 not in list of allowed values: int32, int64');
    if (d < 0) throw err('InvalidArgumentError', `Dimension ${d} must be >= 0`);
  }
  return shape.reduce((a, b) => a * b, 1);
}

/** tf.random.uniform with an integer dtype needs maxval: `Must specify maxval for integer dtype int32`. */
export function tfCheckUniformInt(minval: number | null, maxval: number | null, dtype: string): void {
  if (maxval === null) throw err('ValueError', `Must specify maxval for integer dtype ${tfDtypeRepr(dtype)}`);
  if (minval !== null && !(minval < maxval)) throw err('InvalidArgumentError', `Need minval < maxval: ${minval} >= ${maxval}`);
}

/** Stateless seeds must have shape [2]. */
export function tfCheckStatelessSeed(seed: ArrayLike<number | bigint>): void {
  if (seed.length !== 2) throw err('InvalidArgumentError', `seed must have shape [2], not [${seed.length}]`);
}

function tfDtypeRepr(dtype: string): string {
  return `<dtype: '${dtype}'>`;
}
