// The erf and erf_inv approximations XLA compiles for jax.random.normal and truncated_normal
// (Giles' single-precision erfinv polynomial, the double one with three ranges, Cephes' erf), in the
// operation order XLA emits them. XLA's CPU backend fuses each multiply-add into one FMA.

import { f32, fma32 } from './float32.js';
import * as libm from './libm.js';

/** How the float32 pieces are evaluated (tests can switch them). */
export const XLA_F32 = {
  /** Multiply-adds fused into FMA instructions. */
  fma: true,
  /** log1p: XLA's Cephes rational below sqrt(2) - 1 and log(1 + x) above, or a correctly rounded one. */
  log1p: 'xla' as 'xla' | 'cr',
};

const madd = (a: number, b: number, c: number): number => (XLA_F32.fma ? fma32(a, b, c) : f32(f32(a * b) + c));

const LOG1P_NUM = [4.5270000862445199635215e-5, 4.9854102823193375972212e-1, 6.5787325942061044846969e0,
  2.9911919328553073277375e1, 6.0949667980987787057556e1, 5.7112963590585538103336e1, 2.0039553499201281259648e1].map(f32);
const LOG1P_DEN = [1, 1.5062909083469192043167e1, 8.3047565967967209469434e1, 2.2176239823732856465394e2,
  3.0909872225312059774938e2, 2.1642788614495947685003e2, 6.0118660497603843919306e1].map(f32);

function poly32(x: number, c: readonly number[]): number {
  let p = 0;
  for (const k of c) p = madd(p, x, k);
  return p;
}

/** XLA's emitted log1p for float32. */
export function log1p32(x: number): number {
  if (XLA_F32.log1p === 'cr') return libm.log1pf(x);
  if (Math.abs(x) < 0.41421356237309504880) {
    const x2 = f32(x * x);
    let r = f32(poly32(x, LOG1P_NUM) / poly32(x, LOG1P_DEN));
    r = f32(f32(x * x2) * r);
    r = madd(-0.5, x2, r);
    return f32(x + r);
  }
  return libm.logf(f32(x + 1));
}

const ERFINV_LT5 = [2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087,
  -0.00125372503, -0.00417768164, 0.246640727, 1.50140941].map(f32);
const ERFINV_GE5 = [-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773,
  -0.0076224613, 0.00943887047, 1.00167406, 2.83297682].map(f32);

/** ErfInv32: w = -log1p(-x^2); a degree-8 polynomial in w - 2.5 (w < 5) or sqrt(w) - 3. */
export function erfInv32(x: number): number {
  if (Math.abs(x) === 1) return x * 3.4028234663852886e38;
  let w = -log1p32(f32(-x * x));
  const lt = w < 5;
  const c = lt ? ERFINV_LT5 : ERFINV_GE5;
  w = lt ? f32(w - 2.5) : f32(f32(Math.sqrt(w)) - 3);
  let p = c[0];
  for (let i = 1; i < 9; i++) p = madd(p, w, c[i]);
  return f32(p * x);
}

const ERFINV64_A = [-3.6444120640178196996e-21, -1.685059138182016589e-19, 1.2858480715256400167e-18,
  1.115787767802518096e-17, -1.333171662854620906e-16, 2.0972767875968561637e-17, 6.6376381343583238325e-15,
  -4.0545662729752068639e-14, -8.1519341976054721522e-14, 2.6335093153082322977e-12, -1.2975133253453532498e-11,
  -5.4154120542946279317e-11, 1.051212273321532285e-09, -4.1126339803469836976e-09, -2.9070369957882005086e-08,
  4.2347877827932403518e-07, -1.3654692000834678645e-06, -1.3882523362786468719e-05, 0.0001867342080340571352,
  -0.00074070253416626697512, -0.0060336708714301490533, 0.24015818242558961693, 1.6536545626831027356];
const ERFINV64_B = [2.2137376921775787049e-09, 9.0756561938885390979e-08, -2.7517406297064545428e-07,
  1.8239629214389227755e-08, 1.5027403968909827627e-06, -4.013867526981545969e-06, 2.9234449089955446044e-06,
  1.2475304481671778723e-05, -4.7318229009055733981e-05, 6.8284851459573175448e-05, 2.4031110387097893999e-05,
  -0.0003550375203628474796, 0.00095328937973738049703, -0.0016882755560235047313, 0.0024914420961078508066,
  -0.0037512085075692412107, 0.005370914553590063617, 1.0052589676941592334, 3.0838856104922207635];
const ERFINV64_C = [-2.7109920616438573243e-11, -2.5556418169965252055e-10, 1.5076572693500548083e-09,
  -3.7894654401267369937e-09, 7.6157012080783393804e-09, -1.4960026627149240478e-08, 2.9147953450901080826e-08,
  -6.7711997758452339498e-08, 2.2900482228026654717e-07, -9.9298272942317002539e-07, 4.5260625972231537039e-06,
  -1.9681778105531670567e-05, 7.5995277030017761139e-05, -0.00021503011930044477347, -0.00013871931833623122026,
  1.0103004648645343977, 4.8499064014085844221];

function fma64(a: number, b: number, c: number): number {
  if (!XLA_F32.fma) return a * b + c;
  const p = a * b;
  const S = 134217729;
  let t = S * a;
  const ah = t - (t - a), al = a - ah;
  t = S * b;
  const bh = t - (t - b), bl = b - bh;
  const pe = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  const s = p + c, bb = s - p;
  return s + (((p - (s - bb)) + (c - bb)) + pe);
}

/** ErfInv64: Giles' double-precision approximation, three ranges of w = -log1p(-x^2). */
export function erfInv64(x: number): number {
  if (Math.abs(x) === 1) return x * Number.MAX_VALUE;
  let w = -libm.log1p(-x * x);
  const c = w < 6.25 ? ERFINV64_A : w < 16 ? ERFINV64_B : ERFINV64_C;
  w = w < 6.25 ? w - 3.125 : Math.sqrt(w) - (w < 16 ? 3.25 : 5);
  let p = c[0];
  for (let i = 1; i < c.length; i++) p = fma64(p, w, c[i]);
  return p * x;
}

const ERF_ALPHA = [0.00022905065861350646, 0.0034082910107109506, 0.050955695062380861, 0.18520832239976145, 1.128379143519084].map(f32);
const ERF_BETA = [-1.1791602954361697e-7, 0.000023547966471313185, 0.0010179625278914885, 0.014070470171167667,
  0.11098505178285362, 0.49746925110067538, 1].map(f32);

/** ErfImpl32: a rational approximation on x clamped to +-erfinv(1 - 2^-23). */
export function erf32(x: number): number {
  const c = f32(3.7439211627767994);
  x = Math.min(Math.max(x, -c), c);
  const x2 = f32(x * x);
  return f32(f32(x * poly32(x2, ERF_ALPHA)) / poly32(x2, ERF_BETA));
}

const ERF64_T = [9.60497373987051638749e0, 9.00260197203842689217e1, 2.23200534594684319226e3, 7.00332514112805075473e3, 5.55923013010394962768e4];
const ERF64_U = [1, 3.35617141647503099647e1, 5.21357949780152679795e2, 4.59432382970980127987e3, 2.26290000613890934246e4, 4.92673942608635921086e4];
const ERFC64_P = [2.46196981473530512524e-10, 5.64189564831068821977e-1, 7.46321056442269912687e0, 4.86371970985681366614e1,
  1.96520832956077098242e2, 5.26445194995477358631e2, 9.34528527171957607540e2, 1.02755188689515710272e3, 5.57535335369399327526e2];
const ERFC64_Q = [1, 1.32281951154744992508e1, 8.67072140885989742329e1, 3.54937778887819891062e2, 9.75708501743205489753e2,
  1.82390916687909736289e3, 2.24633760818710981792e3, 1.65666309194161350182e3, 5.57535340817727675546e2];
const ERFC64_R = [5.64189583547755073984e-1, 1.27536670759978104416e0, 5.01905042251180477414e0, 6.16021097993053585195e0, 7.40974269950448939160e0, 2.97886665372100240670e0];
const ERFC64_S = [1, 2.26052863220117276590e0, 9.39603524938001434673e0, 1.20489539808096656605e1, 1.70814450747565897222e1, 9.60896809063285878198e0, 3.36907645100081516050e0];

function poly64(x: number, c: readonly number[]): number {
  let p = 0;
  for (const k of c) p = fma64(p, x, k);
  return p;
}

/** Erf for doubles: Cephes' x T(x^2)/U(x^2) below 1, 1 - erfc above. */
export function erf64(x: number): number {
  if (Math.abs(x) < 1) {
    const z = x * x;
    return (x * poly64(z, ERF64_T)) / poly64(z, ERF64_U);
  }
  const z = -x * x;
  const a = Math.abs(x);
  const e = libm.exp(z);
  const y = a < 8 ? (e * poly64(a, ERFC64_P)) / poly64(a, ERFC64_Q) : (e * poly64(a, ERFC64_R)) / poly64(a, ERFC64_S);
  const yc = z < -7.09782712893383996843e2 ? 0 : y;
  return 1 - (x < 0 ? 2 - yc : yc);
}
