/* The activation passes over lane vectors: y = f(z) and g = u f'(z, y) for the activations the kernels know,
 * and the derivatives handed from one stage to the next.
 * Part of KernelBody.h: included once per instruction set and element type, after KernelMath.h or KernelMathFloat.h. */

/* u f'(y) for the output derivatives handed from one stage to the next. */
NN_INLINE Lanes applyOutputDerivative(int derivative, Lanes upstream, Lanes output) {
  switch (derivative) {
  case NNKernelOutputDerivativeSigmoid: return upstream * (output * (splat(1) - output));
  case NNKernelOutputDerivativeTanh: return upstream * (splat(1) - output * output);
  case NNKernelOutputDerivativeRectifier: return upstream * choose(output > splat(0), splat(1), splat(0));
  default: return upstream;
  }
}

/* u f'(y) for one value: the same operations as `applyOutputDerivative` in one lane. */
NN_INLINE Scalar applyOutputDerivativeToValue(int derivative, Scalar upstream, Scalar output) {
  switch (derivative) {
  case NNKernelOutputDerivativeSigmoid: return upstream * (output * (1 - output));
  case NNKernelOutputDerivativeTanh: return upstream * (1 - output * output);
  case NNKernelOutputDerivativeRectifier: return upstream * (output > 0 ? 1.0 : 0.0);
  default: return upstream;
  }
}

/* y = f(z) of one lane vector. */
NN_INLINE Lanes activationValue(int activation, Scalar parameter, Lanes x) {
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
NN_INLINE Lanes activationDerivative(int activation, Scalar parameter, Lanes x, Lanes y) {
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

/* y = f(z) over `count` vectors, four at a time so that the evaluations of long chains (an exponential) overlap; the
 * activation is a constant in each copy of the loop. With AVX2 (NN_REGISTER_LANES 8) one at a time: a lane vector is
 * already two registers, two chains, and four at a time spilled the functions' constants (the logistic function over
 * 384 float32 values, x86-64-v3 kernels on an AMD EPYC Zen 4: 153 ns instead of 168, float64 220 instead of 226;
 * swish 185 instead of 195; tanh unchanged; SSE2's kernels, four registers to a vector, unchanged either way). */
#if NN_REGISTER_LANES == 8
#define NN_ACTIVATION_VECTORS 1
#else
#define NN_ACTIVATION_VECTORS 4
#endif
/* The logistic function over `count` vectors with AVX2: each run of up to sixteen vectors first through
 * `logisticFirstStage` (the reduced arguments into `y`, the exponents, and float32's signs, into a buffer on the
 * stack), then through `logisticSecondStage`; `y` may be `x`. See KernelMathFloat.h's `logisticFirstStage` for
 * why. */
#if NN_INSTRUCTION_SET == NN_X86_64_V3
#define NN_LOGISTIC_IN_STAGES 1
NN_INLINE void logisticInStages(const Lanes *x, Lanes *y, long count) {
  Lanes packed[16];
  for (long start = 0; start < count; start += 16) {
    long run = count - start < 16 ? count - start : 16;
    for (long index = 0; index < run; index++) logisticFirstStage(x[start + index], &y[start + index], &packed[index]);
    for (long index = 0; index < run; index++) y[start + index] = logisticSecondStage(y[start + index], packed[index]);
  }
}
#else
#define NN_LOGISTIC_IN_STAGES 0
#endif

NN_INLINE void activationForwardRun(const int activation, Scalar parameter, const Lanes *x, Lanes *y, long count) {
#if NN_LOGISTIC_IN_STAGES
  if (activation == NNKernelActivationSigmoid) {
    logisticInStages(x, y, count);
    return;
  }
#endif
  long index = 0;
  for (; NN_ACTIVATION_VECTORS == 4 && count - index >= 4; index += 4) {
    Lanes a = x[index], b = x[index + 1], c = x[index + 2], d = x[index + 3];
    y[index] = activationValue(activation, parameter, a);
    y[index + 1] = activationValue(activation, parameter, b);
    y[index + 2] = activationValue(activation, parameter, c);
    y[index + 3] = activationValue(activation, parameter, d);
  }
  for (; index < count; index++) y[index] = activationValue(activation, parameter, x[index]);
}

NN_KERNEL void activationForward(int activation, Scalar parameter, const void *input, void *output, long count) {
  if (activation == NNKernelActivationIdentity) {
    if (input != output) memmove(output, input, (size_t)count * sizeof(Lanes));
    return;
  }
#define NN_FORWARD_RUN(constant) activationForwardRun(constant, parameter, input, output, count)
  NN_WITH_ACTIVATION(activation, NN_FORWARD_RUN);
#undef NN_FORWARD_RUN
}

/* g = u f'(z, y) over `count` vectors, the activation a constant in each copy of the loop. */
NN_INLINE void activationBackwardRun(const int activation, Scalar parameter, const Lanes *upstream, const Lanes *x,
                                     const Lanes *y, Lanes *target, long count) {
  for (long index = 0; index < count; index++) {
    target[index] = upstream[index] * activationDerivative(activation, parameter, x[index], y[index]);
  }
}

NN_KERNEL void activationBackward(int activation, Scalar parameter, const void *upstream, const void *input,
                                  const void *output, void *target, long count) {
#define NN_BACKWARD_RUN(constant) activationBackwardRun(constant, parameter, upstream, input, output, target, count)
  NN_WITH_ACTIVATION(activation, NN_BACKWARD_RUN);
#undef NN_BACKWARD_RUN
}

#ifdef NN_FLOAT_KERNELS
/* e^x over `count` vectors. */
NN_KERNEL void exponential(const void *input, void *output, long count) {
  const Lanes *x = input;
  Lanes *y = output;
  for (long index = 0; index < count; index++) y[index] = laneExp(x[index]);
}
#endif
