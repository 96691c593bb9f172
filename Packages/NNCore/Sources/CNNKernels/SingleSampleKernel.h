/* A whole step on one sample, vectorised over each layer's units (online training).
 * Part of KernelBody.h: included once per instruction set, after KernelMath.h. */

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

/* z[start + u] = b + sum over k of x[k] W[k][start + u] for the eight units from `start`, each sum from the bias in
 * input order (as the lane kernels sum). */
NN_INLINE Lanes singleForwardBlock(long start, const double *x, long inputWidth, const double *weights,
                                   const double *bias, long width) {
  Lanes sums = bias ? (Lanes)*(const UnalignedLanes *)(bias + start) : splat(0);
  for (long k = 0; k < inputWidth; k++) {
    sums = NN_FMA(*(const UnalignedLanes *)(weights + k * width + start), splat(x[k]), sums);
  }
  return sums;
}

/* Whether a stage's rows of `width` units run on whole vectors of eight: always at eight units or more (a last
 * partial block overlaps the one before), and in narrower rows when the matrices have room for a vector past their
 * end (`NNKernelStage.slack`). */
NN_INLINE int wholeVectors(long width, long slack) { return width >= 8 || slack >= 8 - width; }

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
    target[start + index] = applyOutputDerivativeToValue(derivative, sums[index], outputs[start + index]);
  }
}

/* The padded width of a stage's rows in `singleSample`'s work space. */
NN_INLINE long paddedRow(const NNKernelStage *stage) { return (stage->outputWidth + 7) & ~7L; }

NN_KERNEL double singleSample(const NNKernelStage *stages, long stageCount, const double *input, const double *target,
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
      if (wholeVectors(width, stage->slack)) {
        /* Blocks of eight units; a last partial block is computed as the eight units that end the row (those it
         * shares with the block before get the same values again), or, in a row narrower than eight, reaches past
         * it (the units past the row are dropped below). */
        for (long column = 0; column < width; column += 8) {
          long start = width >= 8 && width - column < 8 ? width - 8 : column;
          *(UnalignedLanes *)(z + start) = singleForwardBlock(start, x, stage->inputWidth, weights, bias, width);
        }
      } else {
        long column = 0;
        for (; width - column >= 8; column += 8) {
          *(UnalignedLanes *)(z + column) = singleForwardBlock(column, x, stage->inputWidth, weights, bias, width);
        }
#define NN_TAIL_BLOCK(count, start) \
  singleForwardTail(count, column + (start), x, stage->inputWidth, weights, bias, width, z)
        NN_FOR_BLOCKS(width - column, NN_TAIL_BLOCK);
#undef NN_TAIL_BLOCK
      }
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
      gradient[unit] = applyOutputDerivativeToValue(lossDerivative, difference * twice, p[unit]);
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
    int whole = wholeVectors(width, stage->slack);
    for (long k = 0; k < stage->inputWidth; k++) {
      Lanes value = splat(stageInput[k]);
      double *row = weightGradient + k * width;
      long unit = 0;
      for (; width - unit >= 8; unit += 8) {
        *(UnalignedLanes *)(row + unit) = NN_FMA(value, *(const UnalignedLanes *)(delta + unit), splat(0)) + splat(0);
      }
      if (unit == width) continue;
      if (whole) {
        /* The eight that end the row, or, in a row narrower than eight, eight from its start: the lanes past the
         * row hold the padding's zero error terms, and the next row, written next, overwrites them. */
        long start = width >= 8 ? width - 8 : 0;
        *(UnalignedLanes *)(row + start) = NN_FMA(value, *(const UnalignedLanes *)(delta + start), splat(0)) + splat(0);
      } else {
        for (; unit < width; unit++) row[unit] = NN_FMA1(stageInput[k], delta[unit], 0.0) + 0.0;
      }
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
