/* The kernels for x86-64-v3: AVX2, FMA, BMI1 and BMI2 (Intel from Haswell, AMD from Excavator and Zen); a lane
 * vector is two 256-bit registers. */
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("arch=x86-64-v3"))), apply_to = function)
#define NN_FMA(a, b, c) __builtin_elementwise_fma((a), (b), (c))
#define NN_FUSES_PRODUCTS 1
#define NN_FMA1(a, b, c) __builtin_fma((a), (b), (c))
#define NN_TABLE_NAME NNKernelTableX8664V3
#define NN_TABLE_LABEL "x86-64-v3"
#define NN_TABLE_DESCRIPTION "AVX2 and FMA"
#define NN_INSTRUCTION_SET NN_X86_64_V3
#include "KernelBody.h"

/* The single-sample step for x86-64-v4's table too (see KernelsX8664V4.c). */
double NNKernelsX8664V3SingleSample(const NNKernelStage *stages, long stageCount, const double *input,
                                    const double *target, int loss, double scale, int lossDerivative, double *work) {
  return singleSample(stages, stageCount, input, target, loss, scale, lossDerivative, work);
}
#pragma clang attribute pop
#endif
