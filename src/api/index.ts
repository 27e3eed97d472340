// Everything a cell, a REPL line or a doctest example has in scope without an import.
import './methods.js';
import { print, repr, str } from './builtins.js';
import { tf } from './tf.js';
import { jax, jnp } from './jax.js';
import { torch } from './torch.js';
import { np } from './np.js';

export { tf, jax, jnp, torch, np, print, repr, str };

export const scope: Record<string, unknown> = { tf, jax, jnp, torch, np, print, repr, str };
