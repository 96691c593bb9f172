/* A dense layer's bias and the activation after it, on row-major matrices: the forward pass y = f(p + b) from the
 * layer's product p, and the backward pass g = u f'(z, y) with the bias gradient's column sums, each one pass over
 * the rows.
 * Part of KernelBody.h: included once per instruction set and element type, after ActivationKernels.h.
 *
 * Each element takes the operations the separate passes give it (one addition for the bias, the activation's
 * value or derivative, one product with the upstream gradient), and each column's sum starts at 0 and adds the rows
 * in order: the results are those of the passes one after the other, to the bit. */

/* The `count` (1 to NN_LANES - 1) elements at `source` in the first lanes of a vector, zeros in the others. */
NN_INLINE Lanes partialLoad(const Scalar *source, long count) {
  Lanes vector = splat(0);
  memcpy(&vector, source, (size_t)count * sizeof(Scalar));
  return vector;
}

/* The first `count` lanes of `vector` into `target`. */
NN_INLINE void partialStore(Lanes vector, Scalar *target, long count) {
  memcpy(target, &vector, (size_t)count * sizeof(Scalar));
}

/* y = f(p + b) for columns [first, last) of `rows` rows, the activation a constant in each copy. */
NN_INLINE void rowBiasActivationRun(const int activation, Scalar parameter, const Scalar *product, const Scalar *bias,
                                    Scalar *y, long rows, long width, long first, long last) {
  for (long row = 0; row < rows; row++) {
    const Scalar *productRow = product + row * width;
    Scalar *yRow = y + row * width;
    long column = first;
    for (; last - column >= NN_LANES; column += NN_LANES) {
      Lanes sum = *(const UnalignedLanes *)(productRow + column) + *(const UnalignedLanes *)(bias + column);
      *(UnalignedLanes *)(yRow + column) = activationValue(activation, parameter, sum);
    }
    if (column < last) {
      long count = last - column;
      Lanes sum = partialLoad(productRow + column, count) + partialLoad(bias + column, count);
      partialStore(activationValue(activation, parameter, sum), yRow + column, count);
    }
  }
}

NN_KERNEL void rowBiasActivation(int activation, Scalar parameter, const void *product, const void *bias, void *y,
                                 long rows, long width, long first, long last) {
#define NN_ROW_FORWARD_RUN(constant)                                                                               \
  rowBiasActivationRun(constant, parameter, product, bias, y, rows, width, first, last)
  NN_WITH_ACTIVATION(activation, NN_ROW_FORWARD_RUN);
#undef NN_ROW_FORWARD_RUN
}

/* g = u f'(z, y) and s[j] = 0 + g[0][j] + g[1][j] + ... for columns [first, last), the activation a constant in each
 * copy. */
NN_INLINE void rowActivationGradientSumsRun(const int activation, Scalar parameter, const Scalar *upstream,
                                            const Scalar *z, const Scalar *y, Scalar *gradient, Scalar *sums,
                                            long rows, long width, long first, long last) {
  for (long column = first; column < last; column++) sums[column] = 0;
  for (long row = 0; row < rows; row++) {
    long offset = row * width;
    long column = first;
    for (; last - column >= NN_LANES; column += NN_LANES) {
      long at = offset + column;
      Lanes slope = activationDerivative(activation, parameter, *(const UnalignedLanes *)(z + at),
                                         *(const UnalignedLanes *)(y + at));
      Lanes value = *(const UnalignedLanes *)(upstream + at) * slope;
      *(UnalignedLanes *)(gradient + at) = value;
      *(UnalignedLanes *)(sums + column) = *(const UnalignedLanes *)(sums + column) + value;
    }
    if (column < last) {
      long count = last - column, at = offset + column;
      Lanes slope = activationDerivative(activation, parameter, partialLoad(z + at, count), partialLoad(y + at, count));
      Lanes value = partialLoad(upstream + at, count) * slope;
      partialStore(value, gradient + at, count);
      partialStore(partialLoad(sums + column, count) + value, sums + column, count);
    }
  }
}

NN_KERNEL void rowActivationGradientSums(int activation, Scalar parameter, const void *upstream, const void *z,
                                         const void *y, void *gradient, void *sums, long rows, long width, long first,
                                         long last) {
#define NN_ROW_BACKWARD_RUN(constant)                                                                              \
  rowActivationGradientSumsRun(constant, parameter, upstream, z, y, gradient, sums, rows, width, first, last)
  NN_WITH_ACTIVATION(activation, NN_ROW_BACKWARD_RUN);
#undef NN_ROW_BACKWARD_RUN
}
