// `text/html` for notebooks: a compact table for 1-D and 2-D tensors (summarized like NumPy over
// 1000 elements), a <pre> of the repr for other ranks.
import type { PrintableTensor } from '../tensor/printable.js';
import { elides, EDGE_ITEMS, pyTuple, sizeOfDims, THRESHOLD } from './layout.js';
import { numpyWords } from './numpy.js';
import { torchWords } from './torch.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const TABLE_STYLE = 'border-collapse:collapse;font-family:monospace;text-align:right';
const CELL = '<td style="padding:1px 6px">';

/** The HTML table (rank 1 or 2) or <pre> (other ranks) for a tensor; `reprText` is its repr. */
export function tensorHtml(t: PrintableTensor, reprText: string): string {
  const dims = t.dims;
  const caption = `<caption style="text-align:left">shape=${escapeHtml(pyTuple(dims))} dtype=${t.dt}</caption>`;
  if ((dims.length !== 1 && dims.length !== 2) || sizeOfDims(dims) === 0) {
    return `<pre>${escapeHtml(reprText)}</pre>`;
  }
  const summarize = sizeOfDims(dims) > THRESHOLD;
  // Same element texts as the text form of the tensor's flavor, without alignment padding.
  const words = (t.flavor === 'torch' ? torchWords : numpyWords)(t.dt, dims, t.values, summarize).map((w) => w.trim()); // in display order
  const rows = dims.length === 1 ? 1 : dims[0];
  const cols = dims.length === 1 ? dims[0] : dims[1];
  const rowElided = dims.length === 2 && elides(summarize, rows);
  const colElided = elides(summarize, cols);
  const shownCols = colElided ? 2 * EDGE_ITEMS : cols;
  const shownRows = rowElided ? 2 * EDGE_ITEMS : rows;
  const lines: string[] = [];
  for (let r = 0; r < shownRows; r++) {
    if (rowElided && r === EDGE_ITEMS) {
      const cells = new Array<string>(shownCols + (colElided ? 1 : 0)).fill(`${CELL}&#8942;</td>`);
      lines.push('<tr>' + cells.join('') + '</tr>');
    }
    let tr = '<tr>';
    for (let c = 0; c < shownCols; c++) {
      if (colElided && c === EDGE_ITEMS) tr += `${CELL}&#8230;</td>`;
      tr += CELL + escapeHtml(words[r * shownCols + c]) + '</td>';
    }
    lines.push(tr + '</tr>');
  }
  return `<table class="jacobi-tensor" style="${TABLE_STYLE}">${caption}<tbody>${lines.join('')}</tbody></table>`;
}
