// Python repr/str/print of JS values, and the numpy/jax/torch/tf corner forms not in the golden file.
import assert from 'node:assert/strict';
import { Tensor } from '../../src/tensor/tensor.js';
import { format, printText, repr, shapeText, str } from '../../src/format/index.js';
import { fmt } from '../../src/api/operators.js';

describe('format: Python repr of JS values', () => {
  it('numbers: ints for integral values, Python float repr otherwise', () => {
    assert.equal(repr(1), '1');
    assert.equal(repr(-3), '-3');
    assert.equal(repr(2.5), '2.5');
    assert.equal(repr(0.1), '0.1');
    assert.equal(repr(1e-5), '1e-05');
    assert.equal(repr(1.5e300), '1.5e+300');
    assert.equal(repr(1e21), '1e+21');
    assert.equal(repr(2 ** 53 - 1), '9007199254740991');
    assert.equal(repr(2 ** 53), '9007199254740992.0');
    assert.equal(repr(Infinity), 'inf');
    assert.equal(repr(-Infinity), '-inf');
    assert.equal(repr(NaN), 'nan');
    assert.equal(repr(-0), '0');
    assert.equal(repr(12345678901234567890n), '12345678901234567890');
  });

  it('booleans, None, strings with Python quoting', () => {
    assert.equal(repr(true), 'True');
    assert.equal(repr(false), 'False');
    assert.equal(repr(null), 'None');
    assert.equal(repr(undefined), 'None');
    assert.equal(repr('a'), "'a'");
    assert.equal(repr("it's"), `"it's"`);
    assert.equal(repr(`it's "x"`), `'it\\'s "x"'`);
    assert.equal(repr('a\nb\t\\'), "'a\\nb\\t\\\\'");
    assert.equal(repr('\x00é'), "'\\x00é'");
    assert.equal(str('a'), 'a');
  });

  it('lists, tuples, dicts, Maps, Sets and nesting', () => {
    assert.equal(repr([1, 2.5]), '[1, 2.5]');
    assert.equal(repr([]), '[]');
    assert.equal(repr([[1, 'a'], [true, null]]), "[[1, 'a'], [True, None]]");
    assert.equal(repr({ a: 1, b: [0.5] }), "{'a': 1, 'b': [0.5]}");
    assert.equal(repr(new Map<unknown, unknown>([['k', 1], [2, false]])), "{'k': 1, 2: False}");
    assert.equal(repr(new Set([1, 2])), '{1, 2}');
    assert.equal(repr(new Set()), 'set()');
    assert.equal(str(['a']), "['a']");
    const cyc: unknown[] = [1];
    cyc.push(cyc);
    assert.equal(repr(cyc), '[1, [...]]');
  });

  it('tensors inside containers print with their repr; print joins str with spaces', () => {
    const t = new Tensor('float32', [2], Float32Array.from([1, 2]), 'tf');
    assert.equal(repr([t]), '[<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>]');
    assert.equal(repr({ grad: t.shape }), "{'grad': TensorShape([2])}");
    assert.equal(fmt(t.shape), '(2,)');
    assert.equal(printText(['y =', t, 3, 'ok']), 'y = tf.Tensor([1. 2.], shape=(2,), dtype=float32) 3 ok');
    assert.equal(format(2.5), '2.5');
    assert.equal(format('s'), 's');
  });

  it('shapes', () => {
    assert.equal(shapeText([], 'tf'), '()');
    assert.equal(shapeText([3], 'numpy'), '(3,)');
    assert.equal(shapeText([2, 1], 'jax'), '(2, 1)');
    assert.equal(shapeText([3], 'torch'), 'torch.Size([3])');
    assert.equal(shapeText([], 'torch'), 'torch.Size([])');
  });

  it('forms outside the golden file: tf int/bool/float64 scalars, jax empty and long rows, torch empties', () => {
    assert.equal(repr(new Tensor('int32', [], Int32Array.from([3]), 'tf')), '<tf.Tensor: shape=(), dtype=int32, numpy=3>');
    assert.equal(repr(new Tensor('bool', [], Uint8Array.from([1]), 'tf')), '<tf.Tensor: shape=(), dtype=bool, numpy=True>');
    assert.equal(repr(new Tensor('float32', [0], new Float32Array(0), 'jax')), 'Array([], shape=(0,), dtype=float32)');
    const row = Float32Array.from([-4, -2.1, -2.7, -1.9, -1.3, -3.5, -0.5, -0.1, 0.3, 1.5]);
    assert.equal(
      repr(new Tensor('float32', [10], row, 'jax')),
      'Array([-4. , -2.1, -2.7, -1.9, -1.3, -3.5, -0.5, -0.1,  0.3,  1.5],      dtype=float32)',
    );
    assert.equal(repr(new Tensor('float32', [1, 0], new Float32Array(0), 'torch')), 'tensor([], size=(1, 0))');
    assert.equal(repr(new Tensor('float32', [3], Float32Array.from([-0, 0, 1]), 'torch')), 'tensor([-0., 0., 1.])');
    assert.equal(repr(new Tensor('float32', [2], Float32Array.from([0.03125, 1.28125]), 'torch')), 'tensor([0.0312, 1.2812])');
  });
});
