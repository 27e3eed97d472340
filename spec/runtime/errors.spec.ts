// Every error path of the runtime ops: the error class and a message naming what went wrong.
import assert from 'node:assert/strict';
import { ops, tf, np, jnp, torch, Variable } from '../../src/index.js';
import { tensor, scalar, zeros, full, arange, linspace, eye } from '../../src/tensor/create.js';

const m = () => tensor([[1, 2, 3], [4, 5, 6]]);
const err = (name: string, msg: RegExp) => (e: unknown) => {
  assert.ok(e instanceof Error, 'an Error');
  assert.equal(e.name, name, `error name (message: ${e.message})`);
  assert.match(e.message, msg);
  return true;
};

describe('runtime: errors', function () {
  describe('creation', function () {
    it('ragged nested arrays name the offending path', function () {
      assert.throws(() => tensor([[1, 2], [3]]), err('ValueError', /\[1\].*length 1, expected 2/));
      assert.throws(() => tensor([[1, 2], 3]), err('ValueError', /\[1\] is a scalar/));
      assert.throws(() => tensor([[[1], [2]], [[3], [4, 5]]]), err('ValueError', /\[1\]\[1\]/));
    });
    it('a scalar followed by a sequence is ragged too', function () {
      assert.throws(() => tensor([1, [2]]), err('ValueError', /\[1\]|inhomogeneous|ragged/));
    });
    it('non-numeric values', function () {
      assert.throws(() => tensor([1, null]), err('TypeError', /null at \[1\]/));
      assert.throws(() => tensor(['a'] as never), err('TypeError', /string at \[0\]/));
    });
    it('bad dims, arange step 0, linspace num < 0, non-finite to int64', function () {
      assert.throws(() => zeros([2, -1]), err('ValueError', /zeros: dimensions must be non-negative integers, got \(2, -1\)/));
      assert.throws(() => full([1.5], 0), err('ValueError', /full/));
      assert.throws(() => arange(0, 5, 0), err('ValueError', /step must not be zero/));
      assert.throws(() => linspace(0, 1, -1), err('ValueError', /num must be a non-negative integer/));
      assert.throws(() => tensor([Infinity], 'int64'), err('ValueError', /Infinity to int64/));
      assert.throws(() => eye(-1), err('ValueError', /zeros/));
    });
    it('facade dtype names are checked', function () {
      assert.throws(() => tf.constant([1], 'float16'), err('TypeError', /float16/));
      assert.throws(() => np.array([1], 'complex64'), err('TypeError', /data type 'complex64' not understood/));
    });
  });

  describe('broadcasting and dtypes', function () {
    it('incompatible shapes name both shapes, worded as the library of the operands words it', function () {
      assert.throws(() => ops.add(m(), tensor([1, 2])), err('ValueError', /^operands could not be broadcast together with shapes \(2,3\) \(2,\)$/));
      assert.throws(() => ops.mul(tensor([[1], [2]]), tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])), err('ValueError', /\(2,1\) \(3,3\)/));
      assert.throws(() => tf.less(tf.constant([1, 2]), tf.constant([1, 2, 3])), err('InvalidArgumentError', /^Incompatible shapes: \[2\] vs\. \[3\] \[Op:Less\]$/));
      assert.throws(() => tf.constant([[1, 2, 3], [4, 5, 6]]).add(tf.constant([1, 2])), err('InvalidArgumentError', /^Incompatible shapes: \[2,3\] vs\. \[2\] \[Op:AddV2\]$/));
      assert.throws(() => jnp.array([[1, 2, 3], [4, 5, 6]]).mul(jnp.array([1, 2])), err('TypeError', /^mul got incompatible shapes for broadcasting: \(2, 3\), \(2,\)\.$/));
      assert.throws(() => torch.tensor([[1, 2, 3], [4, 5, 6]]).sub(torch.tensor([1, 2])),
        err('RuntimeError', /^The size of tensor a \(3\) must match the size of tensor b \(2\) at non-singleton dimension 1$/));
      assert.throws(() => ops.where(tensor([true, false, true]), tensor([1, 2]), 0), err('InvalidArgumentError', /\[3\].*\[2\]|\[2\].*\[3\]/));
      assert.throws(() => ops.broadcastTo(m(), [3, 3]), err('InvalidArgumentError', /\[2,3\] and requested shape \[3,3\]/));
      assert.throws(() => ops.broadcastTo(m(), [3]), err('InvalidArgumentError', /\[2,3\].*\[3\]/));
    });
    it('tf tensors refuse to mix dtypes, naming both', function () {
      const a = tf.constant([1, 2]), b = tf.constant([1, 2], 'int32');
      assert.throws(() => tf.add(a, b), err('InvalidArgumentError', /float32.*int32.*\[Op:AddV2\]/));
      assert.throws(() => tf.multiply(b, tf.constant([1, 2], 'float64')), err('InvalidArgumentError', /int32.*float64.*\[Op:Mul\]/));
      assert.throws(() => tf.matmul(tf.constant([[1]]), tf.constant([[1]], 'float64')), err('InvalidArgumentError', /float32.*float64/));
    });
    it('bool tensors reject arithmetic other than mul; unary neg/abs reject bool', function () {
      const t = tensor([true, false]);
      assert.throws(() => ops.sub(t, t), err('TypeError', /sub is not defined for bool/));
      assert.throws(() => ops.add(t, t), err('TypeError', /add is not defined for bool/));
      assert.throws(() => ops.neg(t), err('TypeError', /neg is not defined for bool/));
    });
  });

  describe('axes', function () {
    it('out-of-bounds and duplicate axes', function () {
      assert.throws(() => ops.sum(m(), 2), err('AxisError', /axis 2 is out of bounds for array of dimension 2/));
      assert.throws(() => ops.mean(m(), -3), err('AxisError', /axis -3/));
      assert.throws(() => ops.sum(m(), [0, -2]), err('ValueError', /duplicate value in 'axis'/));
      assert.throws(() => ops.argmax(m(), 2), err('AxisError', /argmax/));
      assert.throws(() => ops.cumsum(m(), -3), err('AxisError', /cumsum/));
      assert.throws(() => ops.sum(m(), 0.5), err('TypeError', /axis must be an integer/));
      assert.throws(() => ops.expandDims(m(), 3), err('AxisError', /expand_dims/));
      assert.throws(() => ops.softmax(m(), 2), err('AxisError', /out of bounds/));
    });
    it('norm with an unsupported ord', function () {
      assert.throws(() => ops.vectorNorm(m(), -1), /unsupported ord -1/);
    });
  });

  describe('shape ops', function () {
    it('reshape', function () {
      assert.throws(() => ops.reshape(m(), [4, 2]), err('ValueError', /cannot reshape array of size 6 into shape \(4, 2\)/));
      assert.throws(() => ops.reshape(m(), [-1, -1]), err('ValueError', /only one -1/));
      assert.throws(() => ops.reshape(m(), [-1, 4]), err('ValueError', /size 6 into shape \(-1, 4\)/));
      assert.throws(() => ops.reshape(m(), [-2, 3]), err('ValueError', /only one -1 and non-negative/));
    });
    it('transpose', function () {
      assert.throws(() => ops.transpose(m(), [0]), err('ValueError', /axes \(0\) don't match array of rank 2/));
      assert.throws(() => ops.transpose(m(), [0, 0]), err('ValueError', /don't match/));
      assert.throws(() => ops.transpose(m(), [0, 2]), err('AxisError', /transpose/));
    });
    it('squeeze, concat, stack, split', function () {
      assert.throws(() => ops.squeeze(m(), 0), err('ValueError', /size not equal to one \(axis 0 of shape \[2,3\]\)/));
      assert.throws(() => ops.concat([]), err('ValueError', /at least one array/));
      assert.throws(() => ops.concat([scalar(1), scalar(2)]), err('ValueError', /zero-dimensional/));
      assert.throws(() => ops.concat([m(), tensor([[1, 2]])], 0), err('InvalidArgumentError', /\[2,3\] vs\. \[1,2\] along axis 0/));
      assert.throws(() => ops.concat([m(), tensor([1, 2, 3])], 0), err('InvalidArgumentError', /\[2,3\] vs\. \[3\]/));
      assert.throws(() => ops.stack([]), err('ValueError', /at least one array/));
      assert.throws(() => ops.stack([m(), tensor([1])]), err('InvalidArgumentError', /values\[0\]\.shape = \[2,3\] != values\[1\]\.shape = \[1\]/));
      assert.throws(() => ops.split(m(), 2, 1), err('ValueError', /equal division: 3 into 2/));
      assert.throws(() => ops.split(m(), [1, 1], 1), err('ValueError', /do not add up to 3/));
      assert.throws(() => ops.split(m(), 0), err('ValueError', /equal division/));
    });
    it('gather', function () {
      assert.throws(() => ops.gather(m(), [2], 0), err('RangeError', /index 2 is out of bounds for axis 0 with size 2/));
      assert.throws(() => ops.gather(m(), [-4], 1), err('RangeError', /index -4 is out of bounds for axis 1 with size 3/));
      assert.throws(() => ops.gather(m(), [0.5], 1), err('TypeError', /indices must be integers/));
      assert.throws(() => ops.gather(m(), [0], 2), err('AxisError', /gather/));
    });
    it('indexing', function () {
      assert.throws(() => ops.getItem(m(), [0, 0, 0]), err('IndexError', /too many indices for array: array is 2-dimensional, but 3 were indexed/));
      assert.throws(() => ops.getItem(m(), ['...', '...']), err('IndexError', /single ellipsis/));
      assert.throws(() => ops.getItem(m(), [2]), err('IndexError', /index 2 is out of bounds for axis 0 with size 2/));
      assert.throws(() => ops.getItem(m(), [0, -4]), err('IndexError', /index -4 is out of bounds for axis 1 with size 3/));
      assert.throws(() => ops.getItem(m(), ['1:2:0']), err('ValueError', /slice step cannot be zero/));
      assert.throws(() => ops.getItem(m(), ['a:b']), err('SyntaxError', /invalid index 'a:b'/));
      assert.throws(() => ops.getItem(m(), [1.5]), err('TypeError', /got 1.5/));
      assert.throws(() => ops.getItem(m(), [[0], [1]]), err('IndexError', /only one integer-array index/));
      assert.throws(() => ops.getItem(m(), [':', [3]]), err('RangeError', /index 3 is out of bounds/));
    });
  });

  describe('linear algebra', function () {
    it('matmul', function () {
      assert.throws(() => ops.matmul(m(), m()), err('InvalidArgumentError', /Matrix size-incompatible: In\[0\]: \[2,3\], In\[1\]: \[2,3\]/));
      assert.throws(() => ops.matmul(scalar(1), m()), err('ValueError', /scalars are not allowed/));
      assert.throws(() => ops.matmul(tensor([1, 2]), tensor([1, 2, 3])), err('InvalidArgumentError', /\[2\].*\[3\]/));
      assert.throws(() => ops.matmul(zeros([2, 2, 3]), zeros([3, 3, 1])), err('InvalidArgumentError', /\[2\].*\[3\]|Incompatible/));
    });
    it('tensordot', function () {
      assert.throws(() => ops.tensordot(m(), m(), [[0], [1]]), /shape-mismatch for sum: \[2,3\] axes \(0\) vs \[2,3\] axes \(1\)/);
      assert.throws(() => ops.tensordot(m(), m(), [[0, 1], [0]]), /shape-mismatch/);
    });
    it('einsum', function () {
      assert.throws(() => ops.einsum('ij,jk->ik', m()), err('ValueError', /2 subscript groups for 1 operands/));
      assert.throws(() => ops.einsum('...i->i', m()), err('ValueError', /ellipsis/));
      assert.throws(() => ops.einsum('ijk->i', m()), err('ValueError', /operand 0 has 2 dimensions but subscripts 'ijk'/));
      assert.throws(() => ops.einsum('ij,jk->ik', m(), m()), err('InvalidArgumentError', /label 'j' is 3 in one operand and 2/));
      assert.throws(() => ops.einsum('ij->iz', m()), err('ValueError', /output subscript/));
    });
  });

  describe('variables and facades', function () {
    it('assign checks shape and dtype, naming both', function () {
      const v = new Variable(tensor([1, 2]), { name: 'w' });
      assert.throws(() => v.assign(tensor([1, 2, 3])), err('InvalidArgumentError', /variable w:0 .*shape \[2\] and value shape \[3\]/));
      assert.throws(() => v.assign(tensor([1, 2], 'float64')), err('TypeError', /float64 value to variable w:0 of dtype float32/));
    });
    it('keyword arguments: too many positional, duplicate', function () {
      assert.throws(() => tf.reduce_sum(m(), 0, false, 'n', 1), err('TypeError', /takes 4 positional arguments but 5 were given/));
      assert.throws(() => tf.reduce_sum(m(), 0, { axis: 1 }), err('TypeError', /multiple values for argument 'axis'/));
    });
    it('item of a multi-element tensor', function () {
      assert.throws(() => m().item(), /a Tensor with 6 elements cannot be converted to Scalar/);
    });
  });
});
