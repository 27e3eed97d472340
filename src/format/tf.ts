// TensorFlow eager printing (ops.py numpy_text, _EagerTensorBase.__repr__/__str__,
// BaseResourceVariable.__repr__): numpy's text wrapped in TF's own frame (PRINTING.md §2).
import type { DType, TensorData } from '../tensor/dtype.js';
import { numpyRepr, numpyScalarRepr, numpyStr } from './numpy.js';
import { pyTuple } from './layout.js';

/** `numpy_text(t, is_repr)`: numpy scalar for rank 0; a leading newline when the text has several lines. */
export function numpyText(dtype: DType, dims: readonly number[], data: TensorData, isRepr: boolean): string {
  const text = dims.length === 0 ? numpyScalarRepr(dtype, data, 0) : isRepr ? numpyRepr(dtype, dims, data) : numpyStr(dtype, dims, data);
  return text.includes('\n') ? '\n' + text : text;
}

/** `<tf.Tensor: shape=(3,), dtype=float32, numpy=array([...], dtype=float32)>` */
export function tfRepr(dtype: DType, dims: readonly number[], data: TensorData): string {
  return `<tf.Tensor: shape=${pyTuple(dims)}, dtype=${dtype}, numpy=${numpyText(dtype, dims, data, true)}>`;
}

/** `tf.Tensor([9.61084  7.59375  8.542969], shape=(3,), dtype=float32)` */
export function tfStr(dtype: DType, dims: readonly number[], data: TensorData): string {
  return `tf.Tensor(${numpyText(dtype, dims, data, false)}, shape=${pyTuple(dims)}, dtype=${dtype})`;
}

/** `<tf.Variable 'kernel:0' shape=(2, 1) dtype=float32, numpy=...>` (only one comma, before numpy=). */
export function tfVariableRepr(name: string, dtype: DType, dims: readonly number[], data: TensorData): string {
  return `<tf.Variable '${name}' shape=${pyTuple(dims)} dtype=${dtype}, numpy=${numpyText(dtype, dims, data, true)}>`;
}

/** f-string of a TF tensor: `format(t, '')` is numpy's str of the value. */
export function tfFormat(dtype: DType, dims: readonly number[], data: TensorData): string {
  return numpyStr(dtype, dims, data);
}
