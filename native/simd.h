/* SIMD_CLONES compiles a hot loop twice, for AVX2 + FMA (x86-64-v3) and the baseline, and picks one when the
   addon loads (GCC function multiversioning). The build's -ffp-contract=off keeps the two bit-identical:
   only explicit fmaf calls fuse, and fmaf rounds once on either path. */
#ifndef TENSORGRAD_SIMD_H
#define TENSORGRAD_SIMD_H
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define SIMD_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define SIMD_CLONES
#endif

/* Helpers a SIMD_CLONES function calls must be inlined into it: a separate copy would be compiled for the
   baseline only, where fmaf is a slow library call (softmax ran 6x slower that way). */
#define ALWAYS_INLINE inline __attribute__((always_inline))
#endif
