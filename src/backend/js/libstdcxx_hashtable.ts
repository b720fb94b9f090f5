// libstdc++'s std::unordered_set<T> (bits/hashtable.h, hashtable_policy.h, src/c++11/hashtable_c++0x.cc and
// libsupc++/hash_bytes.cc, GCC 12), as far as the order it iterates in: PyTorch 1.13's CPU torch.unique puts
// the input in one and returns it in that order (sorted=False), or std::sort's order of it (sorted=True), which
// decides where NaNs land. Nodes form one singly-linked list; each bucket points at the node before its first;
// a node for an empty bucket goes to the front of the list; a rehash relinks the list in its own order.

/** std::__detail::__prime_list below 2^32 (the bucket counts of _Prime_rehash_policy). */
const PRIMES = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 103, 109,
  113, 127, 137, 139, 149, 157, 167, 179, 193, 199, 211, 227, 241, 257, 277, 293, 313, 337, 359, 383, 409,
  439, 467, 503, 541, 577, 619, 661, 709, 761, 823, 887, 953, 1031, 1109, 1193, 1289, 1381, 1493, 1613, 1741,
  1879, 2029, 2179, 2357, 2549, 2753, 2971, 3209, 3469, 3739, 4027, 4349, 4703, 5087, 5503, 5953, 6427, 6949,
  7517, 8123, 8783, 9497, 10273, 11113, 12011, 12983, 14033, 15173, 16411, 17749, 19183, 20753, 22447, 24281,
  26267, 28411, 30727, 33223, 35933, 38873, 42043, 45481, 49201, 53201, 57557, 62233, 67307, 72817, 78779,
  85229, 92203, 99733, 107897, 116731, 126271, 136607, 147793, 159871, 172933, 187091, 202409, 218971, 236897,
  256279, 277261, 299951, 324503, 351061, 379787, 410857, 444487, 480881, 520241, 562841, 608903, 658753,
  712697, 771049, 834181, 902483, 976369, 1056323, 1142821, 1236397, 1337629, 1447153, 1565659, 1693859,
  1832561, 1982627, 2144977, 2320627, 2510653, 2716249, 2938679, 3179303, 3439651, 3721303, 4026031, 4355707,
  4712381, 5098259, 5515729, 5967347, 6456007, 6984629, 7556579, 8175383, 8844859, 9569143, 10352717,
  11200489, 12117689, 13109983, 14183539, 15345007, 16601593, 17961079, 19431899, 21023161, 22744717,
  24607243, 26622317, 28802401, 31160981, 33712729, 36473443, 39460231, 42691603, 46187573, 49969847,
  54061849, 58488943, 63278561, 68460391, 74066549, 80131819, 86693767, 93793069, 101473717, 109783337,
  118773397, 128499677, 139022417, 150406843, 162723577, 176048909, 190465427, 206062531, 222936881,
  241193053, 260944219, 282312799, 305431229, 330442829, 357502601, 386778277, 418451333, 452718089,
  489790921, 529899637, 573292817, 620239453, 671030513, 725980837, 785430967, 849749479, 919334987,
  994618837, 1076067617, 1164186217, 1259520799, 1362662261, 1474249943, 1594975441, 1725587117, 1866894511,
  2019773507, 2185171673, 2364114217, 2557710269, 2767159799, 2993761039, 3238918481, 3504151727, 3791104843,
  4101556399, 4294967291,
];
/** _Prime_rehash_policy::_M_next_bkt's table for small requests. */
const FAST_BUCKETS = [2, 2, 2, 3, 5, 5, 7, 7, 11, 11, 11, 11, 13, 13];

const MASK64 = (1n << 64n) - 1n;
const MUL = (0xc6a4a793n << 32n) + 0x5bd1e995n;
const SEED = 0xc70f6907n;
const shiftMix = (v: bigint): bigint => v ^ (v >> 47n);

/** std::_Hash_bytes (64-bit MurmurHash2 variant) of little-endian bytes. */
function hashBytes(bytes: Uint8Array): bigint {
  const len = bytes.length;
  const aligned = len & ~7;
  let hash = (SEED ^ ((BigInt(len) * MUL) & MASK64)) & MASK64;
  for (let p = 0; p < aligned; p += 8) {
    let word = 0n;
    for (let b = 7; b >= 0; b--) word = (word << 8n) | BigInt(bytes[p + b]);
    const data = (shiftMix((word * MUL) & MASK64) * MUL) & MASK64;
    hash = ((hash ^ data) * MUL) & MASK64;
  }
  if ((len & 7) !== 0) {
    let data = 0n;
    for (let b = len - 1; b >= aligned; b--) data = (data << 8n) | BigInt(bytes[b]);
    hash = ((hash ^ data) * MUL) & MASK64;
  }
  hash = (shiftMix(hash) * MUL) & MASK64;
  return shiftMix(hash);
}

/** std::hash<T> for the element types: the value itself for integers, _Hash_bytes for floats (0 for ±0). */
export function stdHash(value: number, kind: "integer" | "float32" | "float64"): bigint {
  if (kind === "integer") return BigInt.asUintN(64, BigInt(value));
  if (value === 0) return 0n;
  const bytes = new Uint8Array(kind === "float32" ? 4 : 8);
  const view = new DataView(bytes.buffer);
  if (kind === "float32") view.setFloat32(0, value, true);
  else view.setFloat64(0, value, true);
  return hashBytes(bytes);
}

interface Link {
  next: HashNode | null;
}
interface HashNode extends Link {
  value: number;
  hash: bigint;
}

/** The insertion-ordered behaviour of std::unordered_set<T> built from a range, max_load_factor 1. */
export class UnorderedSet {
  private readonly beforeBegin: Link = { next: null };
  private buckets: (Link | null)[] = [null];
  private nextResize = 0;
  private count = 0;

  private bucketOf(node: HashNode, count = this.buckets.length): number {
    return Number(node.hash % BigInt(count));
  }

  /** _Prime_rehash_policy::_M_next_bkt. */
  private nextBucketCount(n: number): number {
    if (n < FAST_BUCKETS.length) {
      if (n === 0) return 1;
      this.nextResize = FAST_BUCKETS[n];
      return FAST_BUCKETS[n];
    }
    let lo = 6;
    let hi = PRIMES.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (PRIMES[mid] < n) lo = mid + 1;
      else hi = mid;
    }
    this.nextResize = PRIMES[lo];
    return PRIMES[lo];
  }

  /** _Prime_rehash_policy::_M_need_rehash for one more element: the new bucket count, or 0. */
  private needRehash(): number {
    const buckets = this.buckets.length;
    if (this.count + 1 <= this.nextResize) return 0;
    const minBuckets = Math.max(this.count + 1, this.nextResize ? 0 : 11);
    if (minBuckets >= buckets) return this.nextBucketCount(Math.max(minBuckets + 1, buckets * 2));
    this.nextResize = buckets;
    return 0;
  }

  /** _M_rehash_aux for unique keys: walks the list, sending each node to its new bucket's front. */
  private rehash(count: number): void {
    const buckets: (Link | null)[] = new Array<Link | null>(count).fill(null);
    let p = this.beforeBegin.next;
    this.beforeBegin.next = null;
    let beginBucket = 0;
    while (p) {
      const next = p.next;
      const b = this.bucketOf(p, count);
      const before = buckets[b];
      if (!before) {
        p.next = this.beforeBegin.next;
        this.beforeBegin.next = p;
        buckets[b] = this.beforeBegin;
        if (p.next) buckets[beginBucket] = p;
        beginBucket = b;
      } else {
        p.next = before.next;
        before.next = p;
      }
      p = next;
    }
    this.buckets = buckets;
  }

  /** insert(value): nothing when an equal value (==, so never a NaN) is in its bucket. */
  insert(value: number, hash: bigint): void {
    let b = Number(hash % BigInt(this.buckets.length));
    const before = this.buckets[b];
    if (before) {
      for (let p = before.next; p && this.bucketOf(p) === b; p = p.next) if (p.value === value) return;
    }
    const grow = this.needRehash();
    if (grow) {
      this.rehash(grow);
      b = Number(hash % BigInt(grow));
    }
    const node: HashNode = { value, hash, next: null };
    const first = this.buckets[b];
    if (first) {
      node.next = first.next;
      first.next = node;
    } else {
      node.next = this.beforeBegin.next;
      this.beforeBegin.next = node;
      if (node.next) this.buckets[this.bucketOf(node.next)] = node;
      this.buckets[b] = this.beforeBegin;
    }
    this.count++;
  }

  /** The values in iteration order. */
  values(): number[] {
    const out: number[] = [];
    for (let p = this.beforeBegin.next; p; p = p.next) out.push(p.value);
    return out;
  }
}
