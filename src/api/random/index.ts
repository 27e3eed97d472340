// Random number engines that reproduce PyTorch's, NumPy's, JAX's and TensorFlow's streams bit for bit
// (see README.md for what is exact and what is not). They return typed arrays; facades wrap them.

export * from './errors.js';
export * as libm from './libm.js';
export { f32, f32Bits, f32FromBits, f64Bits, f64FromBits, fma32, roundToF32 } from './float32.js';
export { MT_N, mtInitByArray, mtInitGenrand, mtTemper, mtTwist } from './mt19937.js';

// PyTorch
export { TorchGenerator, TORCH_DEFAULT_SEED, TORCH_STATE_BYTES, TORCH_LEGACY_STATE_BYTES } from './torch_generator.js';
export * as torchRandom from './torch_random.js';
export type { CpuCapability, TorchArray, TorchDType, TorchFloatDType, TorchIntDType, TorchNormalOptions, RandpermOptions } from './torch_random.js';
export * as torchInit from './torch_init.js';
export { AVX_FMA, log256, sincos256 } from './avx_mathfun.js';

// NumPy
export { NumpyMT19937, PCG64, u64ToBig } from './numpy_bitgen.js';
export type { BitGenerator, MT19937State, U64 } from './numpy_bitgen.js';
export { SeedSequence, entropyWords } from './seed_sequence.js';
export type { Entropy } from './seed_sequence.js';
export { RandomState } from './numpy_random_state.js';
export type { LegacyState } from './numpy_random_state.js';
export { Generator, defaultRng } from './numpy_generator.js';
export type { NumpyFloatDType } from './numpy_generator.js';
export { boundedFill, boundedIntegers, boundedLemire, randomInterval, genMask } from './numpy_bounded.js';
export type { NumpyIntArray, NumpyIntDType } from './numpy_bounded.js';
export { standardNormal as zigguratNormal, standardNormalF as zigguratNormalF, zigguratTables } from './ziggurat.js';

// JAX
export { threefry2x32, threefryBlock } from './threefry.js';
export * as jaxRandom from './jax_random.js';
export type { JaxKey, JaxOptions } from './jax_random.js';
export { JAX_CONFIG } from './jax_random.js';
export { XLA_F32, erfInv32, erfInv64, erf32, erf64 } from './xla_math.js';

// TensorFlow
export { PhiloxRandom, philox4x32 } from './philox.js';
export { PythonRandom } from './python_random.js';
export * as tfRandom from './tf_random.js';
export { TFRandomContext, TFGenerator, tfContext } from './tf_random.js';
export * as kerasInit from './keras_init.js';
