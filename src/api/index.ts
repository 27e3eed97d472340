// Everything a cell, a REPL line or a doctest example has in scope without an import.
import './methods.js';
import { print, repr, str, len, range, float, int, bool, tuple, list, abs, round, sum, zip, enumerate, type } from './builtins.js';
import { tf } from './facades/tf.js';
import { jax, jnp } from './facades/jax.js';
import { torch } from './facades/torch.js';
import { np } from './facades/numpy.js';
import { lazy } from '../session/hooks.js';

export { tf, jax, jnp, torch, np, print, repr, str };
/** Python's builtins, for library code (cells have them in scope). */
export const py = { print, repr, str, len, range, float, int, bool, tuple, list, abs, round, sum, zip, enumerate, type };

/** Python's builtins a cell sees (print, len, range...), beside the facades. */
export const builtins = py;

// plt (matplotlib.pyplot) loads on first use, with Vega: the session loads it before a cell that names it.
const plt = lazy(() => import('../plot/pyplot.js').then((m) => m.plt));

export const scope: Record<string, unknown> = { tf, jax, jnp, torch, np, plt, ...builtins };
