// The library each flavor of tensor follows.
import type { Flavor } from '../../tensor/tensor.js';
import type { Library } from './library.js';
import { jax } from './jax.js';
import { numpy } from './numpy.js';
import { tf } from './tf.js';
import { torch } from './torch.js';

const BY_FLAVOR: Record<Flavor, Library> = { numpy, torch, tf, jax };

export function libraryOf(flavor: Flavor): Library {
  return BY_FLAVOR[flavor];
}

export { jax, numpy, tf, torch };
