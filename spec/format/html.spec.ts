// text/html for notebooks: the text repr's facts in a header, values in a table with their indices,
// built to survive the sanitizers of untrusted notebooks.
import assert from 'node:assert/strict';
import { Tensor } from '../../src/tensor/tensor.js';
import { TENSOR_BRAND, VARIABLE_BRAND, type PrintableTensor } from '../../src/tensor/printable.js';
import { html } from '../../src/format/index.js';

const cells = (h: string): string[] => Array.from(h.matchAll(/<td[^>]*>(.*?)<\/td>/g), (m) => m[1]!);
const heads = (h: string): string[] => Array.from(h.matchAll(/<th(?: [^>]*)?>(.*?)<\/th>/g), (m) => m[1]!);
const rows = (h: string): number => (h.match(/<tr>/g) ?? []).length;
/** The header line as text, tags removed. */
const headerText = (h: string): string => /<div style="[^"]*"><font[\s\S]*?<\/div>/.exec(h)![0].replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;|&quot;/g, "'");

/** A printable tensor with the autodiff facts a repr shows. */
const printable = (flavor: PrintableTensor['flavor'], extra: Partial<PrintableTensor>): PrintableTensor => ({
  [TENSOR_BRAND]: true, dt: 'float32', dims: [1], values: Float32Array.of(2), flavor, weak: false, scalar: false, concrete: true,
  requires_grad: false, gradFnName: null, toString: () => 'tensor', ...extra,
});

/** What the classic Notebook's sanitizer leaves of untrusted HTML: no <style>, no inline styles. */
const sanitized = (h: string): string => h.replace(/<style[\s\S]*?<\/style>/g, '').replace(/ style="[^"]*"/g, '');

describe('format: html', () => {
  it('is undefined for non-tensors', () => {
    assert.equal(html(3), undefined);
    assert.equal(html('x'), undefined);
    assert.equal(html([1, 2]), undefined);
  });

  it('1-D: a header naming the facade, shape and dtype; one row of values under their indices', () => {
    const h = html(new Tensor('float32', [3], Float32Array.from([9.61083984375, 7.59375, 8.54296875]), 'jax')) as string;
    assert.match(h, /^<div class="jacobi-tensor jacobi-jax"/);
    assert.equal(headerText(h), 'jax.Array shape=(3,) dtype=float32');
    assert.equal(rows(h), 2);
    assert.deepEqual(heads(h), ['0', '1', '2']);
    assert.deepEqual(cells(h), ['9.61084', '7.59375', '8.542969']);
  });

  it('each facade says what its repr says: torch size, requires_grad and grad_fn; jax weak_type; tf and numpy types', () => {
    const t = new Tensor('float32', [2, 2], Float32Array.from([1.5, 2, 3, 4]), 'torch');
    const h = html(t) as string;
    assert.equal(headerText(h), 'torch.Tensor size=torch.Size([2, 2]) dtype=torch.float32');
    assert.equal(rows(h), 3);
    assert.deepEqual(heads(h), ['', '0', '1', '0', '1']);
    assert.deepEqual(cells(h), ['1.5000', '2.0000', '3.0000', '4.0000']);
    assert.match(headerText(html(printable('torch', { gradFnName: 'MulBackward0' })) as string), /grad_fn=<MulBackward0>$/);
    assert.match(headerText(html(printable('torch', { requires_grad: true })) as string), /requires_grad=True$/);
    assert.match(headerText(html(printable('jax', { weak: true })) as string), /weak_type=True$/);
    assert.match(headerText(html(new Tensor('int32', [1], Int32Array.of(2), 'tf')) as string), /^tf\.Tensor shape=\(1,\) dtype=int32$/);
    assert.match(headerText(html(new Tensor('float64', [1], Float64Array.of(2), 'numpy')) as string), /^numpy\.ndarray shape=\(1,\) dtype=float64$/);
  });

  it("a tf.Variable's header carries its name", () => {
    const v = { [VARIABLE_BRAND]: true as const, name: 'v:0', value: new Tensor('float32', [2], Float32Array.from([1, 2]), 'tf') };
    const h = html(v) as string;
    assert.equal(headerText(h), "tf.Variable 'v:0' shape=(2,) dtype=float32");
    assert.deepEqual(cells(h), ['1.', '2.']);
  });

  it('summarizes beyond 1000 elements with ellipsis rows and columns, the elided index ranges named', () => {
    const data = new Float32Array(100 * 50).map((_, i) => (i % 10) + 0.5);
    const h = html(new Tensor('float32', [100, 50], data, 'numpy')) as string;
    assert.match(headerText(h), /summarized: 100×50 = 5000 elements, showing the first and last 3$/);
    assert.equal(rows(h), 8); // index row, 3 + ellipsis row + 3
    const c = cells(h);
    assert.equal(c.length, 7 * 7);
    assert.deepEqual(c.slice(0, 7), ['0.5', '1.5', '2.5', '&#8230;', '7.5', '8.5', '9.5']);
    assert.equal(c[7 * 3], '&#8942;');
    assert.deepEqual(c.slice(7 * 6), ['0.5', '1.5', '2.5', '&#8230;', '7.5', '8.5', '9.5']);
    assert.deepEqual(heads(h).slice(0, 8), ['', '0', '1', '2', '&#8230;', '47', '48', '49']);
    assert.deepEqual(heads(h).slice(8), ['0', '1', '2', '&#8942;', '97', '98', '99']);
    assert.match(h, /title="rows 3 to 96 not shown"/);
    assert.match(h, /title="columns 3 to 46 not shown"/);
    const v = html(new Tensor('int32', [2000], new Int32Array(2000), 'numpy')) as string;
    assert.equal(cells(v).length, 7);
  });

  it('other ranks, scalars and empty tensors: the header, then the escaped repr', () => {
    const t = new Tensor('float32', [1, 1, 2], Float32Array.from([1, 2]), 'tf');
    const h = html(t) as string;
    assert.equal(headerText(h), 'tf.Tensor shape=(1, 1, 2) dtype=float32');
    assert.match(h, /<pre style="[^"]*">&lt;tf.Tensor: shape=\(1, 1, 2\), dtype=float32, numpy=array\(\[\[\[1., 2.\]\]\], dtype=float32\)&gt;<\/pre>/);
    assert.match(html(new Tensor('float32', [], Float32Array.from([1]), 'numpy')) as string, /<pre [^>]*>array\(1., dtype=float32\)<\/pre>/);
    assert.match(html(new Tensor('float32', [0], new Float32Array(0), 'torch')) as string, /<pre [^>]*>tensor\(\[\]\)<\/pre>/);
  });

  it("survives an untrusted notebook's sanitizer: the facade colour is a <font color>, cells keep align, classes stay", () => {
    const h = sanitized(html(new Tensor('float32', [2], Float32Array.from([1, 2]), 'torch')) as string);
    assert.match(h, /^<div class="jacobi-tensor jacobi-torch"><div><font color="#c62828"><b>torch.Tensor<\/b><\/font> <code>size=torch.Size\(\[2\]\)<\/code>/);
    assert.match(h, /<td align="right">1\.<\/td>/);
    assert.doesNotMatch(h, /<style/);
    // Every facade its own colour.
    const colors = (['tf', 'torch', 'jax', 'numpy'] as const).map((f) => /<font color="(#[0-9a-f]{6})"/.exec(html(new Tensor('float32', [1], Float32Array.of(1), f)) as string)![1]);
    assert.equal(new Set(colors).size, 4);
  });
});
