// Parses option directives: `+ELLIPSIS -NORMALIZE_WHITESPACE`, `+TOLERANCE(rtol=1e-5, atol=1e-8)`,
// separated by commas or spaces, as in Python's `# doctest: +FLAG` comments.
import { FLAG_NAMES, type FlagName, type Flags, type Tolerance } from './types.js';

/** numpy.isclose's defaults, used by a bare `+TOLERANCE`. */
export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-5, atol: 1e-8 };

export class DirectiveError extends Error {}

/** Parses the text after `doctest:` into flags; throws DirectiveError on an unknown flag or bad syntax. */
export function parseDirective(text: string): Flags {
  const flags: Flags = {};
  const re = /\s*([+-])([A-Z_]+)(\(([^)]*)\))?\s*(,|$|\s)/y;
  const rest = text.trim();
  let pos = 0;
  while (pos < rest.length) {
    re.lastIndex = pos;
    const m = re.exec(rest);
    if (!m) throw new DirectiveError(`bad doctest directive '${rest.slice(pos)}'`);
    pos = re.lastIndex;
    const [, sign, name, , args] = m;
    if (!(FLAG_NAMES as readonly string[]).includes(name!)) throw new DirectiveError(`unknown doctest flag '${name}'`);
    const flag = name as FlagName;
    if (args !== undefined && flag !== 'TOLERANCE') throw new DirectiveError(`doctest flag ${flag} takes no arguments`);
    if (flag === 'TOLERANCE') {
      flags.TOLERANCE = sign === '+' ? parseTolerance(args ?? '') : false;
    } else {
      flags[flag] = sign === '+';
    }
    while (pos < rest.length && /[\s,]/.test(rest[pos]!)) pos++;
  }
  return flags;
}

/** `rtol=1e-5, atol=1e-8`, either order, either omitted; also the CLI's `1e-5,1e-8`. */
export function parseTolerance(args: string): Tolerance {
  const tol: Tolerance = { ...DEFAULT_TOLERANCE };
  const parts = args.split(',').map((s) => s.trim()).filter((s) => s !== '');
  parts.forEach((part, i) => {
    const m = /^(?:(rtol|atol)\s*=\s*)?(\S+)$/.exec(part);
    const value = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(value) || value < 0) throw new DirectiveError(`bad tolerance '${part}'`);
    const key = (m[1] as 'rtol' | 'atol' | undefined) ?? (i === 0 ? 'rtol' : 'atol');
    tol[key] = value;
  });
  return tol;
}

/** Later flags win; `undefined` leaves the earlier setting. */
export function mergeFlags(...layers: Flags[]): Flags {
  const out: Flags = {};
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Every `doctest: ...` directive in comments of a TypeScript or Python source (`// doctest: +FLAG`, `# doctest: +FLAG`). */
export function sourceDirectives(source: string): Flags {
  const found: Flags[] = [];
  for (const m of source.matchAll(/(?:\/\/|#)\s*doctest:\s*([^\n'"`]*)$/gm)) found.push(parseDirective(m[1]!));
  return mergeFlags(...found);
}
