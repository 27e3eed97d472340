// What libraries hook into without the session importing them, as IPython's events and display
// publisher let matplotlib's inline backend work: a callback after every cell (IPython's
// post_execute, where the backend shows and closes the cell's figures), the running cell's display
// (what plt.show() calls), and scope names loaded on first use. Imports nothing.

/** Where library code sends output while a cell runs. */
export interface CellOutput {
  /** display(value): the value's MIME bundle as display_data. */
  display(value: unknown): void;
  /** Text on the cell's stderr (warnings). */
  warn(text: string): void;
}

type PostExecute = (output: CellOutput) => void;

const postExecute = new Set<PostExecute>();
let current: CellOutput | undefined;

/** Runs `fn` after every cell, with the cell's output still open; returns the unregistering function. */
export function onPostExecute(fn: PostExecute): () => void {
  postExecute.add(fn);
  return () => postExecute.delete(fn);
}

/** The output of the cell running now, or undefined outside a cell (a script, a test). */
export function cellOutput(): CellOutput | undefined {
  return current;
}

/** The session's side: `output` is the running cell's until the returned function ends the cell. */
export function enterCell(output: CellOutput): () => void {
  const previous = current;
  current = output;
  return () => {
    for (const fn of postExecute) {
      try {
        fn(output);
      } catch (e) {
        output.warn(`Error in post-execute callback: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      }
    }
    current = previous;
  };
}

/**
 * A scope value loaded on first use: the session awaits `load()` before running a cell that names it
 * and puts the loaded value in its place (so a heavy library costs nothing until a cell uses it).
 */
export const LAZY: unique symbol = Symbol.for('jacobi.lazy');

export interface Lazy {
  readonly [LAZY]: () => Promise<unknown>;
}

export function lazy(load: () => Promise<unknown>): Lazy {
  return { [LAZY]: load };
}

export function isLazy(x: unknown): x is Lazy {
  return typeof x === 'object' && x !== null && typeof (x as Partial<Lazy>)[LAZY] === 'function';
}
