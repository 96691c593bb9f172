/* The kernels of one instruction set and one element type, and their table.
 *
 * Included once by each instruction set's file for float64 (`NNKernelTable`) and once by its float32 file
 * (`NNKernelFloatTable`, with NN_FLOAT_KERNELS defined), which first define NN_FMA(a, b, c) and NN_FMA1 (a b + c,
 * see KernelMath.h) with, for float64, NN_FUSES_PRODUCTS (1 when they fuse), NN_TABLE_NAME, NN_TABLE_LABEL,
 * NN_TABLE_DESCRIPTION and NN_INSTRUCTION_SET (and, to take another file's single-sample step,
 * NN_TABLE_SINGLE_SAMPLE), and apply their target to every function. The bodies are written once over `Scalar`,
 * `Lanes` and NN_LANES, which KernelMath.h (eight doubles) or KernelMathFloat.h (sixteen floats) define; a lane
 * vector is 64 bytes in both. Every loop walks a layer's units in blocks of eight, then one block of the remaining
 * one to seven, each block width a constant the compiler unrolls into registers (one accumulator per unit); sums
 * are taken in the same order whatever the block, so that results do not depend on the instruction set beyond the
 * fused multiply-add.
 */
#include "CNNKernels.h"
#include <sched.h>

/* The instruction set of the including file (NN_INSTRUCTION_SET, one of these): the target the pragma applies defines
 * no feature macro (no __AVX2__ or __AVX512F__ in these files), so each file states its own. */
#define NN_BASELINE 0
#define NN_X86_64_V3 3
#define NN_X86_64_V4 4
#ifndef NN_INSTRUCTION_SET
#error "the instruction set's file must define NN_INSTRUCTION_SET"
#endif
/* Whether the float64 file's NN_FMA fuses (1) or rounds the product first (0), stated beside NN_FMA; the float32
 * file of the same instruction set multiplies and adds the same way. */
#if !defined(NN_FLOAT_KERNELS) && !defined(NN_FUSES_PRODUCTS)
#error "the instruction set's float64 file must define NN_FUSES_PRODUCTS"
#endif

/* How many lane vectors (64 bytes) the vector registers hold, which sizes the blocks of sums the loops keep in
 * registers: 32 with AVX-512 (32 registers of 64 bytes), 8 with AVX2 (16 of 32 bytes), 4 for the baseline tables
 * (SSE2's 16 of 16 bytes; elsewhere the SSE2 choice, untuned). */
#if NN_INSTRUCTION_SET == NN_X86_64_V4
#define NN_REGISTER_LANES 32
#elif NN_INSTRUCTION_SET == NN_X86_64_V3
#define NN_REGISTER_LANES 8
#else
#define NN_REGISTER_LANES 4
#endif

#ifdef NN_FLOAT_KERNELS
#include "KernelMathFloat.h"
#else
#include "KernelMath.h"
#endif

/* Calls BLOCK(width, start) for blocks of `size` units (at most eight), then for one block of the rest, over
 * 0..<count; `width` is a constant in each call. */
#define NN_FOR_BLOCKS_OF(size, count, BLOCK)                                  \
  do {                                                                        \
    long blockStart = 0;                                                      \
    for (; (count) - blockStart >= (size); blockStart += (size)) BLOCK(size, blockStart); \
    switch ((count) - blockStart) {                                           \
    case 7: BLOCK(7, blockStart); break;                                      \
    case 6: BLOCK(6, blockStart); break;                                      \
    case 5: BLOCK(5, blockStart); break;                                      \
    case 4: BLOCK(4, blockStart); break;                                      \
    case 3: BLOCK(3, blockStart); break;                                      \
    case 2: BLOCK(2, blockStart); break;                                      \
    case 1: BLOCK(1, blockStart); break;                                      \
    default: break;                                                           \
    }                                                                         \
  } while (0)

/* Calls BLOCK(width, start) for blocks of eight units, then for one block of the remaining 1 to 7, over
 * 0..<count; `width` is a constant in each call. */
#define NN_FOR_BLOCKS(count, BLOCK) NN_FOR_BLOCKS_OF(8, count, BLOCK)

/* Calls BODY(activation) with the activation (`NNKernelActivation`) a constant in each case, so that each copy of
 * an inlined loop is compiled for one activation; an unknown code is the identity. */
#define NN_WITH_ACTIVATION(activation, BODY)                              \
  do {                                                                    \
    switch (activation) {                                                 \
    case NNKernelActivationSigmoid: BODY(NNKernelActivationSigmoid); break; \
    case NNKernelActivationTanh: BODY(NNKernelActivationTanh); break;     \
    case NNKernelActivationRectifier: BODY(NNKernelActivationRectifier); break; \
    case NNKernelActivationLeakyRectifier: BODY(NNKernelActivationLeakyRectifier); break; \
    case NNKernelActivationSwish: BODY(NNKernelActivationSwish); break;   \
    default: BODY(NNKernelActivationIdentity); break;                     \
    }                                                                     \
  } while (0)

/* Calls BODY(derivative) with the output derivative (`NNKernelOutputDerivative`) a constant in each case; an
 * unknown code is none. */
#define NN_WITH_OUTPUT_DERIVATIVE(derivative, BODY)                                   \
  do {                                                                                \
    switch (derivative) {                                                             \
    case NNKernelOutputDerivativeSigmoid: BODY(NNKernelOutputDerivativeSigmoid); break; \
    case NNKernelOutputDerivativeTanh: BODY(NNKernelOutputDerivativeTanh); break;     \
    case NNKernelOutputDerivativeRectifier: BODY(NNKernelOutputDerivativeRectifier); break; \
    default: BODY(NNKernelOutputDerivativeNone); break;                               \
    }                                                                                 \
  } while (0)

/* A kernel of the table: starts on a 64-byte boundary, so that a change to one kernel does not move another's
 * loops across fetch and cache-line boundaries. Without it, an unrelated 48-byte function placed before the dense
 * kernels moved iris and sphere training in float32 by +1.8% and -2.5% (AMD EPYC Zen 5, medians of 9 interleaved
 * runs). */
#define NN_KERNEL static __attribute__((aligned(64)))

#include "ActivationKernels.h"
#include "RowActivationKernels.h"
#include "DenseKernels.h"
#include "LossKernels.h"
#include "BatchKernels.h"
#ifdef NN_FLOAT_KERNELS

const NNKernelFloatTable NN_TABLE_NAME = {
    .name = NN_TABLE_LABEL,
    .description = NN_TABLE_DESCRIPTION,
    .denseForward = denseForward,
    .activationForward = activationForward,
    .activationBackward = activationBackward,
    .laneParameterGradients = laneParameterGradients,
    .rowParameterGradients = rowParameterGradients,
    .inputGradient = inputGradient,
    .squaredError = squaredError,
    .softmaxCrossEntropy = softmaxCrossEntropy,
    .gatherRows = gatherRows,
    .exponential = exponential,
    .laneParameterGradientsOfPart = laneParameterGradientsOfPart,
    .rowParameterGradientsOfPart = rowParameterGradientsOfPart,
    .rowBiasActivation = rowBiasActivation,
    .rowActivationGradientSums = rowActivationGradientSums,
};

#else

#include "SingleSampleKernel.h"

/* The table's single-sample step: this file's, unless the including file names another. */
#ifndef NN_TABLE_SINGLE_SAMPLE
#define NN_TABLE_SINGLE_SAMPLE singleSample
#endif

const NNKernelTable NN_TABLE_NAME = {
    .name = NN_TABLE_LABEL,
    .description = NN_TABLE_DESCRIPTION,
    .fusesProducts = NN_FUSES_PRODUCTS,
    .denseForward = denseForward,
    .activationForward = activationForward,
    .activationBackward = activationBackward,
    .laneParameterGradients = laneParameterGradients,
    .rowParameterGradients = rowParameterGradients,
    .inputGradient = inputGradient,
    .squaredError = squaredError,
    .softmaxCrossEntropy = softmaxCrossEntropy,
    .gatherRows = gatherRows,
    .drawBlocks = drawBlocks,
    .twist = twist,
    .singleSample = NN_TABLE_SINGLE_SAMPLE,
    .laneParameterGradientsOfPart = laneParameterGradientsOfPart,
    .rowParameterGradientsOfPart = rowParameterGradientsOfPart,
    .rowBiasActivation = rowBiasActivation,
    .rowActivationGradientSums = rowActivationGradientSums,
};

#endif
