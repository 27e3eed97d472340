// The print options the printers read: NumPy's (np.set_printoptions; JAX and TensorFlow print their
// arrays through NumPy, so they read these too) and PyTorch's (torch.set_printoptions). The facades
// change them (src/api/printoptions.ts); the printers only read.

export type FloatMode = 'fixed' | 'unique' | 'maxprec' | 'maxprec_equal';

export interface NumpyPrintOptions {
  edgeitems: number;
  threshold: number;
  floatmode: FloatMode;
  precision: number;
  suppress: boolean;
  linewidth: number;
  nanstr: string;
  infstr: string;
}

export const NUMPY_PRINT_DEFAULTS: Readonly<NumpyPrintOptions> = Object.freeze({
  edgeitems: 3, threshold: 1000, floatmode: 'maxprec', precision: 8, suppress: false, linewidth: 75, nanstr: 'nan', infstr: 'inf',
});

/** The options in force (mutated in place by the facades). */
export const numpyPrint: NumpyPrintOptions = { ...NUMPY_PRINT_DEFAULTS };

export interface TorchPrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  /** null: scientific notation when the values call for it, as PyTorch decides. */
  sci_mode: boolean | null;
}

export const TORCH_PRINT_DEFAULTS: Readonly<TorchPrintOptions> = Object.freeze({
  precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sci_mode: null,
});

export const torchPrint: TorchPrintOptions = { ...TORCH_PRINT_DEFAULTS };
