// `text/html` for notebooks: what the text repr says, laid out. A header names the facade's type
// (tf.Tensor / tf.Variable 'name', torch.Tensor, jax.Array, numpy.ndarray) with the shape, the dtype
// and what the repr adds (requires_grad=True, grad_fn=<MulBackward0>, weak_type=True); 1-D and 2-D
// values follow as a table with their indices (summarized like the text beyond 1000 elements, with
// the elided index ranges shown), other ranks as the text.
//
// Untrusted notebooks sanitize output HTML: the classic Notebook (6.x) removes <style> and every
// inline style, JupyterLab removes <style> and keeps inline styles it can validate; both keep class
// attributes, <table>/<caption>/<th>/<code>/<font>, and the presentational attributes bgcolor,
// align and <font color>. So the structure is plain HTML the host styles as it styles DataFrames,
// the facade's colour is a <font color> (kept everywhere), and inline styles only refine it.
import type { PrintableTensor } from '../tensor/printable.js';
import { elides, EDGE_ITEMS, pyTuple, sizeOfDims, THRESHOLD } from './layout.js';
import { numpyWords } from './numpy.js';
import { torchSize, torchWords } from './torch.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The facade's type name and colour (each library's own brand colour). */
const FACADES = {
  tf: { type: 'tf.Tensor', color: '#e65100' },
  torch: { type: 'torch.Tensor', color: '#c62828' },
  jax: { type: 'jax.Array', color: '#1565c0' },
  numpy: { type: 'numpy.ndarray', color: '#00695c' },
} as const;

export interface TensorHtmlOptions {
  /** A tf.Variable's name (`v:0`): the header says tf.Variable 'v:0'. */
  variableName?: string;
}

const MONO = 'font-family:monospace';
const HEADER_STYLE = `${MONO};text-align:left;padding:2px 0`;
const CELL_STYLE = `${MONO};text-align:right;padding:1px 6px`;
const INDEX_STYLE = `${MONO};text-align:right;padding:1px 6px;color:#777;font-weight:normal`;

/** The header: type, shape, dtype and the repr's extras, as `key=value` code spans. */
function header(t: PrintableTensor, o: TensorHtmlOptions, note: string): string {
  const facade = FACADES[t.flavor];
  // A NumPy scalar is of its own type (numpy.float32), not an ndarray.
  const type = o.variableName !== undefined ? `tf.Variable <code>${escapeHtml(`'${o.variableName}'`)}</code>` : t.flavor === 'numpy' && t.scalar ? `numpy.${t.dt}` : facade.type;
  const facts: string[] = [];
  if (t.flavor === 'torch') {
    facts.push(`size=${torchSize(t.dims)}`, `dtype=torch.${t.dt}`);
    if (t.gradFnName) facts.push(`grad_fn=<${t.gradFnName}>`);
    else if (t.requires_grad) facts.push('requires_grad=True');
  } else {
    facts.push(`shape=${pyTuple(t.dims)}`, `dtype=${t.dt}`);
    if (t.flavor === 'jax' && t.weak) facts.push('weak_type=True');
  }
  const code = facts.map((f) => `<code>${escapeHtml(f)}</code>`).join(' ');
  const extra = note ? ` <small>${escapeHtml(note)}</small>` : '';
  return `<div style="${HEADER_STYLE}"><font color="${facade.color}"><b>${type}</b></font> ${code}${extra}</div>`;
}

/** The HTML of a tensor (or a variable's value, with its name); `reprText` is its text repr. */
export function tensorHtml(t: PrintableTensor, reprText: string, o: TensorHtmlOptions = {}): string {
  const dims = t.dims;
  const size = sizeOfDims(dims);
  const summarize = size > THRESHOLD;
  const open = `<div class="jacobi-tensor jacobi-${t.flavor}" style="border-left:3px solid ${FACADES[t.flavor].color};padding-left:6px">`;
  if (dims.length === 0 || size === 0 || dims.length > 2 || !t.concrete) {
    // A scalar, an empty tensor, 3 and more axes, or a tracer: the text repr itself under the header.
    const note = summarize ? `summarized: ${dims.join('\u00d7')} = ${size} elements` : '';
    return `${open}${header(t, o, note)}<pre style="${MONO};margin:2px 0">${escapeHtml(reprText)}</pre></div>`;
  }
  // Same element texts as the text form of the tensor's flavor, without alignment padding.
  const words = (t.flavor === 'torch' ? torchWords : numpyWords)(t.dt, dims, t.values, summarize).map((w) => w.trim()); // display order
  const rows = dims.length === 1 ? 1 : dims[0]!;
  const cols = dims.length === 1 ? dims[0]! : dims[1]!;
  const rowElided = dims.length === 2 && elides(summarize, rows);
  const colElided = elides(summarize, cols);
  const shownCols = colElided ? 2 * EDGE_ITEMS : cols;
  const shownRows = rowElided ? 2 * EDGE_ITEMS : rows;
  const index = (shown: number, elided: boolean, n: number, k: number) => (elided && k >= EDGE_ITEMS ? n - shown + k : k);
  const th = (text: string, title?: string) => `<th align="right" style="${INDEX_STYLE}"${title ? ` title="${title}"` : ''}>${text}</th>`;
  const td = (text: string) => `<td align="right" style="${CELL_STYLE}">${text}</td>`;
  const colHeads: string[] = [];
  for (let c = 0; c < shownCols; c++) {
    if (colElided && c === EDGE_ITEMS) colHeads.push(th('&#8230;', `columns ${EDGE_ITEMS} to ${cols - EDGE_ITEMS - 1} not shown`));
    colHeads.push(th(String(index(shownCols, colElided, cols, c))));
  }
  const lines: string[] = [];
  for (let r = 0; r < shownRows; r++) {
    if (rowElided && r === EDGE_ITEMS) {
      const gap = `rows ${EDGE_ITEMS} to ${rows - EDGE_ITEMS - 1} not shown`;
      lines.push(`<tr>${th('&#8942;', gap)}${new Array<string>(shownCols + (colElided ? 1 : 0)).fill(td('&#8942;')).join('')}</tr>`);
    }
    let tr = dims.length === 2 ? th(String(index(shownRows, rowElided, rows, r))) : '';
    for (let c = 0; c < shownCols; c++) {
      if (colElided && c === EDGE_ITEMS) tr += td('&#8230;');
      tr += td(escapeHtml(words[r * shownCols + c]!));
    }
    lines.push(`<tr>${tr}</tr>`);
  }
  const corner = dims.length === 2 ? th('') : '';
  const note = summarize ? `summarized: ${dims.join('\u00d7')} = ${size} elements, showing the first and last ${EDGE_ITEMS}` : '';
  const table = `<table class="jacobi-values" style="border-collapse:collapse;margin:0"><thead><tr>${corner}${colHeads.join('')}</tr></thead><tbody>${lines.join('')}</tbody></table>`;
  return `${open}${header(t, o, note)}${table}</div>`;
}
