// Python doctest's OutputChecker.check_output, plus Jacobi's numeric TOLERANCE.
import { ellipsisMatch } from './ellipsis.js';
import { applyNumberPrecision } from './number.js';
import { toleranceMatch } from './tolerance.js';
import type { Flags } from './types.js';

export const BLANKLINE_MARKER = '<BLANKLINE>';

export interface CheckResult {
  ok: boolean;
  message?: string;
}

/** The expected text as the example will print it: `<BLANKLINE>` lines become empty lines. */
export function unmarkBlankLines(want: string): string {
  return want.replace(/^<BLANKLINE>[^\S\n]*$/gm, '');
}

export function checkOutput(want: string, got: string, flags: Flags): CheckResult {
  if (!flags.DONT_ACCEPT_BLANKLINE) {
    want = unmarkBlankLines(want);
    // A line of only spaces prints like an empty one, and an empty one is what `want` can say.
    got = got.replace(/^[^\S\n]+$/gm, '');
  }
  if (got === want) return { ok: true };
  if (flags.NUMBER) {
    got = applyNumberPrecision(want, got);
    if (got === want) return { ok: true };
  }
  if (flags.TOLERANCE) return toleranceMatch(want, got, flags.TOLERANCE, !!flags.ELLIPSIS);
  if (flags.NORMALIZE_WHITESPACE) {
    got = got.split(/\s+/).filter(Boolean).join(' ');
    want = want.split(/\s+/).filter(Boolean).join(' ');
    if (got === want) return { ok: true };
  }
  if (flags.ELLIPSIS && ellipsisMatch(want, got)) return { ok: true };
  return { ok: false };
}
