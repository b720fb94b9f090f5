// glibc 2.36's double pow (e_pow.c, the -mfma build glibc picks on CPUs with FMA: its explicit fma calls and
// the multiply-adds the compiler contracts are written out as fma), which PyTorch's scalar float64 pow path
// calls. log_inline computes log(x) to about 68 bits from __pow_log_data, exp_inline finishes with exp's table.
import { fma } from "./fma.js";
import {
  C2,
  C3,
  C4,
  C5,
  EXP_TAB,
  EXP_TAB_DOUBLES,
  INV_LN2_N,
  NEG_LN2_HI_N,
  NEG_LN2_LO_N,
  SHIFT,
  fromWords,
} from "./glibc_d.js";

/** __pow_log_data.tab: (invc, logc, logctail) per subinterval of [OFF, 2 OFF), 64-bit hex. */
const LOG_TAB_HEX = [
  "3ff6a00000000000 bfd62c82f2b9c800 3cfab42428375680 3ff6800000000000 bfd5d1bdbf580800 bd1ca508d8e0f720",
  "3ff6600000000000 bfd5767717455800 bd2362a4d5b6506d 3ff6400000000000 bfd51aad872df800 bce684e49eb067d5",
  "3ff6200000000000 bfd4be5f95777800 bd041b6993293ee0 3ff6000000000000 bfd4618bc21c6000 3d13d82f484c84cc",
  "3ff5e00000000000 bfd404308686a800 3cdc42f3ed820b3a 3ff5c00000000000 bfd3a64c55694800 3d20b1c686519460",
  "3ff5a00000000000 bfd347dd9a988000 3d25594dd4c58092 3ff5800000000000 bfd2e8e2bae12000 3d267b1e99b72bd8",
  "3ff5600000000000 bfd2895a13de8800 3d15ca14b6cfb03f 3ff5600000000000 bfd2895a13de8800 3d15ca14b6cfb03f",
  "3ff5400000000000 bfd22941fbcf7800 bd165a242853da76 3ff5200000000000 bfd1c898c1699800 bd1fafbc68e75404",
  "3ff5000000000000 bfd1675cababa800 3d1f1fc63382a8f0 3ff4e00000000000 bfd1058bf9ae4800 bd26a8c4fd055a66",
  "3ff4c00000000000 bfd0a324e2739000 bd0c6bee7ef4030e 3ff4a00000000000 bfd0402594b4d000 bcf036b89ef42d7f",
  "3ff4a00000000000 bfd0402594b4d000 bcf036b89ef42d7f 3ff4800000000000 bfcfb9186d5e4000 3d0d572aab993c87",
  "3ff4600000000000 bfcef0adcbdc6000 3d2b26b79c86af24 3ff4400000000000 bfce27076e2af000 bd172f4f543fff10",
  "3ff4200000000000 bfcd5c216b4fc000 3d21ba91bbca681b 3ff4000000000000 bfcc8ff7c79aa000 3d27794f689f8434",
  "3ff4000000000000 bfcc8ff7c79aa000 3d27794f689f8434 3ff3e00000000000 bfcbc286742d9000 3d194eb0318bb78f",
  "3ff3c00000000000 bfcaf3c94e80c000 3cba4e633fcd9066 3ff3a00000000000 bfca23bc1fe2b000 bd258c64dc46c1ea",
  "3ff3a00000000000 bfca23bc1fe2b000 bd258c64dc46c1ea 3ff3800000000000 bfc9525a9cf45000 bd2ad1d904c1d4e3",
  "3ff3600000000000 bfc87fa06520d000 3d2bbdbf7fdbfa09 3ff3400000000000 bfc7ab890210e000 3d2bdb9072534a58",
  "3ff3400000000000 bfc7ab890210e000 3d2bdb9072534a58 3ff3200000000000 bfc6d60fe719d000 bd10e46aa3b2e266",
  "3ff3000000000000 bfc5ff3070a79000 bd1e9e439f105039 3ff3000000000000 bfc5ff3070a79000 bd1e9e439f105039",
  "3ff2e00000000000 bfc526e5e3a1b000 bd20de8b90075b8f 3ff2c00000000000 bfc44d2b6ccb8000 3d170cc16135783c",
  "3ff2c00000000000 bfc44d2b6ccb8000 3d170cc16135783c 3ff2a00000000000 bfc371fc201e9000 3cf178864d27543a",
  "3ff2800000000000 bfc29552f81ff000 bd248d301771c408 3ff2600000000000 bfc1b72ad52f6000 bd2e80a41811a396",
  "3ff2600000000000 bfc1b72ad52f6000 bd2e80a41811a396 3ff2400000000000 bfc0d77e7cd09000 3d0a699688e85bf4",
  "3ff2400000000000 bfc0d77e7cd09000 3d0a699688e85bf4 3ff2200000000000 bfbfec9131dbe000 bd2575545ca333f2",
  "3ff2000000000000 bfbe27076e2b0000 3d2a342c2af0003c 3ff2000000000000 bfbe27076e2b0000 3d2a342c2af0003c",
  "3ff1e00000000000 bfbc5e548f5bc000 bd1d0c57585fbe06 3ff1c00000000000 bfba926d3a4ae000 3d253935e85baac8",
  "3ff1c00000000000 bfba926d3a4ae000 3d253935e85baac8 3ff1a00000000000 bfb8c345d631a000 3d137c294d2f5668",
  "3ff1a00000000000 bfb8c345d631a000 3d137c294d2f5668 3ff1800000000000 bfb6f0d28ae56000 bd269737c93373da",
  "3ff1600000000000 bfb51b073f062000 3d1f025b61c65e57 3ff1600000000000 bfb51b073f062000 3d1f025b61c65e57",
  "3ff1400000000000 bfb341d7961be000 3d2c5edaccf913df 3ff1400000000000 bfb341d7961be000 3d2c5edaccf913df",
  "3ff1200000000000 bfb16536eea38000 3d147c5e768fa309 3ff1000000000000 bfaf0a30c0118000 3d2d599e83368e91",
  "3ff1000000000000 bfaf0a30c0118000 3d2d599e83368e91 3ff0e00000000000 bfab42dd71198000 3d1c827ae5d6704c",
  "3ff0e00000000000 bfab42dd71198000 3d1c827ae5d6704c 3ff0c00000000000 bfa77458f632c000 bd2cfc4634f2a1ee",
  "3ff0c00000000000 bfa77458f632c000 bd2cfc4634f2a1ee 3ff0a00000000000 bfa39e87b9fec000 3cf502b7f526feaa",
  "3ff0a00000000000 bfa39e87b9fec000 3cf502b7f526feaa 3ff0800000000000 bf9f829b0e780000 bd2980267c7e09e4",
  "3ff0800000000000 bf9f829b0e780000 bd2980267c7e09e4 3ff0600000000000 bf97b91b07d58000 bd288d5493faa639",
  "3ff0400000000000 bf8fc0a8b0fc0000 bcdf1e7cf6d3a69c 3ff0400000000000 bf8fc0a8b0fc0000 bcdf1e7cf6d3a69c",
  "3ff0200000000000 bf7fe02a6b100000 bd19e23f0dda40e4 3ff0200000000000 bf7fe02a6b100000 bd19e23f0dda40e4",
  "3ff0000000000000 0000000000000000 0000000000000000 3ff0000000000000 0000000000000000 0000000000000000",
  "3fefc00000000000 3f80101575890000 bd10c76b999d2be8 3fef800000000000 3f90205658938000 bd23dc5b06e2f7d2",
  "3fef400000000000 3f98492528c90000 bd2aa0ba325a0c34 3fef000000000000 3fa0415d89e74000 3d0111c05cf1d753",
  "3feec00000000000 3fa466aed42e0000 bd2c167375bdfd28 3fee800000000000 3fa894aa149fc000 bd197995d05a267d",
  "3fee400000000000 3faccb73cdddc000 bd1a68f247d82807 3fee200000000000 3faeea31c006c000 bd0e113e4fc93b7b",
  "3fede00000000000 3fb1973bd1466000 bd25325d560d9e9b 3feda00000000000 3fb3bdf5a7d1e000 3d2cc85ea5db4ed7",
  "3fed600000000000 3fb5e95a4d97a000 bd2c69063c5d1d1e 3fed400000000000 3fb700d30aeac000 3cec1e8da99ded32",
  "3fed000000000000 3fb9335e5d594000 3d23115c3abd47da 3fecc00000000000 3fbb6ac88dad6000 bd1390802bf768e5",
  "3feca00000000000 3fbc885801bc4000 3d2646d1c65aacd3 3fec600000000000 3fbec739830a2000 bd2dc068afe645e0",
  "3fec400000000000 3fbfe89139dbe000 bd2534d64fa10afd 3fec000000000000 3fc1178e8227e000 3d21ef78ce2d07f2",
  "3febe00000000000 3fc1aa2b7e23f000 3d2ca78e44389934 3feba00000000000 3fc2d1610c868000 3d039d6ccb81b4a1",
  "3feb800000000000 3fc365fcb0159000 3cc62fa8234b7289 3feb400000000000 3fc4913d8333b000 3d25837954fdb678",
  "3feb200000000000 3fc527e5e4a1b000 3d2633e8e5697dc7 3feae00000000000 3fc6574ebe8c1000 3d19cf8b2c3c2e78",
  "3feac00000000000 3fc6f0128b757000 bd25118de59c21e1 3feaa00000000000 3fc7898d85445000 bd1c661070914305",
  "3fea600000000000 3fc8beafeb390000 bd073d54aae92cd1 3fea400000000000 3fc95a5adcf70000 3d07f22858a0ff6f",
  "3fea000000000000 3fca93ed3c8ae000 bd28724350562169 3fe9e00000000000 3fcb31d8575bd000 bd0c358d4eace1aa",
  "3fe9c00000000000 3fcbd087383be000 bd2d4bc4595412b6 3fe9a00000000000 3fcc6ffbc6f01000 bcf1ec72c5962bd2",
  "3fe9600000000000 3fcdb13db0d49000 bd2aff2af715b035 3fe9400000000000 3fce530effe71000 3cc212276041f430",
  "3fe9200000000000 3fcef5ade4dd0000 bcca211565bb8e11 3fe9000000000000 3fcf991c6cb3b000 3d1bcbecca0cdf30",
  "3fe8c00000000000 3fd07138604d5800 3cf89cdb16ed4e91 3fe8a00000000000 3fd0c42d67616000 3d27188b163ceae9",
  "3fe8800000000000 3fd1178e8227e800 bd2c210e63a5f01c 3fe8600000000000 3fd16b5ccbacf800 3d2b9acdf7a51681",
  "3fe8400000000000 3fd1bf99635a6800 3d2ca6ed5147bdb7 3fe8200000000000 3fd214456d0eb800 3d0a87deba46baea",
  "3fe7e00000000000 3fd2bef07cdc9000 3d2a9cfa4a5004f4 3fe7c00000000000 3fd314f1e1d36000 bd28e27ad3213cb8",
  "3fe7a00000000000 3fd36b6776be1000 3d116ecdb0f177c8 3fe7800000000000 3fd3c25277333000 3d183b54b606bd5c",
  "3fe7600000000000 3fd419b423d5e800 3d08e436ec90e09d 3fe7400000000000 3fd4718dc271c800 bd2f27ce0967d675",
  "3fe7200000000000 3fd4c9e09e173000 bd2e20891b0ad8a4 3fe7000000000000 3fd522ae0738a000 3d2ebe708164c759",
  "3fe6e00000000000 3fd57bf753c8d000 3d1fadedee5d40ef 3fe6c00000000000 3fd5d5bddf596000 bd0a0b2a08a465dc",
].join(" ");
const LOG_TAB = new Float64Array(384);
{
  const words = new Int32Array(LOG_TAB.buffer);
  LOG_TAB_HEX.split(" ").forEach((h, i) => {
    words[2 * i + 1] = parseInt(h.slice(0, 8), 16) | 0;
    words[2 * i] = parseInt(h.slice(8), 16) | 0;
  });
}

const LN2_HI = 0x162e42fefa3800 / 2 ** 52 / 2;
const LN2_LO = 0x1ef35793c76730 / 2 ** 52 / 2 ** 45;
const A0 = -0.5;
const A1 = (0x1555555555556 / 2 ** 48 / 2 ** 2) * -2;
const A2 = (-0x10000000000006 / 2 ** 52 / 2 ** 2) * -2;
const A3 = (0x1999999959554e / 2 ** 52 / 2 ** 3) * 4;
const A4 = (-0x1555555529a47a / 2 ** 52 / 2 ** 3) * 4;
const A5 = (0x12495b9b4845e9 / 2 ** 52 / 2 ** 3) * -8;
const A6 = (-0x10002b8b263fc3 / 2 ** 52 / 2 ** 3) * -8;
const OFF = 0x3fe6955500000000n;

const word = new Float64Array(1);
const bits = new BigUint64Array(word.buffer);
const half = new Int32Array(word.buffer);
const asBits = (x: number): bigint => ((word[0] = x), bits[0]);
const asDouble = (b: bigint): number => ((bits[0] = b), word[0]);

let logTail = 0;
/** log of the double with bits ix (subnormals normalized) as the result plus logTail. */
function logInline(ix: bigint): number {
  const tmp = BigInt.asUintN(64, ix - OFF);
  const i = Number((tmp >> 45n) & 127n);
  const k = Number(BigInt.asIntN(64, tmp) >> 52n);
  const z = asDouble(ix - (tmp & (0xfffn << 52n)));
  const invc = LOG_TAB[3 * i];
  const logc = LOG_TAB[3 * i + 1];
  const logctail = LOG_TAB[3 * i + 2];
  const r = fma(z, invc, -1);
  const t1 = fma(k, LN2_HI, logc);
  const t2 = t1 + r;
  const lo1 = fma(k, LN2_LO, logctail);
  const lo2 = t1 - t2 + r;
  const ar = A0 * r;
  const ar2 = r * ar;
  const ar3 = r * ar2;
  const hi = t2 + ar2;
  const lo3 = fma(ar, r, -ar2);
  const lo4 = t2 - hi + ar2;
  const poly = fma(ar2, fma(ar2, fma(r, A6, A5), fma(r, A4, A3)), fma(r, A2, A1));
  const lo = fma(ar3, poly, lo1 + lo2 + lo3 + lo4);
  const y = hi + lo;
  logTail = hi - y + lo;
  return y;
}

/** exp_inline's specialcase: scale * (1 + tmp) where the scale's exponent over- or underflowed. */
function specialCase(tmp: number, hi: number, lo: number, k: number): number {
  if (k >= 0) {
    const scale = fromWords((hi - (1009 << 20)) | 0, lo);
    return 2 ** 1009 * fma(scale, tmp, scale);
  }
  const scale = fromWords((hi + (1022 << 20)) | 0, lo);
  const product = scale * tmp; // two uses in two blocks: not contracted
  let y = scale + product;
  if (Math.abs(y) < 1) {
    const one = y < 0 ? -1 : 1;
    let lo2 = scale - y + product;
    const hi2 = one + y;
    lo2 = one - hi2 + y + lo2;
    y = hi2 + lo2 - one;
    if (y === 0) y = hi + (1022 << 20) < 0 ? -0 : 0;
  }
  return 2 ** -1022 * y;
}

/** sign * exp(x + xtail). */
function expInline(x: number, xtail: number, negative: boolean): number {
  word[0] = x;
  const abstop = (half[1] >>> 20) & 0x7ff;
  let special = false;
  if ((abstop - 0x3c9) >>> 0 >= 0x408 - 0x3c9) {
    if (abstop < 0x3c9) return negative ? -(1 + x) : 1 + x;
    if (abstop >= 0x409) {
      const r = x < 0 ? 0 : Infinity;
      return negative ? -r : r;
    }
    special = true;
  }
  const kd = fma(INV_LN2_N, x, SHIFT) - SHIFT;
  const k = kd | 0;
  let r = fma(kd, NEG_LN2_LO_N, fma(kd, NEG_LN2_HI_N, x));
  r += xtail;
  const j = k & 127;
  const tail = EXP_TAB_DOUBLES[2 * j];
  const hi = (EXP_TAB[4 * j + 3] + (k << 13) + (negative ? 0x80000000 : 0)) | 0;
  const lo = EXP_TAB[4 * j + 2];
  const r2 = r * r;
  const tmp = fma(r2 * r2, fma(r, C5, C4), fma(r2, fma(r, C3, C2), tail + r));
  if (special) return specialCase(tmp, hi, lo, k);
  const scale = fromWords(hi, lo);
  return fma(scale, tmp, scale);
}

/** 0: y is not an integer, 1: odd, 2: even (for finite non-zero y). */
function checkint(y: number): 0 | 1 | 2 {
  if (!Number.isInteger(y)) return 0;
  if (Math.abs(y) >= 2 ** 53) return 2;
  return Math.abs(y % 2) === 1 ? 1 : 2;
}

const zeroInfNan = (v: number): boolean => v === 0 || !Number.isFinite(v);
const signBit = (v: number): boolean => v < 0 || Object.is(v, -0);

/** glibc's pow (the FMA build). */
export function pow(x: number, y: number): number {
  let negative = false;
  word[0] = x;
  let topx = half[1] >>> 20;
  word[0] = y;
  const topy = half[1] >>> 20;
  let ax = x;
  if ((topx - 1) >>> 0 >= 0x7ff - 1 || ((topy & 0x7ff) - 0x3be) >>> 0 >= 0x43e - 0x3be) {
    if (zeroInfNan(y)) {
      if (y === 0 || x === 1) return 1;
      if (Number.isNaN(x) || Number.isNaN(y)) return x + y;
      if (Math.abs(x) === 1) return 1;
      if (Math.abs(x) < 1 === !signBit(y)) return 0;
      return y * y;
    }
    if (zeroInfNan(x)) {
      let x2 = x * x;
      if (signBit(x) && checkint(y) === 1) x2 = -x2;
      return signBit(y) ? 1 / x2 : x2;
    }
    if (x < 0) {
      const yint = checkint(y);
      if (yint === 0) return NaN;
      negative = yint === 1;
      ax = -x;
      topx &= 0x7ff;
    }
    if (((topy & 0x7ff) - 0x3be) >>> 0 >= 0x43e - 0x3be) {
      if (ax === 1) return 1;
      if ((topy & 0x7ff) < 0x3be) return ax > 1 ? 1 + y : 1 - y;
      return ax > 1 === topy < 0x800 ? Infinity : 0;
    }
    if (topx === 0) {
      const ix = asBits(ax * 2 ** 52) - (52n << 52n);
      return finish(ix, y, negative);
    }
  }
  return finish(asBits(ax), y, negative);
}

function finish(ix: bigint, y: number, negative: boolean): number {
  const hi = logInline(ix);
  const lo = logTail;
  const ehi = y * hi;
  const elo = fma(y, lo, fma(y, hi, -ehi));
  return expInline(ehi, elo, negative);
}
