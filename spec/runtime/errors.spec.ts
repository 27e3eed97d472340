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
      assert.throws(() => tensor([1, null]), err('TypeError', /None at \[1\]/));
      assert.throws(() => tensor(['a'] as never), err('TypeError', /the string "a" at \[0\]/));
    });
    it('bad dims, arange step 0, linspace num < 0, non-finite to int64', function () {
      assert.throws(() => zeros([2, -1]), err('ValueError', /^negative dimensions are not allowed$/));
      assert.throws(() => full([1.5], 0), err('TypeError', /^'float' object cannot be interpreted as an integer/));
      assert.throws(() => arange(0, 5, 0), err('ZeroDivisionError', /^division by zero$/));
      assert.throws(() => linspace(0, 1, -1), err('ValueError', /^Number of samples, -1, must be non-negative\.$/));
      assert.throws(() => tensor([Infinity], 'int64'), err('OverflowError', /^cannot convert float infinity to integer$/));
      assert.throws(() => eye(-1), err('ValueError', /^negative dimensions are not allowed$/));
      assert.throws(() => tensor([NaN], 'int32'), err('ValueError', /^cannot convert float NaN to integer$/));
    });
    it('facade dtype names are checked', function () {
      assert.throws(() => tf.constant([1], 'complex64'), err('TypeError', /^Cannot convert the argument `type_value`: 'complex64' to a TensorFlow DType\.$/));
      assert.throws(() => np.array([1], 'complex64'), err('TypeError', /data type 'complex64' not understood/));
      assert.throws(() => np.array([1], 'float8'), err('TypeError', /data type 'float8' not understood/));
    });
  });

  describe('broadcasting and dtypes', function () {
    it('incompatible shapes name both shapes, worded as the library of the operands words it', function () {
      assert.throws(() => ops.add(m(), tensor([1, 2])), err('ValueError', /^operands could not be broadcast together with shapes \(2,3\) \(2,\) $/));
      assert.throws(() => ops.mul(tensor([[1], [2]]), tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])), err('ValueError', /\(2,1\) \(3,3\)/));
      assert.throws(() => tf.less(tf.constant([1, 2]), tf.constant([1, 2, 3])), err('InvalidArgumentError', /^Incompatible shapes: \[2\] vs\. \[3\] \[Op:Less\]$/));
      assert.throws(() => tf.constant([[1, 2, 3], [4, 5, 6]]).add(tf.constant([1, 2])), err('InvalidArgumentError', /^Incompatible shapes: \[2,3\] vs\. \[2\] \[Op:AddV2\]$/));
      assert.throws(() => jnp.array([[1, 2, 3], [4, 5, 6]]).mul(jnp.array([1, 2])), err('TypeError', /^mul got incompatible shapes for broadcasting: \(2, 3\), \(2,\)\.$/));
      assert.throws(() => torch.tensor([[1, 2, 3], [4, 5, 6]]).sub(torch.tensor([1, 2])),
        err('RuntimeError', /^The size of tensor a \(3\) must match the size of tensor b \(2\) at non-singleton dimension 1$/));
      assert.throws(() => ops.where(tensor([true, false, true]), tensor([1, 2]), 0), err('ValueError', /^operands could not be broadcast together with shapes \(3,\) \(2,\) \(\) $/));
      assert.throws(() => ops.broadcastTo(m(), [3, 3]), err('ValueError', /^operands could not be broadcast together with remapped shapes \[original->remapped\]: \(2,3\)  and requested shape \(3,3\)$/));
      assert.throws(() => ops.broadcastTo(m(), [3]), err('ValueError', /^input operand has more dimensions than allowed by the axis remapping$/));
    });
    it('tf tensors refuse to mix dtypes, naming both', function () {
      const a = tf.constant([1, 2], 'float32'), b = tf.constant([1, 2], 'int32');
      assert.throws(() => tf.add(a, b), err('InvalidArgumentError', /^cannot compute AddV2 as input #1\(zero-based\) was expected to be a float tensor but is a int32 tensor \[Op:AddV2\]$/));
      assert.throws(() => tf.multiply(b, tf.constant([1, 2], 'float64')), err('InvalidArgumentError', /^cannot compute Mul as input #1\(zero-based\) was expected to be a int32 tensor but is a double tensor \[Op:Mul\]$/));
      assert.throws(() => tf.matmul(tf.constant([[1]], 'float32'), tf.constant([[1]], 'float64')), err('InvalidArgumentError', /float tensor but is a double tensor \[Op:MatMul\]/));
    });
    it('bool tensors: add is logical or (NumPy); subtract and negative raise, worded by each library', function () {
      const t = tensor([true, false]);
      assert.deepEqual(Array.from(ops.add(t, t).values as Uint8Array), [1, 0]);
      assert.throws(() => ops.sub(t, t), err('TypeError', /sub is not defined for bool/));
      assert.throws(() => ops.neg(t), err('TypeError', /neg is not defined for bool/));
      assert.throws(() => np.subtract(np.array([true]), np.array([true])), err('TypeError', /^numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `\^` operator, or the logical_xor function instead\.$/));
      assert.throws(() => np.negative(np.array([true])), err('TypeError', /^The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead\.$/));
      assert.throws(() => torch.neg(torch.tensor([true])), err('RuntimeError', /^Negation, the `-` operator, on a bool tensor is not supported\./));
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
    it('vector norms of negative order are NumPy\'s (sum |x|^ord)^(1/ord)', function () {
      const h = 1 / (1 + 1 / 2 + 1 / 3 + 1 / 4 + 1 / 5 + 1 / 6);
      assert.ok(Math.abs(Number(ops.vectorNorm(m(), -1).values[0]) - h) < 1e-6);
    });
  });

  describe('shape ops', function () {
    it('reshape', function () {
      assert.throws(() => ops.reshape(m(), [4, 2]), err('ValueError', /cannot reshape array of size 6 into shape \(4, 2\)/));
      assert.throws(() => ops.reshape(m(), [-1, -1]), err('ValueError', /^can only specify one unknown dimension$/));
      assert.throws(() => ops.reshape(m(), [-1, 4]), err('ValueError', /size 6 into shape \(-1, 4\)/));
      assert.throws(() => ops.reshape(m(), [-2, 3]), err('ValueError', /negative dimensions|unknown dimension/));
    });
    it('transpose', function () {
      assert.throws(() => ops.transpose(m(), [0]), err('ValueError', /^axes don't match array$/));
      assert.throws(() => ops.transpose(m(), [0, 0]), err('ValueError', /^repeated axis in transpose$/));
      assert.throws(() => ops.transpose(m(), [0, 2]), err('AxisError', /transpose/));
    });
    it('squeeze, concat, stack, split', function () {
      assert.throws(() => ops.squeeze(m(), 0), err('ValueError', /^cannot select an axis to squeeze out which has size not equal to one$/));
      assert.throws(() => ops.concat([]), err('ValueError', /at least one array/));
      assert.throws(() => ops.concat([scalar(1), scalar(2)]), err('ValueError', /zero-dimensional/));
      assert.throws(() => ops.concat([m(), tensor([[1, 2]])], 0), err('ValueError', /^all the input array dimensions except for the concatenation axis must match exactly, but along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 2$/));
      assert.throws(() => ops.concat([m(), tensor([1, 2, 3])], 0), err('ValueError', /^all the input arrays must have same number of dimensions, but the array at index 0 has 2 dimension\(s\) and the array at index 1 has 1 dimension\(s\)$/));
      assert.throws(() => ops.stack([]), err('ValueError', /at least one array/));
      assert.throws(() => ops.stack([m(), tensor([1])]), err('ValueError', /^all input arrays must have the same shape$/));
      assert.throws(() => ops.split(m(), 2, 1), err('ValueError', /^array split does not result in an equal division$/));
      assert.throws(() => ops.split(m(), [1, 1], 1), err('ValueError', /do not add up to 3/));
      assert.throws(() => ops.split(m(), 0), err('ValueError', /equal division/));
    });
    it('gather', function () {
      assert.throws(() => ops.gather(m(), [2], 0), err('IndexError', /index 2 is out of bounds for axis 0 with size 2/));
      assert.throws(() => ops.gather(m(), [-4], 1), err('IndexError', /index -4 is out of bounds for axis 1 with size 3/));
      assert.throws(() => ops.gather(m(), [0.5], 1), err('IndexError', /^arrays used as indices must be of integer \(or boolean\) type$/));
      assert.throws(() => ops.gather(m(), [0], 2), err('AxisError', /axis 2 is out of bounds for array of dimension 2/));
    });
    it('indexing', function () {
      assert.throws(() => ops.getItem(m(), [0, 0, 0]), err('IndexError', /too many indices for array: array is 2-dimensional, but 3 were indexed/));
      assert.throws(() => ops.getItem(m(), ['...', '...']), err('IndexError', /single ellipsis/));
      assert.throws(() => ops.getItem(m(), [2]), err('IndexError', /index 2 is out of bounds for axis 0 with size 2/));
      assert.throws(() => ops.getItem(m(), [0, -4]), err('IndexError', /index -4 is out of bounds for axis 1 with size 3/));
      assert.throws(() => ops.getItem(m(), ['1:2:0']), err('ValueError', /slice step cannot be zero/));
      assert.throws(() => ops.getItem(m(), ['a:b']), err('SyntaxError', /invalid index 'a:b'/));
      assert.throws(() => ops.getItem(m(), [1.5]), err('IndexError', /^only integers, slices/));
      assert.throws(() => ops.getItem(m(), [[0, 1], [1, 0, 1]]), err('IndexError', /^shape mismatch: indexing arrays could not be broadcast together with shapes \(2,\) \(3,\)/));
      assert.throws(() => ops.getItem(m(), [':', [3]]), err('IndexError', /index 3 is out of bounds/));
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
      assert.throws(() => v.assign(tensor([1, 2, 3])), err('ValueError', /^Cannot assign value to variable ' w:0': Shape mismatch\.The variable shape \(2,\), and the assigned value shape \(3,\) are incompatible\.$/));
      assert.throws(() => v.assign(tensor([1, 2], 'float64')), err('TypeError', /float64 value to variable w:0 of dtype float32/));
    });
    it('keyword arguments: too many positional, duplicate', function () {
      assert.throws(() => tf.reduce_sum(m(), 0, false, 'n', 1), err('TypeError', /^reduce_sum\(\) takes from 1 to 4 positional arguments but 5 were given$/));
      assert.throws(() => tf.reduce_sum(m(), 0, { axis: 1 }), err('TypeError', /multiple values for argument 'axis'/));
    });
    it('item of a multi-element tensor', function () {
      assert.throws(() => torch.ones(2, 3).item(), err('ValueError', /^a Tensor with 6 elements cannot be converted to Scalar$/));
      assert.throws(() => np.ones([2, 3]).item(), err('ValueError', /^can only convert an array of size 1 to a Python scalar$/));
    });
  });
});
