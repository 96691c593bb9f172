#include "CNNKernels.h"

/* The kernels for x86-64-v4: AVX-512 (F, CD, BW, DQ, VL) with everything of x86-64-v3; a lane vector is one
 * 512-bit register. */
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("arch=x86-64-v4"))), apply_to = function)
#define NN_FMA(a, b, c) __builtin_elementwise_fma((a), (b), (c))
#define NN_FUSES_PRODUCTS 1
#define NN_FMA1(a, b, c) __builtin_fma((a), (b), (c))
#define NN_TABLE_NAME NNKernelTableX8664V4
#define NN_TABLE_LABEL "x86-64-v4"
#define NN_TABLE_DESCRIPTION "AVX-512"
#define NN_INSTRUCTION_SET NN_X86_64_V4
/* The single-sample step (batch size 1) is x86-64-v3's, on 256-bit vectors: its vectors are few and its work a chain
 * of dependent operations, and on an AMD EPYC with AVX-512 (Zen 5) the 512-bit build of it made online training on
 * iris (4-12-6-3 sigmoid) 9% slower (5.35 M against 5.85 M samples/s), while the lane kernels gain 2x from
 * 512-bit vectors. The results are the same to the bit. */
double NNKernelsX8664V3SingleSample(const NNKernelStage *stages, long stageCount, const double *input,
                                    const double *target, int loss, double scale, int lossDerivative, double *work);
#define NN_TABLE_SINGLE_SAMPLE NNKernelsX8664V3SingleSample
#include "KernelBody.h"
#pragma clang attribute pop
#endif
