// Inputs of onednn_gelu_simd.test.ts: every 4099th float32 bit pattern (each exponent, both signs, subnormals,
// infinities, quiet and signalling NaNs) and the specials, at lengths that leave every AVX-512 / AVX2 tail.

/** The specials: zeros, the smallest subnormal, 1, the exp clamp's bounds and their neighbours, infinities, NaNs. */
const SPECIAL_BITS = [
  0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007fffff, 0x00800000, 0x3f800000, 0xbf800000, 0x42b17218,
  0x42b17217, 0x42b17219, 0xc2aeac50, 0xc2aeac4f, 0xc2aeac51, 0x41500000, 0xc1500000, 0x7f7fffff, 0xff7fffff,
  0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa12345, 0xff812345,
];

/** [name, x, g] triples; g cycles through ordinary values, zeros, a subnormal, an infinity and a NaN. */
export function geluSamples(): [string, Float32Array, Float32Array][] {
  const step = 4099;
  const words = new Uint32Array(Math.ceil(2 ** 32 / step) + SPECIAL_BITS.length);
  SPECIAL_BITS.forEach((b, i) => (words[i] = b));
  for (let i = SPECIAL_BITS.length, p = 0; i < words.length; i++, p += step) words[i] = p >>> 0;
  const x = new Float32Array(words.buffer);
  const gWords = [
    0x3f800000, 0xbf400000, 0x00000000, 0x80000000, 0x000116c2, 0x7f800000, 0x7fa12345, 0x40490fdb,
  ];
  const g = new Float32Array(new Uint32Array(x.length).map((_, i) => gWords[(i * 5 + (i >> 3)) % 8]).buffer);
  const cases: [string, Float32Array, Float32Array][] = [["all", x, g]];
  // Short runs: one block and a tail for each lane count, and a lone partial block.
  for (const n of [2, 7, 9, 15, 17, 31, 33]) cases.push([`n=${n}`, x.slice(0, n), g.slice(0, n)]);
  // 40 inputs with a NaN at 21: a finite block, a block that falls back to the scalar loop, then a tail.
  const mixed = x.slice(1000, 1040);
  mixed[21] = NaN;
  cases.push(["mixed blocks", mixed, g.slice(1000, 1040)]);
  return cases;
}
