/* The float32 kernels for x86-64-v3 (AVX2, FMA, BMI1 and BMI2): a lane vector of sixteen floats is two 256-bit
 * registers. */
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("arch=x86-64-v3"))), apply_to = function)
#define NN_FMA(a, b, c) __builtin_elementwise_fma((a), (b), (c))
#define NN_FMA1(a, b, c) __builtin_fmaf((a), (b), (c))
#define NN_FLOAT_KERNELS 1
#define NN_TABLE_NAME NNKernelFloatTableX8664V3
#define NN_TABLE_LABEL "x86-64-v3"
#define NN_TABLE_DESCRIPTION "AVX2 and FMA"
#define NN_INSTRUCTION_SET NN_X86_64_V3
#include "KernelBody.h"
#pragma clang attribute pop
#endif
