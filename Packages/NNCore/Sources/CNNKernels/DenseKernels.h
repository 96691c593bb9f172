/* A dense stage over lanes of samples (NN_LANES to a vector): z = b + x W, the parameter gradients (in lanes or in rows of
 * error terms) and the input gradient.
 * Part of KernelBody.h: included once per instruction set and element type, after KernelMath.h or KernelMathFloat.h. */

/* z = b + x W for units start..<start + width, two groups at a time (each weight broadcast once for two
 * multiply-adds); each sum in input order, as with one group at a time. */
NN_INLINE void forwardBlock(const int width, long start, const Lanes *input, long inputWidth, const Scalar *weights,
                            const Scalar *bias, long outputWidth, Lanes *preActivation, long groups) {
  Lanes initial[8];
  for (int unit = 0; unit < width; unit++) initial[unit] = bias ? splat(bias[start + unit]) : splat(0);
  long group = 0;
  for (; groups - group >= 2; group += 2) {
    const Lanes *x = input + group * inputWidth;
    const Lanes *next = x + inputWidth;
    Lanes sums[8], nextSums[8];
    for (int unit = 0; unit < width; unit++) sums[unit] = nextSums[unit] = initial[unit];
    const Scalar *row = weights + start;
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
    const Scalar *row = weights + start;
    for (long index = 0; index < inputWidth; index++) {
      Lanes value = x[index];
      for (int unit = 0; unit < width; unit++) sums[unit] = NN_FMA(splat(row[unit]), value, sums[unit]);
      row += outputWidth;
    }
    Lanes *z = preActivation + group * outputWidth + start;
    for (int unit = 0; unit < width; unit++) z[unit] = sums[unit];
  }
}

static void denseForward(const void *input, long inputWidth, const Scalar *weights, const Scalar *bias,
                         long outputWidth, void *preActivation, long groups) {
#define NN_FORWARD_BLOCK(width, start) \
  forwardBlock(width, start, input, inputWidth, weights, bias, outputWidth, preActivation, groups)
  NN_FOR_BLOCKS(outputWidth, NN_FORWARD_BLOCK);
#undef NN_FORWARD_BLOCK
}


/* dL/dW for `inputs` (1 or 2) inputs from `input` and units start..<start + width, summed in the samples' lanes
 * and reduced once per weight; row k of dL/dW starts at `target`. */
NN_INLINE void laneWeightBlock(const int inputs, const int width, long start, const Lanes *input, long inputWidth,
                               const Lanes *delta, long outputWidth, long groups, Scalar *target) {
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
                             Scalar *target) {
  Lanes sums[8];
  for (int unit = 0; unit < width; unit++) sums[unit] = splat(0);
  for (long group = 0; group < groups; group++) {
    const Lanes *row = delta + group * outputWidth + start;
    for (int unit = 0; unit < width; unit++) sums[unit] += row[unit];
  }
  for (int unit = 0; unit < width; unit++) target[start + unit] = laneSum(sums[unit]);
}

static void laneParameterGradients(const void *input, long inputWidth, const void *delta, long outputWidth,
                                   long groups, Scalar *weightGradient, Scalar *biasGradient) {
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
 * NN_LANES vector..<NN_LANES (vector + units), summed over every sample, one chain per weight in sample order. */
NN_INLINE void rowTile(const int inputs, const int units, long first, long vector, const Scalar *input,
                       long inputWidth, const Scalar *rows, long outputWidth, long groups, Scalar *weightGradient) {
  long padded = NN_ROW_WIDTH(outputWidth);
  long column = vector * NN_LANES;
  Lanes sums[16];
  for (int index = 0; index < 16; index++) sums[index] = splat(0);
  for (long group = 0; group < groups; group++) {
    const Scalar *x = input + NN_LANES * (group * inputWidth + first);
    const Scalar *delta = rows + group * NN_LANES * padded + column;
    for (int lane = 0; lane < NN_LANES; lane++) {
      const Lanes *row = (const Lanes *)(delta + lane * padded);
      Lanes values[4];
      for (int unit = 0; unit < units; unit++) values[unit] = row[unit];
      for (int index = 0; index < inputs; index++) {
        Lanes value = splat(x[NN_LANES * index + lane]);
        for (int unit = 0; unit < units; unit++) sums[4 * index + unit] = NN_FMA(value, values[unit], sums[4 * index + unit]);
      }
    }
  }
  for (int index = 0; index < inputs; index++) {
    Scalar *target = weightGradient + (first + index) * outputWidth + column;
    for (int unit = 0; unit < units; unit++) {
      storePrefix(sums[4 * index + unit], target + NN_LANES * unit, outputWidth - column - NN_LANES * unit);
    }
  }
}

/* Every tile of inputs first..<first + inputs: four vectors of units at a time, then two, then one. */
NN_INLINE void rowTiles(const int inputs, long first, const Scalar *input, long inputWidth, const Scalar *rows,
                        long outputWidth, long groups, Scalar *weightGradient) {
  long vectors = NN_ROW_WIDTH(outputWidth) / NN_LANES;
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
                                  long groups, void *scratch, Scalar *weightGradient, Scalar *biasGradient) {
  long padded = NN_ROW_WIDTH(outputWidth);
  const Scalar *source = delta;
  Scalar *rows = scratch;
  /* rows[s][j] = delta[g n + j][l] for sample s = NN_LANES g + l, zero past the last unit. */
  for (long group = 0; group < groups; group++) {
    for (int lane = 0; lane < NN_LANES; lane++) {
      Scalar *row = rows + (group * NN_LANES + lane) * padded;
      for (long unit = 0; unit < outputWidth; unit++) row[unit] = source[NN_LANES * (group * outputWidth + unit) + lane];
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
    long samples = groups * NN_LANES;
    for (long unit = 0; unit < padded; unit += NN_LANES) {
      Lanes sums = splat(0);
      for (long sample = 0; sample < samples; sample++) sums += *(const Lanes *)(rows + sample * padded + unit);
      storePrefix(sums, biasGradient + unit, outputWidth - unit);
    }
  }
}

/* dL/dx for inputs start..<start + width, two groups at a time, times the previous activation's derivative. */
NN_INLINE void inputGradientBlock(const int width, long start, const Lanes *delta, long outputWidth,
                                  const Scalar *weights, Lanes *target, long inputWidth, long groups,
                                  const Lanes *inputs, const int derivative) {
  const Scalar *rows = weights + start * outputWidth;
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
NN_INLINE void inputGradientRun(const int derivative, const void *delta, long outputWidth, const Scalar *weights,
                                void *target, long inputWidth, long groups, const void *inputs) {
#define NN_INPUT_BLOCK(width, start) \
  inputGradientBlock(width, start, delta, outputWidth, weights, target, inputWidth, groups, inputs, derivative)
  NN_FOR_BLOCKS(inputWidth, NN_INPUT_BLOCK);
#undef NN_INPUT_BLOCK
}

static void inputGradient(const void *delta, long outputWidth, const Scalar *weights, void *target, long inputWidth,
                          long groups, const void *inputs, int derivative) {
#define NN_INPUT_RUN(constant) \
  inputGradientRun(constant, delta, outputWidth, weights, target, inputWidth, groups, inputs)
  NN_WITH_OUTPUT_DERIVATIVE(derivative, NN_INPUT_RUN);
#undef NN_INPUT_RUN
}
