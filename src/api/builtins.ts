// Python's print, repr and str for JavaScript values and tensors.
import { printText, repr as reprText, str as strText } from '../format/index.js';

/** Python's print: str of each argument joined by spaces (sep/end as keyword options). */
export function print(...args: unknown[]): void {
  const last = args[args.length - 1];
  let sep = ' ', end = '\n';
  if (typeof last === 'object' && last !== null && !Array.isArray(last) && Object.getPrototypeOf(last) === Object.prototype &&
      Object.keys(last).length > 0 && Object.keys(last).every((k) => k === 'sep' || k === 'end')) {
    args.pop();
    sep = (last as { sep?: string }).sep ?? ' ';
    end = (last as { end?: string }).end ?? '\n';
  }
  const text = sep === ' ' ? printText(args) : args.map((a) => strText(a)).join(sep);
  process.stdout.write(text + end);
}

export function repr(x: unknown): string {
  return reprText(x);
}

export function str(x: unknown): string {
  return strText(x);
}
