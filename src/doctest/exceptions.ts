// Expected exceptions, as Python's doctest writes them: a `Traceback (most recent call last):`
// header, an ignored stack, then the exception line; Jacobi also accepts the exception line alone.
import { checkOutput, type CheckResult } from './checker.js';
import type { Flags } from './types.js';

const EXCEPTION_RE = /^Traceback \((?:most recent call last|innermost last)\):[^\S\n]*\n[\s\S]*?^(\w+.*(?:\n[\s\S]*)?)$/m;

/** The exception part of an expected output with a traceback header, or null when it has none. */
export function expectedException(want: string): string | null {
  if (!want.startsWith('Traceback (')) return null;
  const m = EXCEPTION_RE.exec(want);
  return m ? m[1]! : null;
}

/** `ValueError: message`, or just `ValueError` when the message is empty, as Python prints it. */
export function formatException(ename: string, evalue: string): string {
  return evalue === '' ? `${ename}\n` : `${ename}: ${evalue}\n`;
}

/** What --accept writes for an exception, keeping the form (with or without header) the old output used. */
export function exceptionWant(ename: string, evalue: string, withHeader: boolean): string {
  const line = formatException(ename, evalue);
  return withHeader ? `Traceback (most recent call last):\n  ...\n${line}` : line;
}

export function checkException(want: string, ename: string, evalue: string, flags: Flags): CheckResult {
  const expected = expectedException(want) ?? want;
  const got = formatException(ename, evalue);
  if (flags.IGNORE_EXCEPTION_DETAIL) {
    // Compare the class name only, without its module path, as Python does.
    const name = (s: string) => /^(?:[^:\n]*\.)?([^:\n]*)/.exec(s)![1]!.trim();
    return checkOutput(name(expected) + '\n', name(got) + '\n', flags);
  }
  return checkOutput(expected, got, flags);
}
