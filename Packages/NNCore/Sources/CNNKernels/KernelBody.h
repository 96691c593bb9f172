/* The kernels of one instruction set, and their table.
 *
 * Included once by each instruction set's file, which first defines NN_FMA(a, b, c) (a b + c) and NN_TABLE_NAME,
 * NN_TABLE_LABEL and NN_TABLE_DESCRIPTION, and applies its target to every function. Every loop walks a layer's
 * units in blocks of eight, then one block of the remaining one to seven, each block width a constant the
 * compiler unrolls into registers (one accumulator per unit); sums are taken in the same order whatever the
 * block, so that results do not depend on the instruction set beyond the fused multiply-add.
 */
#include "CNNKernels.h"
#include "KernelMath.h"

/* Calls BLOCK(width, start) for blocks of eight units, then for one block of the remaining 1 to 7, over
 * 0..<count; `width` is a constant in each call. */
#define NN_FOR_BLOCKS(count, BLOCK)                 \
  do {                                              \
    long blockStart = 0;                            \
    for (; (count) - blockStart >= 8; blockStart += 8) BLOCK(8, blockStart); \
    switch ((count) - blockStart) {                 \
    case 7: BLOCK(7, blockStart); break;            \
    case 6: BLOCK(6, blockStart); break;            \
    case 5: BLOCK(5, blockStart); break;            \
    case 4: BLOCK(4, blockStart); break;            \
    case 3: BLOCK(3, blockStart); break;            \
    case 2: BLOCK(2, blockStart); break;            \
    case 1: BLOCK(1, blockStart); break;            \
    default: break;                                 \
    }                                               \
  } while (0)

/* u f'(y) for the output derivatives handed from one stage to the next. */
NN_INLINE Lanes applyOutputDerivative(int derivative, Lanes upstream, Lanes output) {
  switch (derivative) {
  case NNKernelOutputDerivativeSigmoid: return upstream * (output * (splat(1) - output));
  case NNKernelOutputDerivativeTanh: return upstream * (splat(1) - output * output);
  case NNKernelOutputDerivativeRectifier: return upstream * choose(output > splat(0), splat(1), splat(0));
  default: return upstream;
  }
}

/* z = b + x W for units start..<start + width, two groups at a time (each weight broadcast once for two
 * multiply-adds); each sum in input order, as with one group at a time. */
NN_INLINE void forwardBlock(const int width, long start, const Lanes *input, long inputWidth, const double *weights,
                            const double *bias, long outputWidth, Lanes *preActivation, long groups) {
  Lanes initial[8];
  for (int unit = 0; unit < width; unit++) initial[unit] = bias ? splat(bias[start + unit]) : splat(0);
  long group = 0;
  for (; groups - group >= 2; group += 2) {
    const Lanes *x = input + group * inputWidth;
    const Lanes *next = x + inputWidth;
    Lanes sums[8], nextSums[8];
    for (int unit = 0; unit < width; unit++) sums[unit] = nextSums[unit] = initial[unit];
    const double *row = weights + start;
    for (long index = 0; index < inputWidth; index++) {
      Lanes value = x[index], nextValue = next[index];
      for (int unit = 0; unit < width; unit++) {
        Lanes weight = splat(row[unit]);
        sums[unit] = NN_FMA(weight, value, sums[unit]);
        nextSums[unit] = NN_FMA(weight, nextValue, nextSums[unit]);
      }
      row += outputWidth;
    }
    Lanes *z = preActivation + group * outputWidth + start;
    for (int unit = 0; unit < width; unit++) {
      z[unit] = sums[unit];
      z[outputWidth + unit] = nextSums[unit];
    }
  }
  if (group < groups) {
    const Lanes *x = input + group * inputWidth;
    Lanes sums[8];
    for (int unit = 0; unit < width; unit++) sums[unit] = initial[unit];
    const double *row = weights + start;
    for (long index = 0; index < inputWidth; index++) {
      Lanes value = x[index];
      for (int unit = 0; unit < width; unit++) sums[unit] = NN_FMA(splat(row[unit]), value, sums[unit]);
      row += outputWidth;
    }
    Lanes *z = preActivation + group * outputWidth + start;
    for (int unit = 0; unit < width; unit++) z[unit] = sums[unit];
  }
}

static void denseForward(const void *input, long inputWidth, const double *weights, const double *bias,
                         long outputWidth, void *preActivation, long groups) {
#define NN_FORWARD_BLOCK(width, start) \
  forwardBlock(width, start, input, inputWidth, weights, bias, outputWidth, preActivation, groups)
  NN_FOR_BLOCKS(outputWidth, NN_FORWARD_BLOCK);
#undef NN_FORWARD_BLOCK
}

/* y = f(z) of one lane vector. */
NN_INLINE Lanes activationValue(int activation, double parameter, Lanes x) {
  switch (activation) {
  case NNKernelActivationSigmoid: return laneLogistic(x);
  case NNKernelActivationTanh: return laneTanh(x);
  case NNKernelActivationRectifier: return choose(x < splat(0), splat(0), x);
  case NNKernelActivationLeakyRectifier: return choose(x > splat(0), x, x * splat(parameter));
  case NNKernelActivationSwish: return x / (splat(1) + laneExp(splat(-parameter) * x));
  default: return x;
  }
}

/* f'(z) given z and y = f(z), of one lane vector. */
NN_INLINE Lanes activationDerivative(int activation, double parameter, Lanes x, Lanes y) {
  switch (activation) {
  case NNKernelActivationSigmoid: return y * (splat(1) - y);
  case NNKernelActivationTanh: return splat(1) - y * y;
  case NNKernelActivationRectifier: return choose(x > splat(0), splat(1), splat(0));
  case NNKernelActivationLeakyRectifier: return choose(x > splat(0), splat(1), splat(parameter));
  case NNKernelActivationSwish: {
    Lanes gate = splat(1) / (splat(1) + laneExp(splat(-parameter) * x));
    return gate + splat(parameter) * x * gate * (splat(1) - gate);
  }
  default: return splat(1);
  }
}

/* y = f(z) over `count` vectors, four at a time so that the evaluations of long chains (an exponential)
 * overlap; the activation is a constant in each copy of the loop. */
NN_INLINE void activationForwardRun(const int activation, double parameter, const Lanes *x, Lanes *y, long count) {
  long index = 0;
  for (; count - index >= 4; index += 4) {
    Lanes a = x[index], b = x[index + 1], c = x[index + 2], d = x[index + 3];
    y[index] = activationValue(activation, parameter, a);
    y[index + 1] = activationValue(activation, parameter, b);
    y[index + 2] = activationValue(activation, parameter, c);
    y[index + 3] = activationValue(activation, parameter, d);
  }
  for (; index < count; index++) y[index] = activationValue(activation, parameter, x[index]);
}

static void activationForward(int activation, double parameter, const void *input, void *output, long count) {
  switch (activation) {
  case NNKernelActivationSigmoid:
    activationForwardRun(NNKernelActivationSigmoid, parameter, input, output, count);
    break;
  case NNKernelActivationTanh: activationForwardRun(NNKernelActivationTanh, parameter, input, output, count); break;
  case NNKernelActivationRectifier:
    activationForwardRun(NNKernelActivationRectifier, parameter, input, output, count);
    break;
  case NNKernelActivationLeakyRectifier:
    activationForwardRun(NNKernelActivationLeakyRectifier, parameter, input, output, count);
    break;
  case NNKernelActivationSwish: activationForwardRun(NNKernelActivationSwish, parameter, input, output, count); break;
  default:
    if (input != output) memmove(output, input, (size_t)count * sizeof(Lanes));
    break;
  }
}

/* g = u f'(z, y) over `count` vectors, the activation a constant in each copy of the loop. */
NN_INLINE void activationBackwardRun(const int activation, double parameter, const Lanes *upstream, const Lanes *x,
                                     const Lanes *y, Lanes *target, long count) {
  for (long index = 0; index < count; index++) {
    target[index] = upstream[index] * activationDerivative(activation, parameter, x[index], y[index]);
  }
}

static void activationBackward(int activation, double parameter, const void *upstream, const void *input,
                               const void *output, void *target, long count) {
  switch (activation) {
  case NNKernelActivationSigmoid:
    activationBackwardRun(NNKernelActivationSigmoid, parameter, upstream, input, output, target, count);
    break;
  case NNKernelActivationTanh:
    activationBackwardRun(NNKernelActivationTanh, parameter, upstream, input, output, target, count);
    break;
  case NNKernelActivationRectifier:
    activationBackwardRun(NNKernelActivationRectifier, parameter, upstream, input, output, target, count);
    break;
  case NNKernelActivationLeakyRectifier:
    activationBackwardRun(NNKernelActivationLeakyRectifier, parameter, upstream, input, output, target, count);
    break;
  case NNKernelActivationSwish:
    activationBackwardRun(NNKernelActivationSwish, parameter, upstream, input, output, target, count);
    break;
  default:
    activationBackwardRun(NNKernelActivationIdentity, parameter, upstream, input, output, target, count);
    break;
  }
}

/* dL/dW for `inputs` (1 or 2) inputs from `input` and units start..<start + width, summed in the samples' lanes
 * and reduced once per weight; row k of dL/dW starts at `target`. */
NN_INLINE void laneWeightBlock(const int inputs, const int width, long start, const Lanes *input, long inputWidth,
                               const Lanes *delta, long outputWidth, long groups, double *target) {
  Lanes first[8], second[8];
  for (int unit = 0; unit < width; unit++) first[unit] = second[unit] = splat(0);
  for (long group = 0; group < groups; group++) {
    const Lanes *x = input + group * inputWidth;
    const Lanes *row = delta + group * outputWidth + start;
    Lanes value = x[0];
    for (int unit = 0; unit < width; unit++) first[unit] = NN_FMA(value, row[unit], first[unit]);
    if (inputs == 2) {
      Lanes next = x[1];
      for (int unit = 0; unit < width; unit++) second[unit] = NN_FMA(next, row[unit], second[unit]);
    }
  }
  for (int unit = 0; unit < width; unit++) target[start + unit] = laneSum(first[unit]);
  if (inputs == 2) {
    for (int unit = 0; unit < width; unit++) target[outputWidth + start + unit] = laneSum(second[unit]);
  }
}

/* dL/db for units start..<start + width, summed in lanes and reduced once per unit. */
NN_INLINE void laneBiasBlock(const int width, long start, const Lanes *delta, long outputWidth, long groups,
                             double *target) {
  Lanes sums[8];
  for (int unit = 0; unit < width; unit++) sums[unit] = splat(0);
  for (long group = 0; group < groups; group++) {
    const Lanes *row = delta + group * outputWidth + start;
    for (int unit = 0; unit < width; unit++) sums[unit] += row[unit];
  }
  for (int unit = 0; unit < width; unit++) target[start + unit] = laneSum(sums[unit]);
}

static void laneParameterGradients(const void *input, long inputWidth, const void *delta, long outputWidth,
                                   long groups, double *weightGradient, double *biasGradient) {
  const Lanes *x = input;
  long index = 0;
  for (; inputWidth - index >= 2; index += 2) {
#define NN_PAIR_BLOCK(width, start) \
  laneWeightBlock(2, width, start, x + index, inputWidth, delta, outputWidth, groups, weightGradient + index * outputWidth)
    NN_FOR_BLOCKS(outputWidth, NN_PAIR_BLOCK);
#undef NN_PAIR_BLOCK
  }
  if (index < inputWidth) {
#define NN_SINGLE_BLOCK(width, start) \
  laneWeightBlock(1, width, start, x + index, inputWidth, delta, outputWidth, groups, weightGradient + index * outputWidth)
    NN_FOR_BLOCKS(outputWidth, NN_SINGLE_BLOCK);
#undef NN_SINGLE_BLOCK
  }
  if (biasGradient) {
#define NN_BIAS_BLOCK(width, start) laneBiasBlock(width, start, delta, outputWidth, groups, biasGradient)
    NN_FOR_BLOCKS(outputWidth, NN_BIAS_BLOCK);
#undef NN_BIAS_BLOCK
  }
}

/* One tile of dL/dW from rows of error terms: inputs first..<first + inputs by units
 * 8 vector..<8 (vector + units), summed over every sample, one chain per weight in sample order. */
NN_INLINE void rowTile(const int inputs, const int units, long first, long vector, const double *input,
                       long inputWidth, const double *rows, long outputWidth, long groups, double *weightGradient) {
  long padded = NNKernelsRowParameterWidth(outputWidth);
  long column = vector * 8;
  Lanes sums[16];
  for (int index = 0; index < 16; index++) sums[index] = splat(0);
  for (long group = 0; group < groups; group++) {
    const double *x = input + 8 * (group * inputWidth + first);
    const double *delta = rows + group * 8 * padded + column;
    for (int lane = 0; lane < 8; lane++) {
      const Lanes *row = (const Lanes *)(delta + lane * padded);
      Lanes values[4];
      for (int unit = 0; unit < units; unit++) values[unit] = row[unit];
      for (int index = 0; index < inputs; index++) {
        Lanes value = splat(x[8 * index + lane]);
        for (int unit = 0; unit < units; unit++) sums[4 * index + unit] = NN_FMA(value, values[unit], sums[4 * index + unit]);
      }
    }
  }
  for (int index = 0; index < inputs; index++) {
    double *target = weightGradient + (first + index) * outputWidth + column;
    for (int unit = 0; unit < units; unit++) {
      storePrefix(sums[4 * index + unit], target + 8 * unit, outputWidth - column - 8 * unit);
    }
  }
}

/* Every tile of inputs first..<first + inputs: four vectors of units at a time, then two, then one. */
NN_INLINE void rowTiles(const int inputs, long first, const double *input, long inputWidth, const double *rows,
                        long outputWidth, long groups, double *weightGradient) {
  long vectors = NNKernelsRowParameterWidth(outputWidth) >> 3;
  long vector = 0;
  for (; vectors - vector >= 4; vector += 4) {
    rowTile(inputs, 4, first, vector, input, inputWidth, rows, outputWidth, groups, weightGradient);
  }
  if (vectors - vector >= 2) {
    rowTile(inputs, 2, first, vector, input, inputWidth, rows, outputWidth, groups, weightGradient);
    vector += 2;
  }
  if (vectors - vector >= 1) rowTile(inputs, 1, first, vector, input, inputWidth, rows, outputWidth, groups, weightGradient);
}

static void rowParameterGradients(const void *input, long inputWidth, const void *delta, long outputWidth,
                                  long groups, void *scratch, double *weightGradient, double *biasGradient) {
  long padded = NNKernelsRowParameterWidth(outputWidth);
  const double *source = delta;
  double *rows = scratch;
  /* rows[s][j] = delta[g n + j][l] for sample s = 8 g + l, zero past the last unit. */
  for (long group = 0; group < groups; group++) {
    for (int lane = 0; lane < 8; lane++) {
      double *row = rows + (group * 8 + lane) * padded;
      for (long unit = 0; unit < outputWidth; unit++) row[unit] = source[8 * (group * outputWidth + unit) + lane];
      for (long unit = outputWidth; unit < padded; unit++) row[unit] = 0;
    }
  }
  long first = 0;
  for (; inputWidth - first >= 4; first += 4) {
    rowTiles(4, first, input, inputWidth, rows, outputWidth, groups, weightGradient);
  }
  if (inputWidth - first >= 2) {
    rowTiles(2, first, input, inputWidth, rows, outputWidth, groups, weightGradient);
    first += 2;
  }
  if (inputWidth - first >= 1) rowTiles(1, first, input, inputWidth, rows, outputWidth, groups, weightGradient);
  if (biasGradient) {
    long samples = groups * 8;
    for (long unit = 0; unit < padded; unit += 8) {
      Lanes sums = splat(0);
      for (long sample = 0; sample < samples; sample++) sums += *(const Lanes *)(rows + sample * padded + unit);
      storePrefix(sums, biasGradient + unit, outputWidth - unit);
    }
  }
}

/* dL/dx for inputs start..<start + width, two groups at a time, times the previous activation's derivative. */
NN_INLINE void inputGradientBlock(const int width, long start, const Lanes *delta, long outputWidth,
                                  const double *weights, Lanes *target, long inputWidth, long groups,
                                  const Lanes *inputs, const int derivative) {
  const double *rows = weights + start * outputWidth;
  long group = 0;
  for (; groups - group >= 2; group += 2) {
    const Lanes *d = delta + group * outputWidth;
    const Lanes *next = d + outputWidth;
    Lanes sums[8], nextSums[8];
    for (int index = 0; index < width; index++) sums[index] = nextSums[index] = splat(0);
    for (long unit = 0; unit < outputWidth; unit++) {
      Lanes value = d[unit], nextValue = next[unit];
      for (int index = 0; index < width; index++) {
        Lanes weight = splat(rows[index * outputWidth + unit]);
        sums[index] = NN_FMA(weight, value, sums[index]);
        nextSums[index] = NN_FMA(weight, nextValue, nextSums[index]);
      }
    }
    long offset = group * inputWidth + start;
    for (int index = 0; index < width; index++) {
      target[offset + index] = applyOutputDerivative(derivative, sums[index], inputs[offset + index]);
      target[offset + inputWidth + index] =
          applyOutputDerivative(derivative, nextSums[index], inputs[offset + inputWidth + index]);
    }
  }
  if (group < groups) {
    const Lanes *d = delta + group * outputWidth;
    Lanes sums[8];
    for (int index = 0; index < width; index++) sums[index] = splat(0);
    for (long unit = 0; unit < outputWidth; unit++) {
      Lanes value = d[unit];
      for (int index = 0; index < width; index++) {
        sums[index] = NN_FMA(splat(rows[index * outputWidth + unit]), value, sums[index]);
      }
    }
    long offset = group * inputWidth + start;
    for (int index = 0; index < width; index++) {
      target[offset + index] = applyOutputDerivative(derivative, sums[index], inputs[offset + index]);
    }
  }
}

/* The input gradient with the derivative a constant in each copy. */
NN_INLINE void inputGradientRun(const int derivative, const void *delta, long outputWidth, const double *weights,
                                void *target, long inputWidth, long groups, const void *inputs) {
#define NN_INPUT_BLOCK(width, start) \
  inputGradientBlock(width, start, delta, outputWidth, weights, target, inputWidth, groups, inputs, derivative)
  NN_FOR_BLOCKS(inputWidth, NN_INPUT_BLOCK);
#undef NN_INPUT_BLOCK
}

static void inputGradient(const void *delta, long outputWidth, const double *weights, void *target, long inputWidth,
                          long groups, const void *inputs, int derivative) {
  switch (derivative) {
  case NNKernelOutputDerivativeSigmoid:
    inputGradientRun(NNKernelOutputDerivativeSigmoid, delta, outputWidth, weights, target, inputWidth, groups, inputs);
    break;
  case NNKernelOutputDerivativeTanh:
    inputGradientRun(NNKernelOutputDerivativeTanh, delta, outputWidth, weights, target, inputWidth, groups, inputs);
    break;
  case NNKernelOutputDerivativeRectifier:
    inputGradientRun(NNKernelOutputDerivativeRectifier, delta, outputWidth, weights, target, inputWidth, groups,
                     inputs);
    break;
  default:
    inputGradientRun(NNKernelOutputDerivativeNone, delta, outputWidth, weights, target, inputWidth, groups, inputs);
    break;
  }
}

/* The lanes of group `group` that hold real rows of a batch of `rows` rows. */
NN_INLINE LaneMask validLanes(long group, long rows) {
  long remaining = rows - group * 8;
  LaneMask indices = {0, 1, 2, 3, 4, 5, 6, 7};
  LaneMask bound = {remaining, remaining, remaining, remaining, remaining, remaining, remaining, remaining};
  return indices < bound;
}

/* The squared error with the derivative a constant in each copy. */
NN_INLINE void squaredErrorRun(const int derivative, const Lanes *p, const Lanes *t, Lanes *gradient, long width,
                               long rows, double scale, double *laneTotals) {
  Lanes twice = splat(2 * scale);
  Lanes total = splat(0);
  long groups = (rows + 7) >> 3;
  for (long group = 0; group < groups; group++) {
    LaneMask valid = validLanes(group, rows);
    long base = group * width;
    Lanes groupTotal = splat(0);
    for (long unit = 0; unit < width; unit++) {
      Lanes difference = choose(valid, p[base + unit] - t[base + unit], splat(0));
      groupTotal = NN_FMA(difference, difference, groupTotal);
      Lanes upstream = difference * twice;
      gradient[base + unit] = applyOutputDerivative(derivative, upstream, p[base + unit]);
    }
    total += groupTotal;
  }
  *(UnalignedLanes *)laneTotals = total;
}

static void squaredError(const void *predictions, const void *targets, void *gradient, long width, long rows,
                         double scale, int derivative, double *laneTotals) {
  switch (derivative) {
  case NNKernelOutputDerivativeSigmoid:
    squaredErrorRun(NNKernelOutputDerivativeSigmoid, predictions, targets, gradient, width, rows, scale, laneTotals);
    break;
  case NNKernelOutputDerivativeTanh:
    squaredErrorRun(NNKernelOutputDerivativeTanh, predictions, targets, gradient, width, rows, scale, laneTotals);
    break;
  case NNKernelOutputDerivativeRectifier:
    squaredErrorRun(NNKernelOutputDerivativeRectifier, predictions, targets, gradient, width, rows, scale,
                    laneTotals);
    break;
  default:
    squaredErrorRun(NNKernelOutputDerivativeNone, predictions, targets, gradient, width, rows, scale, laneTotals);
    break;
  }
}

static void softmaxCrossEntropy(const void *logits, const void *targets, void *gradientBuffer, long width, long rows,
                                double scale, double *laneTotals) {
  const Lanes *z = logits;
  const Lanes *t = targets;
  Lanes *gradient = gradientBuffer;
  Lanes total = splat(0);
  Lanes factor = splat(scale);
  long groups = (rows + 7) >> 3;
  for (long group = 0; group < groups; group++) {
    LaneMask valid = validLanes(group, rows);
    long base = group * width;
    Lanes maximum = z[base];
    for (long unit = 1; unit < (width > 1 ? width : 1); unit++) {
      Lanes value = z[base + unit];
      maximum = choose(value > maximum, value, maximum);
    }
    Lanes sum = splat(0), mass = splat(0);
    for (long unit = 0; unit < width; unit++) {
      Lanes exponential = laneExp(z[base + unit] - maximum);
      gradient[base + unit] = exponential;
      sum += exponential;
      mass += t[base + unit];
    }
    Lanes logSum = maximum;
    for (int lane = 0; lane < 8; lane++) logSum[lane] += log(sum[lane]);
    Lanes groupLoss = splat(0);
    for (long unit = 0; unit < width; unit++) {
      Lanes target = t[base + unit];
      Lanes term = target * (logSum - z[base + unit]);
      groupLoss += choose(target == splat(0), splat(0), term);
      Lanes probability = gradient[base + unit] / sum;
      gradient[base + unit] = choose(valid, (probability * mass - target) * factor, splat(0));
    }
    total += choose(valid, groupLoss, splat(0));
  }
  *(UnalignedLanes *)laneTotals = total;
}

/* One group of the gather: target[k][l] = row[l][k] for k < width (a constant in each copy). */
NN_INLINE void gatherGroup(const long width, const double *const row[8], double *target) {
  for (long column = 0; column < width; column++) {
    Lanes values = {row[0][column], row[1][column], row[2][column], row[3][column],
                    row[4][column], row[5][column], row[6][column], row[7][column]};
    *(Lanes *)(target + column * 8) = values;
  }
}

/* The gather for one width (a constant in each copy for widths 1 to 4: the loops unroll and a row's position is an
 * address computation). */
NN_INLINE void gatherWidth(const long width, const double *source, const long *rows, long count, double *lanes) {
  long groups = (count + 7) >> 3;
  for (long group = 0; group < groups; group++) {
    const double *row[8];
    for (int lane = 0; lane < 8; lane++) {
      long position = group * 8 + lane;
      if (position >= count) position = count - 1;
      row[lane] = source + (rows ? rows[position] : position) * width;
    }
    gatherGroup(width, row, lanes + group * width * 8);
  }
}

static void gatherRows(const double *source, long width, const long *rows, long count, void *lanes) {
  switch (width) {
  case 1: gatherWidth(1, source, rows, count, lanes); break;
  case 2: gatherWidth(2, source, rows, count, lanes); break;
  case 3: gatherWidth(3, source, rows, count, lanes); break;
  case 4: gatherWidth(4, source, rows, count, lanes); break;
  default: gatherWidth(width, source, rows, count, lanes); break;
  }
}

/* Eight unsigned 64-bit lanes at any address aligned to eight bytes. */
typedef unsigned long UnalignedWords __attribute__((vector_size(64), aligned(8)));

static long drawBlocks(const unsigned long *words, long index, unsigned long bound, long *indices, long count) {
  long position = 0;
  LaneBits range = {bound, bound, bound, bound, bound, bound, bound, bound};
  for (; count - position >= 8 && index <= 624 - 8; index += 8, position += 8) {
    LaneBits word = (LaneBits)*(const UnalignedWords *)(words + index);
    word ^= word >> 11;
    word ^= (word << 7) & 0x9d2c5680UL;
    word ^= (word << 15) & 0xefc60000UL;
    word ^= word >> 18;
    LaneBits products = (word & 0xffffffffUL) * range;
    LaneMask rejected = (LaneMask)((products & 0xffffffffUL) < range);
    long anyRejected = 0;
    for (int lane = 0; lane < 8; lane++) anyRejected |= rejected[lane];
    if (anyRejected) break;
    *(UnalignedWords *)(indices + position) = (UnalignedWords)(products >> 32);
  }
  return position;
}

/* One word of the twist: w[k] = w[far] ^ (y >> 1) ^ (y odd ? 0x9908b0df : 0), y = upper bit of w[k] and lower
 * bits of w[k + 1]. */
NN_INLINE unsigned long twistWord(unsigned long upper, unsigned long lower, unsigned long far) {
  unsigned long y = (upper & 0x80000000UL) | (lower & 0x7fffffffUL);
  return far ^ (y >> 1) ^ ((y & 1) ? 0x9908b0dfUL : 0);
}

static void twist(unsigned long *words) {
  const long count = 624, shift = 397;
  long k = 0;
  /* Each word reads its successor before that is rewritten, and a word 397 places on (in the first 227) or 227
   * places back (in the rest), which no word of the same loop writes: the loops vectorise. */
  for (; k < count - shift; k++) words[k] = twistWord(words[k], words[k + 1], words[k + shift]);
  for (; k < count - 1; k++) words[k] = twistWord(words[k], words[k + 1], words[k + shift - count]);
  words[count - 1] = twistWord(words[count - 1], words[0], words[shift - 1]);
}

/* y = f(z) over `count` values (padded to a multiple of eight, the padding computed and ignored). */
NN_INLINE void rowActivation(int activation, double parameter, const double *z, double *y, long count) {
  for (long index = 0; index < count; index += 8) {
    Lanes value = *(const UnalignedLanes *)(z + index);
    *(UnalignedLanes *)(y + index) = activationValue(activation, parameter, value);
  }
}

/* z[start + u] = b + sum over k of x[k] W[k][start + u] for u < count (a constant: the count chains interleave),
 * each sum from the bias in input order. */
NN_INLINE void singleForwardTail(const long count, long start, const double *x, long inputWidth,
                                 const double *weights, const double *bias, long width, double *z) {
  double sums[8];
  for (long unit = 0; unit < count; unit++) sums[unit] = bias ? bias[start + unit] : 0;
  for (long k = 0; k < inputWidth; k++) {
    const double *row = weights + k * width + start;
    for (long unit = 0; unit < count; unit++) sums[unit] = NN_FMA1(row[unit], x[k], sums[unit]);
  }
  for (long unit = 0; unit < count; unit++) z[start + unit] = sums[unit];
}

/* dL/dx[start + i] = sum over units of delta W[start + i][unit] for i < count (a constant: the chains interleave),
 * each in unit order, times the previous activation's derivative. */
NN_INLINE void singleInputGradient(const long count, long start, const double *weights, const double *delta,
                                   long width, const double *outputs, int derivative, double *target) {
  double sums[8];
  for (long index = 0; index < count; index++) sums[index] = 0;
  for (long unit = 0; unit < width; unit++) {
    double value = delta[unit];
    for (long index = 0; index < count; index++) {
      sums[index] = NN_FMA1(weights[(start + index) * width + unit], value, sums[index]);
    }
  }
  for (long index = 0; index < count; index++) {
    double sum = sums[index], output = outputs[start + index];
    switch (derivative) {
    case NNKernelOutputDerivativeSigmoid: sum = sum * (output * (1 - output)); break;
    case NNKernelOutputDerivativeTanh: sum = sum * (1 - output * output); break;
    case NNKernelOutputDerivativeRectifier: sum = sum * (output > 0 ? 1.0 : 0.0); break;
    default: break;
    }
    target[start + index] = sum;
  }
}

/* The padded width of a stage's rows in `singleSample`'s work space. */
NN_INLINE long paddedRow(const NNKernelStage *stage) { return (stage->outputWidth + 7) & ~7L; }

static double singleSample(const NNKernelStage *stages, long stageCount, const double *input, const double *target,
                           int loss, double scale, int lossDerivative, double *work) {
  /* Per stage, three rows padded to eight: z, y and dL/dy (then dL/dz); `base` is the current stage's z. */
  double *base = work;
  double *previousOutput = NULL;
  /* Forward: z = b + x W (each sum from the bias in input order, as the lane kernel sums), y = f(z). */
  const double *x = input;
  for (long index = 0; index < stageCount; index++) {
    const NNKernelStage *stage = &stages[index];
    long width = stage->outputWidth, padded = paddedRow(stage);
    double *z = base, *y = base + padded;
    if (stage->isDense) {
      const double *weights = *stage->weights;
      const double *bias = stage->bias ? *stage->bias : NULL;
      long column = 0;
      for (; width - column >= 8; column += 8) {
        Lanes sums = bias ? (Lanes)*(const UnalignedLanes *)(bias + column) : splat(0);
        for (long k = 0; k < stage->inputWidth; k++) {
          sums = NN_FMA(*(const UnalignedLanes *)(weights + k * width + column), splat(x[k]), sums);
        }
        *(UnalignedLanes *)(z + column) = sums;
      }
#define NN_TAIL_BLOCK(count, start) \
  singleForwardTail(count, column + (start), x, stage->inputWidth, weights, bias, width, z)
      NN_FOR_BLOCKS(width - column, NN_TAIL_BLOCK);
#undef NN_TAIL_BLOCK
    } else {
      for (long unit = 0; unit < width; unit++) z[unit] = x[unit];
    }
    for (long unit = width; unit < padded; unit++) z[unit] = 0;
    rowActivation(stage->activation, stage->parameter, z, y, padded);
    previousOutput = y;
    x = y;
    base += 3 * padded;
  }
  /* The loss and its gradient with respect to the last stage's output (as the lane kernels compute lane 0). */
  const NNKernelStage *last = &stages[stageCount - 1];
  long outputs = last->outputWidth;
  const double *p = previousOutput;
  double *gradient = base - paddedRow(last);
  double total;
  if (loss == NNKernelLossSoftmaxCrossEntropy) {
    double maximum = p[0];
    for (long unit = 1; unit < outputs; unit++) maximum = p[unit] > maximum ? p[unit] : maximum;
    double sum = 0, mass = 0;
    for (long unit = 0; unit < outputs; unit++) {
      double exponential = laneExp(splat(p[unit] - maximum))[0];
      gradient[unit] = exponential;
      sum += exponential;
      mass += target[unit];
    }
    double logSum = maximum + log(sum);
    double groupLoss = 0;
    for (long unit = 0; unit < outputs; unit++) {
      double term = target[unit] * (logSum - p[unit]);
      groupLoss += target[unit] == 0 ? 0 : term;
      double probability = gradient[unit] / sum;
      gradient[unit] = (probability * mass - target[unit]) * scale;
    }
    total = 0.0 + groupLoss;
  } else {
    double twice = 2 * scale;
    double sum = 0;
    for (long unit = 0; unit < outputs; unit++) {
      double difference = p[unit] - target[unit];
      sum = NN_FMA1(difference, difference, sum);
      double upstream = difference * twice;
      switch (lossDerivative) {
      case NNKernelOutputDerivativeSigmoid: upstream = upstream * (p[unit] * (1 - p[unit])); break;
      case NNKernelOutputDerivativeTanh: upstream = upstream * (1 - p[unit] * p[unit]); break;
      case NNKernelOutputDerivativeRectifier: upstream = upstream * (p[unit] > 0 ? 1.0 : 0.0); break;
      default: break;
      }
      gradient[unit] = upstream;
    }
    total = 0.0 + sum;
  }
  /* Backward, from the last stage. The lane kernels' sums over a batch add zeros here: `+ 0.0` keeps their rule
   * for the sign of zero. */
  for (long index = stageCount - 1; index >= 0; index--) {
    const NNKernelStage *stage = &stages[index];
    long width = stage->outputWidth, padded = paddedRow(stage);
    base -= 3 * padded;
    const double *z = base, *y = base + padded;
    double *delta = base + 2 * padded;
    const double *stageInput = input;
    double *inputGradient = NULL;
    if (index > 0) {
      long previousPadded = paddedRow(&stages[index - 1]);
      stageInput = base - 2 * previousPadded;
      inputGradient = base - previousPadded;
    }
    if (!stage->isDense || !stage->upstreamIncludesDerivative) {
      double *target = stage->isDense ? delta : inputGradient;
      if (target) {
        for (long unit = 0; unit < padded; unit += 8) {
          Lanes derivative = activationDerivative(stage->activation, stage->parameter,
                                                  *(const UnalignedLanes *)(z + unit),
                                                  *(const UnalignedLanes *)(y + unit));
          *(UnalignedLanes *)(target + unit) = *(const UnalignedLanes *)(delta + unit) * derivative;
        }
      }
      if (!stage->isDense) continue;
    }
    double *weightGradient = *stage->weightGradient;
    for (long k = 0; k < stage->inputWidth; k++) {
      Lanes value = splat(stageInput[k]);
      double *row = weightGradient + k * width;
      long unit = 0;
      for (; width - unit >= 8; unit += 8) {
        *(UnalignedLanes *)(row + unit) = NN_FMA(value, *(const UnalignedLanes *)(delta + unit), splat(0)) + splat(0);
      }
      for (; unit < width; unit++) row[unit] = NN_FMA1(stageInput[k], delta[unit], 0.0) + 0.0;
    }
    if (stage->biasGradient) {
      double *biasGradient = *stage->biasGradient;
      for (long unit = 0; unit < width; unit++) biasGradient[unit] = 0.0 + delta[unit];
    }
    if (inputGradient) {
      const double *weights = *stage->weights;
#define NN_INPUT_ROWS(count, start) \
  singleInputGradient(count, start, weights, delta, width, stageInput, stage->inputDerivative, inputGradient)
      NN_FOR_BLOCKS(stage->inputWidth, NN_INPUT_ROWS);
#undef NN_INPUT_ROWS
    }
  }
  return total;
}

const NNKernelTable NN_TABLE_NAME = {
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
    .drawBlocks = drawBlocks,
    .twist = twist,
    .singleSample = singleSample,
};
