#include "CNNKernels.h"

/* The float32 kernels for x86-64-v4 (AVX-512 F, CD, BW, DQ, VL, with everything of x86-64-v3): a lane vector of
 * sixteen floats is one 512-bit register. */
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("arch=x86-64-v4"))), apply_to = function)
#define NN_FMA(a, b, c) __builtin_elementwise_fma((a), (b), (c))
#define NN_FMA1(a, b, c) __builtin_fmaf((a), (b), (c))
#define NN_FLOAT_KERNELS 1
#define NN_TABLE_NAME NNKernelFloatTableX8664V4
#define NN_TABLE_LABEL "x86-64-v4"
#define NN_TABLE_DESCRIPTION "AVX-512"
#define NN_INSTRUCTION_SET NN_X86_64_V4
#include "KernelBody.h"
#pragma clang attribute pop
#endif
