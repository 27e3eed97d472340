// Numeric comparison that knows tensor reprs: outputs are split into numbers and the text around
// them; the text (including shape=..., dtype=..., torch.Size([...]) headers, compared digit for
// digit) must match, and each number must be within atol + rtol * |expected| (numpy.isclose).
import { ELLIPSIS_MARKER } from './ellipsis.js';
import type { Tolerance } from './types.js';

type Atom = { kind: 'text'; text: string } | { kind: 'number'; value: number; raw: string } | { kind: 'any' };

const NUMBER = /(?<![\w.])[-+]?(?:(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|inf|nan)(?!\w)/g;
// Parts of a repr that are compared as text even though they hold digits.
const HEADER = /shape=\([^)]*\)|dtype=[\w.]+|(?:torch\.)?Size\(\[[^\]]*\]\)|'[^'\n]*'/g;

/** Splits text into single characters and numbers; whitespace runs are one space, padding inside brackets none. */
function atomize(text: string, into: Atom[]): void {
  const squeezed = text.replace(/\s+/g, ' ').replace(/([[(]) /g, '$1').replace(/ ([\])])/g, '$1');
  let pos = 0;
  const pushText = (s: string) => {
    for (const ch of s) into.push({ kind: 'text', text: ch });
  };
  const headers = [...squeezed.matchAll(HEADER)].map((m) => [m.index!, m.index! + m[0].length] as const);
  for (const m of squeezed.matchAll(NUMBER)) {
    const at = m.index!;
    if (headers.some(([s, e]) => at >= s && at < e)) continue;
    pushText(squeezed.slice(pos, at));
    const raw = m[0];
    const unsigned = raw.replace(/^[-+]/, '');
    const magnitude = unsigned === 'inf' ? Infinity : unsigned === 'nan' ? NaN : Number(unsigned);
    into.push({ kind: 'number', value: raw.startsWith('-') ? -magnitude : magnitude, raw });
    pos = at + raw.length;
  }
  pushText(squeezed.slice(pos));
}

function atoms(text: string, ellipsis: boolean): Atom[] {
  const out: Atom[] = [];
  const pieces = ellipsis ? text.split(ELLIPSIS_MARKER) : [text];
  pieces.forEach((piece, i) => {
    if (i > 0) out.push({ kind: 'any' });
    atomize(piece, out);
  });
  // Leading and trailing whitespace never matters once runs are squeezed.
  while (out[0]?.kind === 'text' && out[0].text === ' ') out.shift();
  while (out.at(-1)?.kind === 'text' && (out.at(-1) as { text: string }).text === ' ') out.pop();
  return out;
}

export function numbersClose(want: number, got: number, tol: Tolerance): boolean {
  if (Number.isNaN(want) || Number.isNaN(got)) return Number.isNaN(want) && Number.isNaN(got);
  if (!Number.isFinite(want) || !Number.isFinite(got)) return want === got;
  return Math.abs(got - want) <= tol.atol + tol.rtol * Math.abs(want);
}

function same(w: Atom, g: Atom, tol: Tolerance): boolean {
  if (w.kind === 'text') return g.kind === 'text' && g.text === w.text;
  if (w.kind === 'number') return g.kind === 'number' && numbersClose(w.value, g.value, tol);
  return false;
}

/** Wildcard matching over atoms (`any` is `...`), backtracking to the last wildcard like glob matching. */
function matchAtoms(want: Atom[], got: Atom[], tol: Tolerance): boolean {
  let w = 0;
  let g = 0;
  let starW = -1;
  let starG = 0;
  while (g < got.length) {
    if (w < want.length && want[w]!.kind === 'any') {
      starW = w++;
      starG = g;
    } else if (w < want.length && same(want[w]!, got[g]!, tol)) {
      w++;
      g++;
    } else if (starW >= 0) {
      w = starW + 1;
      g = ++starG;
    } else {
      return false;
    }
  }
  while (w < want.length && want[w]!.kind === 'any') w++;
  return w === want.length;
}

export interface ToleranceResult {
  ok: boolean;
  /** Why it failed, naming the first numbers that differ. */
  message?: string;
}

export function toleranceMatch(want: string, got: string, tol: Tolerance, ellipsis: boolean): ToleranceResult {
  const w = atoms(want, ellipsis);
  const g = atoms(got, false);
  if (matchAtoms(w, g, tol)) return { ok: true };
  if (w.some((a) => a.kind === 'any')) return { ok: false, message: 'output differs (TOLERANCE with ELLIPSIS)' };
  const wn = w.filter((a) => a.kind === 'number');
  const gn = g.filter((a) => a.kind === 'number');
  const skeleton = (as: Atom[]) => as.map((a) => (a.kind === 'text' ? a.text : '#')).join('');
  if (wn.length !== gn.length) {
    return { ok: false, message: `expected ${wn.length} number${wn.length === 1 ? '' : 's'}, got ${gn.length}` };
  }
  if (skeleton(w) !== skeleton(g)) return { ok: false, message: 'the text around the numbers differs' };
  const bad: string[] = [];
  wn.forEach((a, i) => {
    const b = gn[i]!;
    if (!numbersClose(a.value, b.value, tol)) {
      bad.push(`number ${i + 1}: expected ${a.raw}, got ${b.raw} (|diff| ${Math.abs(a.value - b.value)} > ${tol.atol} + ${tol.rtol} * |expected|)`);
    }
  });
  const more = bad.length > 3 ? `\n... and ${bad.length - 3} more` : '';
  return { ok: false, message: `numbers differ beyond rtol=${tol.rtol}, atol=${tol.atol}:\n${bad.slice(0, 3).join('\n')}${more}` };
}
