// text/html for notebooks.
import assert from 'node:assert/strict';
import { Tensor } from '../../src/tensor/tensor.js';
import { VARIABLE_BRAND } from '../../src/tensor/printable.js';
import { html } from '../../src/format/index.js';

const cells = (h: string): string[] => Array.from(h.matchAll(/<td[^>]*>(.*?)<\/td>/g), (m) => m[1]);
const rows = (h: string): number => (h.match(/<tr>/g) ?? []).length;

describe('format: html', () => {
  it('is undefined for non-tensors', () => {
    assert.equal(html(3), undefined);
    assert.equal(html('x'), undefined);
    assert.equal(html([1, 2]), undefined);
  });

  it('1-D: one row, caption with shape and dtype, numpy element text', () => {
    const h = html(new Tensor('float32', [3], Float32Array.from([9.61083984375, 7.59375, 8.54296875]), 'jax')) as string;
    assert.match(h, /^<table class="jacobi-tensor"/);
    assert.match(h, /<caption[^>]*>shape=\(3,\) dtype=float32<\/caption>/);
    assert.equal(rows(h), 1);
    assert.deepEqual(cells(h), ['9.61084', '7.59375', '8.542969']);
  });

  it('2-D: rows and columns; torch tensors use torch element text', () => {
    const t = new Tensor('float32', [2, 2], Float32Array.from([1.5, 2, 3, 4]), 'torch');
    const h = html(t) as string;
    assert.equal(rows(h), 2);
    assert.deepEqual(cells(h), ['1.5000', '2.0000', '3.0000', '4.0000']);
    assert.match(h, /shape=\(2, 2\) dtype=float32/);
  });

  it('summarizes beyond 1000 elements with ellipsis rows and columns', () => {
    const data = new Float32Array(100 * 50).map((_, i) => (i % 10) + 0.5);
    const h = html(new Tensor('float32', [100, 50], data, 'numpy')) as string;
    assert.equal(rows(h), 7); // 3 + ellipsis row + 3
    const c = cells(h);
    assert.equal(c.length, 7 * 7);
    assert.deepEqual(c.slice(0, 7), ['0.5', '1.5', '2.5', '&#8230;', '7.5', '8.5', '9.5']);
    assert.equal(c[7 * 3], '&#8942;');
    assert.deepEqual(c.slice(7 * 6), ['0.5', '1.5', '2.5', '&#8230;', '7.5', '8.5', '9.5']);
    const v = html(new Tensor('int32', [2000], new Int32Array(2000), 'numpy')) as string;
    assert.equal(cells(v).length, 7);
  });

  it('other ranks and empty tensors: an escaped <pre> of the repr; variables too', () => {
    const t = new Tensor('float32', [1, 1, 2], Float32Array.from([1, 2]), 'tf');
    assert.equal(html(t), '<pre>&lt;tf.Tensor: shape=(1, 1, 2), dtype=float32, numpy=array([[[1., 2.]]], dtype=float32)&gt;</pre>');
    assert.equal(html(new Tensor('float32', [], Float32Array.from([1]), 'numpy')), '<pre>array(1., dtype=float32)</pre>');
    const v = { [VARIABLE_BRAND]: true as const, name: 'v:0', value: new Tensor('float32', [2], Float32Array.from([1, 2]), 'tf') };
    assert.deepEqual(cells(html(v) as string), ['1.', '2.']);
  });
});
