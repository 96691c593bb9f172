/* The losses over lanes of samples (NN_LANES to a vector): squared error and softmax cross-entropy, with their gradients.
 * Part of KernelBody.h: included once per instruction set and element type, after KernelMath.h or KernelMathFloat.h. */

/* The lanes of group `group` that hold real rows of a batch of `rows` rows. */
NN_INLINE LaneMask validLanes(long group, long rows) { return lanesBelow(rows - group * NN_LANES); }

/* The squared error with the derivative a constant in each copy. */
NN_INLINE void squaredErrorRun(const int derivative, const Lanes *p, const Lanes *t, Lanes *gradient, long width,
                               long rows, Scalar scale, Scalar *laneTotals) {
  Lanes twice = splat(2 * scale);
  Lanes total = splat(0);
  long groups = NN_GROUPS(rows);
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

NN_KERNEL void squaredError(const void *predictions, const void *targets, void *gradient, long width, long rows,
                            Scalar scale, int derivative, Scalar *laneTotals) {
#define NN_SQUARED_ERROR_RUN(constant) \
  squaredErrorRun(constant, predictions, targets, gradient, width, rows, scale, laneTotals)
  NN_WITH_OUTPUT_DERIVATIVE(derivative, NN_SQUARED_ERROR_RUN);
#undef NN_SQUARED_ERROR_RUN
}

NN_KERNEL void softmaxCrossEntropy(const void *logits, const void *targets, void *gradientBuffer, long width, long rows,
                                   Scalar scale, Scalar *laneTotals) {
  const Lanes *z = logits;
  const Lanes *t = targets;
  Lanes *gradient = gradientBuffer;
  Lanes total = splat(0);
  Lanes factor = splat(scale);
  long groups = NN_GROUPS(rows);
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
    for (int lane = 0; lane < NN_LANES; lane++) logSum[lane] += NN_LOG(sum[lane]);
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
