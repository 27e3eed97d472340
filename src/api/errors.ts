// Errors with the Python exception names the libraries raise (the traceback shows `ValueError: ...`).

export function pyError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

/** TensorFlow's errors carry the op in brackets: `... [Op:AddV2]`. */
export class InvalidArgumentError extends Error {
  override name = 'InvalidArgumentError';
}

export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
}
