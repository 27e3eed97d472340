// The shapes shared by the extractors, the checker, the runner and the reporters.
import type { MimeBundle } from '../session/types.js';

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** Option flags, named as in Python's doctest; TOLERANCE, IGNORE_OUTPUT and RAISES are Jacobi's. */
export interface Flags {
  ELLIPSIS?: boolean;
  NORMALIZE_WHITESPACE?: boolean;
  IGNORE_EXCEPTION_DETAIL?: boolean;
  DONT_ACCEPT_BLANKLINE?: boolean;
  SKIP?: boolean;
  /** Run the example but do not compare what it printed. */
  IGNORE_OUTPUT?: boolean;
  /** The example must raise (any error when no exception is written down). */
  RAISES?: boolean;
  /** Numbers compare within rtol/atol; false turns an inherited tolerance off. */
  TOLERANCE?: Tolerance | false;
  /** (File level) values show as IPython's prompt shows them, not as Python's doctest (repr). */
  IPYTHON_DISPLAY?: boolean;
  /** pytest's NUMBER: a float matches to the precision the expected output writes. */
  NUMBER?: boolean;
}

export const FLAG_NAMES = [
  'ELLIPSIS', 'NORMALIZE_WHITESPACE', 'IGNORE_EXCEPTION_DETAIL', 'DONT_ACCEPT_BLANKLINE', 'SKIP',
  'IGNORE_OUTPUT', 'RAISES', 'TOLERANCE', 'IPYTHON_DISPLAY', 'NUMBER',
] as const;
export type FlagName = (typeof FLAG_NAMES)[number];

/** One `>>>` example, located in its file so that reports and --accept can point at it. */
export interface TranscriptExample {
  kind: 'transcript';
  source: string;
  /** Expected output, `<BLANKLINE>` markers still in, ending in a newline unless empty. */
  want: string;
  /** 1-based line of the `>>>` prompt. */
  line: number;
  /** 0-based line range [start, end) that holds the expected output (end === start when none). */
  wantStart: number;
  wantEnd: number;
  /** Text put in front of each expected-output line: the comment prefix and the prompt's indent. */
  prefix: string;
  flags: Flags;
  /** The cell language (TypeScript unless said otherwise). */
  lang?: 'typescript' | 'python';
}

/**
 * A cell of a notebook transcript: its code followed by what it printed. Where the code ends is
 * found by running it (src/doctest/python.ts); it is then judged as a transcript example.
 */
export interface SegmentExample {
  kind: 'segment';
  lines: string[];
  /** 0-based line of the segment's first line in the file. */
  start: number;
  /** 1-based line of the `In [N]:` mark, for reports. */
  line: number;
  flags: Flags;
  lang: 'python';
}

/** Output of a notebook cell or of a re-executed example, in Jupyter's terms. */
export type Output =
  | { output_type: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { output_type: 'execute_result'; data: MimeBundle }
  | { output_type: 'display_data'; data: MimeBundle }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

/** One code cell of a notebook, with its stored outputs. */
export interface CellExample {
  kind: 'cell';
  source: string;
  /** 1-based line of the cell's `"cell_type"` key in the .ipynb, for reports. */
  line: number;
  /** Index among all cells of the notebook (--accept rewrites that cell's outputs). */
  cellIndex: number;
  outputs: Output[];
  flags: Flags;
  lang?: 'typescript' | 'python';
}

export type Example = TranscriptExample | CellExample | SegmentExample;

export type SourceKind = 'markdown' | 'typescript' | 'notebook' | 'python' | 'text' | 'transcript';

export interface DocFile {
  path: string;
  kind: SourceKind;
  /** The file's text, kept to rewrite it byte for byte on --accept. */
  text: string;
  examples: Example[];
  /** Cells run before the examples and not reported (a .ts file's module import). */
  setup: string[];
  /** Python cells run before the file's Python examples (a .py module's globals, --lang python's tf and np). */
  pythonSetup?: string[];
}
