/* The float32 kernels for the compiler's default target (see KernelsBaseline.c): on x86-64, SSE2, a lane vector of
 * sixteen floats being four 128-bit registers, with a product rounded before each addition; elsewhere the default
 * target's fused multiply-add. */
#if defined(__x86_64__)
#define NN_FMA(a, b, c) ((a) * (b) + (c))
#define NN_FMA1(a, b, c) ((a) * (b) + (c))
#define NN_TABLE_LABEL "x86-64"
#define NN_TABLE_DESCRIPTION "SSE2"
#else
#define NN_FMA(a, b, c) __builtin_elementwise_fma((a), (b), (c))
#define NN_FMA1(a, b, c) __builtin_fmaf((a), (b), (c))
#if defined(__aarch64__)
#define NN_TABLE_LABEL "arm64"
#define NN_TABLE_DESCRIPTION "NEON"
#else
#define NN_TABLE_LABEL "generic"
#define NN_TABLE_DESCRIPTION "the compiler's default target"
#endif
#endif
#define NN_FLOAT_KERNELS 1
#define NN_INSTRUCTION_SET NN_BASELINE
#define NN_TABLE_NAME NNKernelFloatTableBaseline
#include "KernelBody.h"
