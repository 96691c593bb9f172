/* The fused training kernel's inner loops, compiled for several instruction sets in one binary.
 *
 * Each entry of a `NNKernelTable` works on buffers in lane layout: a lane vector is eight doubles, lane `l` of
 * group `g` belonging to sample `8g + l`, and a batch of `N` rows of width `w` is `ceil(N/8) * w` lane vectors,
 * group after group, aligned to 16 bytes (64 is fastest). `NNKernelsSelect` returns the table for the instruction set it is asked for,
 * or the best one this CPU runs; the choice is made once per call and is never stored.
 *
 * On x86-64 there are three tables: `x86-64-v4` (AVX-512: one 512-bit register per lane vector), `x86-64-v3`
 * (AVX2 and FMA: two 256-bit registers) and `x86-64` (SSE2, which every x86-64 CPU has: four 128-bit registers).
 * The first two compute every result with the same operations and roundings, so they agree to the last bit; the
 * baseline has no fused multiply-add and rounds each product before adding it. On other architectures there is
 * one table, built for the compiler's default target with fused multiply-adds.
 */
#ifndef CNNKERNELS_H
#define CNNKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The activations whose passes the tables compute. */
typedef enum NNKernelActivation {
  NNKernelActivationIdentity = 0,
  /* sigma(x) = 1 / (1 + e^-x). */
  NNKernelActivationSigmoid = 1,
  /* tanh(x). */
  NNKernelActivationTanh = 2,
  /* max(x, 0). */
  NNKernelActivationRectifier = 3,
  /* x for x > 0, a x otherwise; `parameter` is the slope a. */
  NNKernelActivationLeakyRectifier = 4,
  /* x sigma(b x); `parameter` is b. */
  NNKernelActivationSwish = 5,
} NNKernelActivation;

/* An activation derivative computed from the activation's output y alone, applied by the pass that writes the
 * gradient with respect to y: sigmoid y (1 - y), tanh 1 - y y, rectifier (y > 0). */
typedef enum NNKernelOutputDerivative {
  NNKernelOutputDerivativeNone = 0,
  NNKernelOutputDerivativeSigmoid = 1,
  NNKernelOutputDerivativeTanh = 2,
  NNKernelOutputDerivativeRectifier = 3,
} NNKernelOutputDerivative;

/* One stage of a network for `NNKernelTable.singleSample`: a dense layer followed by an activation the kernels
 * know (`NNKernelActivationIdentity` for none), or such an activation alone. The parameters and their gradients are
 * reached through entries of a table of addresses that the caller fills before each call. */
typedef struct NNKernelStage {
  long inputWidth;
  long outputWidth;
  /* Whether the stage has a dense layer (else it is the activation alone, inputWidth == outputWidth). */
  int isDense;
  /* The activation (`NNKernelActivation`) and its parameter. */
  int activation;
  double parameter;
  /* Whether dL/dy reaches the stage already multiplied by its activation's derivative (applied by the next stage or
   * the loss), or the activation is the identity. */
  int upstreamIncludesDerivative;
  /* The derivative (`NNKernelOutputDerivative`) of the previous stage's activation, applied to dL/dx as it is
   * written. */
  int inputDerivative;
  /* W (inputWidth x outputWidth), b (NULL without a bias), dL/dW and dL/db. */
  double *const *weights;
  double *const *bias;
  double *const *weightGradient;
  double *const *biasGradient;
  /* How many doubles after the end of each of the stage's four matrices `singleSample` may read and write: at least
   * 8 lets it run layers narrower than eight units on whole vectors (a row's vector reaching into the next row,
   * which is written after it, and the last row's into this room, where it writes zeros); 0 keeps it inside. */
  long slack;
} NNKernelStage;

/* The losses `singleSample` evaluates. */
typedef enum NNKernelLoss {
  /* (p - t)^2 summed over the row; dL/dp = 2 scale (p - t). */
  NNKernelLossSquaredError = 0,
  /* log sum e^z - z weighted by the targets; dL/dz = scale (softmax(z) sum t - t). */
  NNKernelLossSoftmaxCrossEntropy = 1,
} NNKernelLoss;

/* The kernels of one instruction set. Lane buffers are `void *`; matrices are row-major doubles. */
typedef struct NNKernelTable {
  /* The instruction set: "x86-64-v4", "x86-64-v3", "x86-64", or the architecture's name. */
  const char *name;
  /* What it uses, for people: "AVX-512", "AVX2 and FMA", "SSE2", ... */
  const char *description;
  /* 1 when every a b + c of the kernels is one fused multiply-add (one rounding), 0 when the product is rounded
   * before the addition (the x86-64 baseline: SSE2 has no fused multiply-add); the float32 table of the same
   * instruction set does the same. */
  int fusesProducts;

  /* z = b + x W for every group: x is groups x inputWidth lane vectors, W inputWidth x outputWidth, b outputWidth
   * long or NULL, z receives groups x outputWidth lane vectors. */
  void (*denseForward)(const void *input, long inputWidth, const double *weights, const double *bias,
                       long outputWidth, void *preActivation, long groups);
  /* y = f(z) for `count` lane vectors (`output` may be `input`). */
  void (*activationForward)(int activation, double parameter, const void *input, void *output, long count);
  /* g = u f'(z, y) for `count` lane vectors (`target` may be `upstream`). */
  void (*activationBackward)(int activation, double parameter, const void *upstream, const void *input,
                             const void *output, void *target, long count);
  /* dL/dW[k][j] = sum over samples of x_k delta_j and dL/db[j] = sum of delta_j (biasGradient may be NULL), summed
   * in the samples' lanes and reduced once per weight: for narrow layers. */
  void (*laneParameterGradients)(const void *input, long inputWidth, const void *delta, long outputWidth,
                                 long groups, double *weightGradient, double *biasGradient);
  /* The same sums, with delta first transposed into rows of `rowParameterWidth(outputWidth)` doubles in `scratch`
   * (groups x that many lane vectors), so that they run in the units' lanes: for layers of eight units or more. */
  void (*rowParameterGradients)(const void *input, long inputWidth, const void *delta, long outputWidth,
                                long groups, void *scratch, double *weightGradient, double *biasGradient);
  /* dL/dx[k] = sum_j delta_j W[k][j], times the derivative `derivative` of the previous activation, whose outputs
   * `inputs` holds. */
  void (*inputGradient)(const void *delta, long outputWidth, const double *weights, void *target, long inputWidth,
                        long groups, const void *inputs, int derivative);
  /* The squared error: writes dL/dp (times `derivative`) into `gradient`; `laneTotals` receives eight partial
   * sums of (p - t)^2 whose sum times `scale` is L. `rows` is the number of real rows. */
  void (*squaredError)(const void *predictions, const void *targets, void *gradient, long width, long rows,
                       double scale, int derivative, double *laneTotals);
  /* Softmax cross-entropy on logits: writes dL/dz into `gradient`; `laneTotals` receives eight partial sums whose
   * sum times `scale` is L. */
  void (*softmaxCrossEntropy)(const void *logits, const void *targets, void *gradient, long width, long rows,
                              double scale, double *laneTotals);

  /* Rows `rows[0..<count]` of the row-major `source` (rows of `width` doubles) into lane layout:
   * lanes[g width + k][l] = source[rows[8 g + l] width + k], the last row repeated in the padding lanes of the last
   * group; `rows` NULL takes rows 0..<count. Every index must be a row of `source` (the caller checks). */
  void (*gatherRows)(const double *source, long width, const long *rows, long count, void *lanes);
  /* Draws of GSL's mt19937, eight at a time, from the 624 32-bit words `words` (one in each 64-bit element) at
   * `index`: indices[i] = (tempered(words[index + i]) * bound) >> 32, as long as eight words remain before a twist
   * is due and no draw needs Lemire's rejection test (a low word below `bound`). Returns how many were written (a
   * multiple of eight, up to `count`); the caller makes the next draw one by one. */
  long (*drawBlocks)(const unsigned long *words, long index, unsigned long bound, long *indices, long count);
  /* Regenerates mt19937's 624 words as GSL's `mt_get` does (the twist). */
  void (*twist)(unsigned long *words);

  /* A whole step's passes for one sample, vectorised over each layer's units rather than over samples: the forward
   * passes, the loss (`loss`, its gradient times `scale` and times `lossDerivative`), the backward passes, and every
   * parameter gradient, with the same operations and roundings as the lane kernels give for a batch of one row.
   * `work` holds `NNKernelsSingleSampleWork(stages, stageCount)` doubles, aligned to 16 bytes. Returns the loss's sum
   * before `scale` (L = scale times it). */
  double (*singleSample)(const NNKernelStage *stages, long stageCount, const double *input, const double *target,
                         int loss, double scale, int lossDerivative, double *work);

  /* `laneParameterGradients` and `rowParameterGradients` for part `part` (0 or 1) of a batch cut in two, the parts run
   * at once by two threads on their own lanes: part 0 leaves its sums unfinished in `carry` (the sums in lanes in
   * (inputWidth + 1) x outputWidth lane vectors, the sums in rows in inputWidth + 1 rows of
   * `rowParameterWidth(outputWidth)` doubles; the bias last), its progress published in `*progress` (0 before the
   * step); part 1 waits for that progress and carries each sum on over its samples. Each sum is then one chain over the
   * batch's samples in order: the bits the whole batch gives in one call. */
  void (*laneParameterGradientsOfPart)(const void *input, long inputWidth, const void *delta, long outputWidth,
                                       long groups, double *weightGradient, double *biasGradient, int part,
                                       void *carry, long *progress);
  void (*rowParameterGradientsOfPart)(const void *input, long inputWidth, const void *delta, long outputWidth,
                                      long groups, void *scratch, double *weightGradient, double *biasGradient,
                                      int part, void *carry, long *progress);

  /* A dense layer's bias and the activation after it on row-major matrices of `rows` rows of `width` doubles, for
   * the columns [first, last): y = f(p + b) from the layer's product p (`y` may be `p`), the same operations as the
   * bias pass and the activation pass one after the other; p + b is not kept. */
  void (*rowBiasActivation)(int activation, double parameter, const void *product, const void *bias, void *y,
                            long rows, long width, long first, long last);
  /* The backward pass of the same, for the columns [first, last): g = u f'(z, y) (`gradient` may be `upstream`),
   * and the bias gradient s[j] = 0 + g[0][j] + g[1][j] + ..., the rows added in order. */
  void (*rowActivationGradientSums)(int activation, double parameter, const void *upstream, const void *z,
                                    const void *y, void *gradient, void *sums, long rows, long width, long first,
                                    long last);
} NNKernelTable;

/* The float32 kernels of one instruction set: the same passes as `NNKernelTable`'s on floats, each in the same
 * order of operations, with sixteen samples to a lane vector (64 bytes, as a float64 lane vector): lane `l` of group
 * `g` belongs to sample `16g + l`, and a batch of `N` rows of width `w` is `ceil(N/16) * w` lane vectors. Matrices
 * are row-major floats; `parameter`, `scale` and the lane totals are floats. */
typedef struct NNKernelFloatTable {
  /* The instruction set, as `NNKernelTable.name`. */
  const char *name;
  /* What it uses, as `NNKernelTable.description`. */
  const char *description;

  /* z = b + x W, as `NNKernelTable.denseForward`. */
  void (*denseForward)(const void *input, long inputWidth, const float *weights, const float *bias,
                       long outputWidth, void *preActivation, long groups);
  /* y = f(z), as `NNKernelTable.activationForward`. */
  void (*activationForward)(int activation, float parameter, const void *input, void *output, long count);
  /* g = u f'(z, y), as `NNKernelTable.activationBackward`. */
  void (*activationBackward)(int activation, float parameter, const void *upstream, const void *input,
                             const void *output, void *target, long count);
  /* dL/dW and dL/db summed in the samples' lanes, as `NNKernelTable.laneParameterGradients`. */
  void (*laneParameterGradients)(const void *input, long inputWidth, const void *delta, long outputWidth,
                                 long groups, float *weightGradient, float *biasGradient);
  /* dL/dW and dL/db from rows of `NNKernelsFloatRowParameterWidth(outputWidth)` error terms in `scratch`, as
   * `NNKernelTable.rowParameterGradients`. */
  void (*rowParameterGradients)(const void *input, long inputWidth, const void *delta, long outputWidth,
                                long groups, void *scratch, float *weightGradient, float *biasGradient);
  /* dL/dx times the previous activation's derivative, as `NNKernelTable.inputGradient`. */
  void (*inputGradient)(const void *delta, long outputWidth, const float *weights, void *target, long inputWidth,
                        long groups, const void *inputs, int derivative);
  /* The squared error, as `NNKernelTable.squaredError`; `laneTotals` receives sixteen partial sums. */
  void (*squaredError)(const void *predictions, const void *targets, void *gradient, long width, long rows,
                       float scale, int derivative, float *laneTotals);
  /* Softmax cross-entropy, as `NNKernelTable.softmaxCrossEntropy`; `laneTotals` receives sixteen partial sums. */
  void (*softmaxCrossEntropy)(const void *logits, const void *targets, void *gradient, long width, long rows,
                              float scale, float *laneTotals);
  /* Rows of the row-major `source` into lanes of sixteen, as `NNKernelTable.gatherRows`. */
  void (*gatherRows)(const float *source, long width, const long *rows, long count, void *lanes);
  /* e^x for `count` lane vectors (`output` may be `input`): the exponential the activations and the softmax use. */
  void (*exponential)(const void *input, void *output, long count);
  /* The parameter gradients of a part of a batch run by two threads, as `NNKernelTable.laneParameterGradientsOfPart`
   * and `NNKernelTable.rowParameterGradientsOfPart`. */
  void (*laneParameterGradientsOfPart)(const void *input, long inputWidth, const void *delta, long outputWidth,
                                       long groups, float *weightGradient, float *biasGradient, int part, void *carry,
                                       long *progress);
  void (*rowParameterGradientsOfPart)(const void *input, long inputWidth, const void *delta, long outputWidth,
                                      long groups, void *scratch, float *weightGradient, float *biasGradient,
                                      int part, void *carry, long *progress);
  /* A dense layer's bias and activation on row-major floats, as `NNKernelTable.rowBiasActivation`. */
  void (*rowBiasActivation)(int activation, float parameter, const void *product, const void *bias, void *y,
                            long rows, long width, long first, long last);
  /* Its backward pass with the bias gradient, as `NNKernelTable.rowActivationGradientSums`. */
  void (*rowActivationGradientSums)(int activation, float parameter, const void *upstream, const void *z,
                                    const void *y, void *gradient, void *sums, long rows, long width, long first,
                                    long last);
} NNKernelFloatTable;

/* The table for `request` ("x86-64-v4", "x86-64-v3" or "x86-64"; NULL, "" or "auto" for the best this CPU runs),
 * or NULL when the request names no table or one this CPU cannot run. */
const NNKernelTable *NNKernelsSelect(const char *request);

/* The float32 table for `request`, chosen as `NNKernelsSelect` chooses; NULL in the same cases. */
const NNKernelFloatTable *NNKernelsSelectFloat(const char *request);

/* The names of every table built into this binary, best first, separated by commas. */
const char *NNKernelsAvailable(void);

/* The doubles of work space `singleSample` needs for these stages. */
static inline long NNKernelsSingleSampleWork(const NNKernelStage *stages, long stageCount) {
  long total = 0;
  for (long index = 0; index < stageCount; index++) total += 3 * ((stages[index].outputWidth + 7) & ~7L);
  return total;
}

/* The width of a row of transposed error terms: `outputWidth` rounded up to a multiple of eight. */
static inline long NNKernelsRowParameterWidth(long outputWidth) { return (outputWidth + 7) & ~7L; }

/* The width of a row of transposed float32 error terms: `outputWidth` rounded up to a multiple of sixteen. */
static inline long NNKernelsFloatRowParameterWidth(long outputWidth) { return (outputWidth + 15) & ~15L; }

#ifdef __cplusplus
}
#endif

#endif
