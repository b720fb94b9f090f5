{
  "targets": [
    {
      "target_name": "tensorgrad_native",
      "sources": [
        "native/tensorgrad.c",
        "native/args.c",
        "native/kernels.c",
        "native/grad_kernels.c",
        "native/parallel.c",
        "native/elementwise.c",
        "native/norm.c",
        "native/sort.c",
        "native/lapack.c",
        "native/optim.c",
        "native/im2col.c",
        "native/conv.c",
        "native/conv_direct.c",
        "native/pool.c",
        "native/fft.c",
        "native/rnn.c"
      ],
      "include_dirs": ["/usr/include/x86_64-linux-gnu", "/usr/include/openblas"],
      "libraries": ["-lopenblas", "-lpthread", "-lm"],
      "cflags": ["-O3", "-std=c11", "-fno-math-errno", "-fno-trapping-math", "-ffp-contract=off", "-Wall"],
      "cflags!": ["-O2"],
      "conditions": [
        ["target_arch=='x64'", { "cflags": ["-march=x86-64-v2"] }],
        ["OS=='mac'", {
          "libraries!": ["-lopenblas"],
          "libraries": ["-framework Accelerate"],
          "xcode_settings": {
            "OTHER_CFLAGS": ["-O3", "-std=c11", "-fno-math-errno", "-fno-trapping-math", "-ffp-contract=off"]
          }
        }]
      ]
    }
  ]
}
