// glibc's log (sysdeps/ieee754/dbl-64/e_log.c, ARM's optimized-routines algorithm) in the variant x86-64
// glibc runs on CPUs with FMA: PyTorch's CPU kernels call it (exponential_ draws -log(1 - u) with it), and
// JavaScript's Math.log differs from it in the last bit of ~7% of results (so do xlogy, entr, logit and
// the special functions of cephes.ts, which call it for doubles). Tables from __log_data.
import { fma } from "./fma.js";

const bits = new DataView(new ArrayBuffer(8));
const fromBits = (hex: string): number => {
  bits.setBigUint64(0, BigInt(`0x${hex}`));
  return bits.getFloat64(0);
};

/** __log_data.tab: (invc, logc) for each of the 128 subintervals of [OFF, 2 OFF). */
const TAB = [
  "3ff734f0c3e0de9f",
  "bfd7cc7f79e69000",
  "3ff713786a2ce91f",
  "bfd76feec20d0000",
  "3ff6f26008fab5a0",
  "bfd713e31351e000",
  "3ff6d1a61f138c7d",
  "bfd6b85b38287800",
  "3ff6b1490bc5b4d1",
  "bfd65d5590807800",
  "3ff69147332f0cba",
  "bfd602d076180000",
  "3ff6719f18224223",
  "bfd5a8ca86909000",
  "3ff6524f99a51ed9",
  "bfd54f4356035000",
  "3ff63356aa8f24c4",
  "bfd4f637c36b4000",
  "3ff614b36b9ddc14",
  "bfd49da7fda85000",
  "3ff5f66452c65c4c",
  "bfd445923989a800",
  "3ff5d867b5912c4f",
  "bfd3edf439b0b800",
  "3ff5babccb5b90de",
  "bfd396ce448f7000",
  "3ff59d61f2d91a78",
  "bfd3401e17bda000",
  "3ff5805612465687",
  "bfd2e9e2ef468000",
  "3ff56397cee76bd3",
  "bfd2941b3830e000",
  "3ff54725e2a77f93",
  "bfd23ec58cda8800",
  "3ff52aff42064583",
  "bfd1e9e129279000",
  "3ff50f22dbb2bddf",
  "bfd1956d2b48f800",
  "3ff4f38f4734ded7",
  "bfd141679ab9f800",
  "3ff4d843cfde2840",
  "bfd0edd094ef9800",
  "3ff4bd3ec078a3c8",
  "bfd09aa518db1000",
  "3ff4a27fc3e0258a",
  "bfd047e65263b800",
  "3ff4880524d48434",
  "bfcfeb224586f000",
  "3ff46dce1b192d0b",
  "bfcf474a7517b000",
  "3ff453d9d3391854",
  "bfcea4443d103000",
  "3ff43a2744b4845a",
  "bfce020d44e9b000",
  "3ff420b54115f8fb",
  "bfcd60a22977f000",
  "3ff40782da3ef4b1",
  "bfccc00104959000",
  "3ff3ee8f5d57fe8f",
  "bfcc202956891000",
  "3ff3d5d9a00b4ce9",
  "bfcb81178d811000",
  "3ff3bd60c010c12b",
  "bfcae2c9ccd3d000",
  "3ff3a5242b75dab8",
  "bfca45402e129000",
  "3ff38d22cd9fd002",
  "bfc9a877681df000",
  "3ff3755bc5847a1c",
  "bfc90c6d69483000",
  "3ff35dce49ad36e2",
  "bfc87120a645c000",
  "3ff34679984dd440",
  "bfc7d68fb4143000",
  "3ff32f5cceffcb24",
  "bfc73cb83c627000",
  "3ff3187775a10d49",
  "bfc6a39a9b376000",
  "3ff301c8373e3990",
  "bfc60b3154b7a000",
  "3ff2eb4ebb95f841",
  "bfc5737d76243000",
  "3ff2d50a0219a9d1",
  "bfc4dc7b8fc23000",
  "3ff2bef9a8b7fd2a",
  "bfc4462c51d20000",
  "3ff2a91c7a0c1bab",
  "bfc3b08abc830000",
  "3ff293726014b530",
  "bfc31b996b490000",
  "3ff27dfa5757a1f5",
  "bfc2875490a44000",
  "3ff268b39b1d3bbf",
  "bfc1f3b9f879a000",
  "3ff2539d838ff5bd",
  "bfc160c8252ca000",
  "3ff23eb7aac9083b",
  "bfc0ce7f57f72000",
  "3ff22a012ba940b6",
  "bfc03cdc49fea000",
  "3ff2157996cc4132",
  "bfbf57bdbc4b8000",
  "3ff201201dd2fc9b",
  "bfbe370896404000",
  "3ff1ecf4494d480b",
  "bfbd17983ef94000",
  "3ff1d8f5528f6569",
  "bfbbf9674ed8a000",
  "3ff1c52311577e7c",
  "bfbadc79202f6000",
  "3ff1b17c74cb26e9",
  "bfb9c0c3e7288000",
  "3ff19e010c2c1ab6",
  "bfb8a646b372c000",
  "3ff18ab07bb670bd",
  "bfb78d01b3ac0000",
  "3ff1778a25efbcb6",
  "bfb674f145380000",
  "3ff1648d354c31da",
  "bfb55e0e6d878000",
  "3ff151b990275fdd",
  "bfb4485cdea1e000",
  "3ff13f0ea432d24c",
  "bfb333d94d6aa000",
  "3ff12c8b7210f9da",
  "bfb22079f8c56000",
  "3ff11a3028ecb531",
  "bfb10e4698622000",
  "3ff107fbda8434af",
  "bfaffa6c6ad20000",
  "3ff0f5ee0f4e6bb3",
  "bfadda8d4a774000",
  "3ff0e4065d2a9fce",
  "bfabbcece4850000",
  "3ff0d244632ca521",
  "bfa9a1894012c000",
  "3ff0c0a77ce2981a",
  "bfa788583302c000",
  "3ff0af2f83c636d1",
  "bfa5715e67d68000",
  "3ff09ddb98a01339",
  "bfa35c8a49658000",
  "3ff08cabaf52e7df",
  "bfa149e364154000",
  "3ff07b9f2f4e28fb",
  "bf9e72c082eb8000",
  "3ff06ab58c358f19",
  "bf9a55f152528000",
  "3ff059eea5ecf92c",
  "bf963d62cf818000",
  "3ff04949cdd12c90",
  "bf9228fb8caa0000",
  "3ff038c6c6f0ada9",
  "bf8c317b20f90000",
  "3ff02865137932a9",
  "bf8419355daa0000",
  "3ff0182427ea7348",
  "bf781203c2ec0000",
  "3ff008040614b195",
  "bf60040979240000",
  "3fefe01ff726fa1a",
  "3f6feff384900000",
  "3fefa11cc261ea74",
  "3f87dc41353d0000",
  "3fef6310b081992e",
  "3f93cea3c4c28000",
  "3fef25f63ceeadcd",
  "3f9b9fc114890000",
  "3feee9c8039113e7",
  "3fa1b0d8ce110000",
  "3feeae8078cbb1ab",
  "3fa58a5bd001c000",
  "3fee741aa29d0c9b",
  "3fa95c8340d88000",
  "3fee3a91830a99b5",
  "3fad276aef578000",
  "3fee01e009609a56",
  "3fb07598e598c000",
  "3fedca01e577bb98",
  "3fb253f5e30d2000",
  "3fed92f20b7c9103",
  "3fb42edd8b380000",
  "3fed5cac66fb5cce",
  "3fb606598757c000",
  "3fed272caa5ede9d",
  "3fb7da76356a0000",
  "3fecf26e3e6b2ccd",
  "3fb9ab434e1c6000",
  "3fecbe6da2a77902",
  "3fbb78c7bb0d6000",
  "3fec8b266d37086d",
  "3fbd431332e72000",
  "3fec5894bd5d5804",
  "3fbf0a3171de6000",
  "3fec26b533bb9f8c",
  "3fc067152b914000",
  "3febf583eeece73f",
  "3fc147858292b000",
  "3febc4fd75db96c1",
  "3fc2266ecdca3000",
  "3feb951e0c864a28",
  "3fc303d7a6c55000",
  "3feb65e2c5ef3e2c",
  "3fc3dfc33c331000",
  "3feb374867c9888b",
  "3fc4ba366b7a8000",
  "3feb094b211d304a",
  "3fc5933928d1f000",
  "3feadbe885f2ef7e",
  "3fc66acd2418f000",
  "3feaaf1d31603da2",
  "3fc740f8ec669000",
  "3fea82e63fd358a7",
  "3fc815c0f51af000",
  "3fea5740ef09738b",
  "3fc8e92954f68000",
  "3fea2c2a90ab4b27",
  "3fc9bb3602f84000",
  "3fea01a01393f2d1",
  "3fca8bed1c2c0000",
  "3fe9d79f24db3c1b",
  "3fcb5b515c01d000",
  "3fe9ae2505c7b190",
  "3fcc2967ccbcc000",
  "3fe9852ef297ce2f",
  "3fccf635d5486000",
  "3fe95cbaeea44b75",
  "3fcdc1bd3446c000",
  "3fe934c69de74838",
  "3fce8c01b8cfe000",
  "3fe90d4f2f6752e6",
  "3fcf5509c0179000",
  "3fe8e6528effd79d",
  "3fd00e6c121fb800",
  "3fe8bfce9fcc007c",
  "3fd071b80e93d000",
  "3fe899c0dabec30e",
  "3fd0d46b9e867000",
  "3fe87427aa2317fb",
  "3fd13687334bd000",
  "3fe84f00acb39a08",
  "3fd1980d67234800",
  "3fe82a49e8653e55",
  "3fd1f8ffe0cc8000",
  "3fe8060195f40260",
  "3fd2595fd7636800",
  "3fe7e22563e0a329",
  "3fd2b9300914a800",
  "3fe7beb377dcb5ad",
  "3fd3187210436000",
  "3fe79baa679725c2",
  "3fd377266dec1800",
  "3fe77907f2170657",
  "3fd3d54ffbaf3000",
  "3fe756cadbd6130c",
  "3fd432eee32fe000",
].map(fromBits);
const LN2_HI = fromBits("3fe62e42fefa3800");
const LN2_LO = fromBits("3d2ef35793c76730");
const A = [
  "bfe0000000000001",
  "3fd555555551305b",
  "bfcfffffffeb4590",
  "3fc999b324f10111",
  "bfc55575e506c89f",
].map(fromBits);
const B = [
  "bfe0000000000000",
  "3fd5555555555577",
  "bfcffffffffffdcb",
  "3fc999999995dd0c",
  "bfc55555556745a7",
  "3fc24924a344de30",
  "bfbfffffa4423d65",
  "3fbc7184282ad6ca",
  "bfb999eb43b068ff",
  "3fb78182f7afd085",
  "bfb5521375d145cd",
].map(fromBits);

const OFF = 0x3fe6000000000000n;

/** log(x) as glibc computes it (its special cases: NaN below 0, -inf at 0, inf at inf). */
export function glibcLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  if (x > 1 - 0.0625 && x < 1 + 0.064697265625) {
    if (x === 1) return 0;
    const r = x - 1;
    const r2 = r * r;
    const r3 = r * r2;
    // GCC contracts each multiply-add of this branch into an fma in glibc's FMA build.
    const inner = fma(r3, B[10], fma(r2, B[9], fma(r, B[8], B[7])));
    const middle = fma(r3, inner, fma(r2, B[6], fma(r, B[5], B[4])));
    const outer = fma(r3, middle, fma(r2, B[3], fma(r, B[2], B[1])));
    const w0 = r * 134217728;
    const rhi = r + w0 - w0;
    const rlo = r - rhi;
    const w = rhi * rhi * B[0];
    const hi = r + w;
    let lo = r - hi + w;
    lo = fma(B[0] * rlo, rhi + r, lo);
    const y = fma(r3, outer, lo) + hi;
    return y;
  }
  bits.setFloat64(0, x);
  let ix = bits.getBigUint64(0);
  if (x < 2 ** -1022) {
    bits.setFloat64(0, x * 2 ** 52);
    ix = bits.getBigUint64(0) - (52n << 52n);
  }
  const tmp = ix - OFF;
  const i = Number((tmp >> 45n) & 127n);
  const k = Number(BigInt.asIntN(64, tmp) >> 52n);
  bits.setBigUint64(0, ix - (tmp & (0xfffn << 52n)));
  const z = bits.getFloat64(0);
  const invc = TAB[2 * i];
  const logc = TAB[2 * i + 1];
  const r = fma(z, invc, -1);
  const w = k * LN2_HI + logc;
  const hi = w + r;
  const lo = w - hi + r + k * LN2_LO;
  const r2 = r * r;
  return lo + r2 * A[0] + r * r2 * (A[1] + r * A[2] + r2 * (A[3] + r * A[4])) + hi;
}
