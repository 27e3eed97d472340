// Every row of the op table, in one list (the facades, methods, help and the README inventory read it).
import { arrayRows } from './arrays.js';
import { convRows } from './conv.js';
import { laxRows } from './lax.js';
import { creationRows } from './creation.js';
import { elementwiseRows } from './elementwise.js';
import { linalgRows } from './linalg.js';
import { linalgDecompRows } from './linalg_decomp.js';
import { normRows } from './norms.js';
import { miscRows } from './misc.js';
import { nnRows } from './nn.js';
import { reductionRows } from './reductions.js';
import { shapeRows } from './shape.js';
import type { OpRow } from './types.js';

export const table: readonly OpRow[] = [
  ...creationRows, ...elementwiseRows, ...reductionRows, ...shapeRows, ...linalgRows, ...linalgDecompRows, ...normRows, ...nnRows, ...convRows, ...laxRows, ...miscRows, ...arrayRows,
];

export type { OpRow } from './types.js';
