/* Lane vectors of doubles and the vectorised functions the float64 kernels share: the exponential, the logistic
 * function and tanh (KernelMathFloat.h has the float32 ones).
 *
 * Included by KernelBody.h for the float64 tables, after the instruction set's file defines NN_FMA(a, b, c)
 * (a b + c, fused or not). Every operation here mirrors, operation for operation, the Swift `VectorMath` of
 * NNLayers, so that the kernels round as it does (see the decision "the hot loops are C" in the repository's
 * README). Contraction of `a * b + c` into a fused multiply-add is off: only NN_FMA fuses.
 */
#if !defined(NN_FMA) || !defined(NN_FMA1)
#error "NN_FMA and NN_FMA1 must be defined before KernelMath.h is included"
#endif

#include <math.h>
#include <string.h>

#pragma clang fp contract(off)
/* Lane vectors pass between functions that are always inlined, so the calling convention of wide vectors never
 * applies. */
#pragma clang diagnostic ignored "-Wpsabi"

/* Eight doubles, one sample's value in each lane; buffers need only be aligned to 16 bytes (Swift's alignment of
 * `SIMD8<Double>`), and the kernels run fastest on buffers aligned to 64 (a cache line). */
typedef double Lanes __attribute__((vector_size(64), aligned(16)));
/* Eight doubles at any address aligned to a double. */
typedef double UnalignedLanes __attribute__((vector_size(64), aligned(8)));
/* Eight signed 64-bit lanes: comparison results (all bits set for true) and exponent arithmetic. */
typedef long LaneMask __attribute__((vector_size(64), aligned(64)));
/* Eight unsigned 64-bit lanes, for left shifts. */
typedef unsigned long LaneBits __attribute__((vector_size(64), aligned(64)));
/* Four doubles: half a lane vector. */
typedef double HalfLanes __attribute__((vector_size(32)));
/* Two doubles: a quarter of a lane vector. */
typedef double QuarterLanes __attribute__((vector_size(16)));

#define NN_INLINE static inline __attribute__((always_inline))

/* The element type of the kernels' buffers and matrices. */
typedef double Scalar;
/* The samples in a lane vector. */
#define NN_LANES 8
/* The groups of eight that hold `rows` rows. */
#define NN_GROUPS(rows) (((rows) + 7) >> 3)
/* The width of a row of transposed error terms. */
#define NN_ROW_WIDTH(width) NNKernelsRowParameterWidth(width)
/* The natural logarithm of one element. */
#define NN_LOG(value) log(value)

/* `value` in every lane. */
NN_INLINE Lanes splat(double value) { return (Lanes){value, value, value, value, value, value, value, value}; }

/* `whenTrue` in the lanes where `mask` is set, `whenFalse` in the others. */
NN_INLINE Lanes choose(LaneMask mask, Lanes whenTrue, Lanes whenFalse) {
  return (Lanes)((mask & (LaneMask)whenTrue) | (~mask & (LaneMask)whenFalse));
}

/* The sum of the eight lanes by halves: (v0..3 + v4..7), then pairs, then the last two. */
NN_INLINE double laneSum(Lanes vector) {
  HalfLanes quarter = __builtin_shufflevector(vector, vector, 0, 1, 2, 3) +
                      __builtin_shufflevector(vector, vector, 4, 5, 6, 7);
  QuarterLanes pair = __builtin_shufflevector(quarter, quarter, 0, 1) + __builtin_shufflevector(quarter, quarter, 2, 3);
  return pair[0] + pair[1];
}

/* Writes the first `count` lanes of `vector` (all eight when `count` >= 8) to `target`. */
NN_INLINE void storePrefix(Lanes vector, double *target, long count) {
  if (count >= 8) {
    *(UnalignedLanes *)target = vector;
  } else {
    for (long lane = 0; lane < count; lane++) target[lane] = vector[lane];
  }
}

/* The lanes below `count`: lane l is set when l < count. */
NN_INLINE LaneMask lanesBelow(long count) {
  LaneMask indices = {0, 1, 2, 3, 4, 5, 6, 7};
  LaneMask bound = {count, count, count, count, count, count, count, count};
  return indices < bound;
}

/* `values[lane][column]` for each of the eight lanes (a macro: as a function, inlined, it made the gather's
 * x86-64-v4 code longer). */
#define gatherColumn(values, column)                                                                      \
  ((Lanes){(values)[0][column], (values)[1][column], (values)[2][column], (values)[3][column],             \
           (values)[4][column], (values)[5][column], (values)[6][column], (values)[7][column]})

/* 1.5 * 2^52: adding it to a value below 2^51 in magnitude rounds the value to an integer n held in the low bits. */
#define NN_ROUNDING_SHIFT 6755399441055744.0
/* The bit pattern of NN_ROUNDING_SHIFT. */
#define NN_ROUNDING_SHIFT_BITS 0x4338000000000000L

/* The range reduction y = n ln 2 + r, |r| <= ln 2 / 2, of y = x or (negated) y = -x, with ln 2 split in a high
 * part whose products with n are exact and a low part (Cody and Waite). `shifted` receives n + bias + 1.5 * 2^52,
 * `reduced` r, or -r when negated. */
NN_INLINE void reduceRange(Lanes x, int negated, double bias, Lanes *shifted, Lanes *reduced) {
  Lanes shift = splat(NN_ROUNDING_SHIFT + bias);
  Lanes inverseLog = splat(negated ? -1.4426950408889634 : 1.4426950408889634);
  Lanes high = splat(negated ? 6.93147180369123816490e-01 : -6.93147180369123816490e-01);
  Lanes low = splat(negated ? 1.90821492927058770002e-10 : -1.90821492927058770002e-10);
  Lanes sum = NN_FMA(x, inverseLog, shift);
  Lanes n = sum - shift;
  *shifted = sum;
  *reduced = NN_FMA(n, low, NN_FMA(n, high, x));
}

/* One step of Horner's rule: c + p r. */
NN_INLINE Lanes hornerStep(Lanes power, Lanes reduced, double coefficient) {
  return NN_FMA(power, reduced, splat(coefficient));
}

/* e^r for |r| <= ln 2 / 2: a polynomial of degree 11 with c0 = c1 = 1 (relative error below 1.6e-17). */
NN_INLINE Lanes exponentialPolynomial(Lanes reduced) {
  Lanes power = splat(2.5100375924709717e-08);
  power = hornerStep(power, reduced, 2.762007599981065e-07);
  power = hornerStep(power, reduced, 2.7557268480116333e-06);
  power = hornerStep(power, reduced, 2.4801521322116825e-05);
  power = hornerStep(power, reduced, 1.984126986304067e-04);
  power = hornerStep(power, reduced, 1.3888888917196881e-03);
  power = hornerStep(power, reduced, 8.333333333330065e-03);
  power = hornerStep(power, reduced, 4.1666666666624164e-02);
  power = hornerStep(power, reduced, 1.6666666666666669e-01);
  power = hornerStep(power, reduced, 5.000000000000001e-01);
  power = hornerStep(power, reduced, 1);
  power = hornerStep(power, reduced, 1);
  return power;
}

/* e^x, relative error about 2e-16: +inf above 709.78, 0 below -745.13, NaN for NaN; 2^n in two factors so that
 * subnormal results are right. */
NN_INLINE Lanes laneExp(Lanes x) {
  Lanes clamped = choose(x > splat(710), splat(710), x);
  clamped = choose(x < splat(-746), splat(-746), clamped);
  Lanes shifted, reduced;
  reduceRange(clamped, 0, 0, &shifted, &reduced);
  Lanes power = exponentialPolynomial(reduced);
  LaneMask exponent = (LaneMask)shifted - NN_ROUNDING_SHIFT_BITS;
  LaneMask half = exponent >> 1;
  LaneMask rest = exponent - half;
  Lanes firstScale = (Lanes)((LaneBits)(half + 1023) << 52);
  Lanes secondScale = (Lanes)((LaneBits)(rest + 1023) << 52);
  Lanes result = power * firstScale * secondScale;
  result = choose(x > splat(709.782712893384), splat(INFINITY), result);
  return choose(x < splat(-745.1332191019412), splat(0), result);
}

/* The logistic function in two stages, for loops that run the first over a run of vectors before the second (as
 * the float32 kernels' functions of the same names): the clamp and range reduction of x into the reduced argument r
 * and `packed` (n + 1023 in its low bits), then the quotient. With AVX2 the two stages over runs of sixteen vectors
 * take 186 ns for 384 values against 222 ns in one (AMD EPYC Zen 4, L1); with AVX-512, 179 ns either way. */
NN_INLINE void logisticFirstStage(Lanes x, Lanes *argument, Lanes *packed) {
  Lanes below = choose(x > splat(708), splat(708), x);
  Lanes clamped = choose(below < splat(-710), splat(-710), below);
  reduceRange(clamped, 1, 1023, packed, argument);
}

/* The second stage of the logistic function: see `logisticFirstStage`. */
NN_INLINE Lanes logisticSecondStage(Lanes reduced, Lanes packed) {
  Lanes square = reduced * reduced;
  Lanes even = NN_FMA(square + splat(112.03200350258501), square, splat(1008.3162739545706));
  Lanes odd = splat(0.033317662127273676);
  odd = hornerStep(odd, square, 14.00282366985318);
  odd = hornerStep(odd, square, 504.1581369772853);
  Lanes product = reduced * odd;
  Lanes numerator = even + product;
  Lanes conjugate = even - product;
  Lanes scale = (Lanes)((LaneBits)packed << 52);
  return numerator / NN_FMA(scale, conjugate, numerator);
}

/* sigma(x) = 1 / (1 + e^-x) as one quotient (E - r O) / ((E - r O) + 2^n (E + r O)), with e^r approximated by
 * (E + r O) / (E - r O), E and O polynomials in r^2 (relative error below 4e-16). */
NN_INLINE Lanes laneLogistic(Lanes x) {
  Lanes packed, argument;
  logisticFirstStage(x, &argument, &packed);
  return logisticSecondStage(argument, packed);
}

/* tanh(x) = sign(x) (1 - e^(-2|x|)) / (1 + e^(-2|x|)), and libm's tanh where |x| < 0.5. */
NN_INLINE Lanes laneTanh(Lanes x) {
  LaneMask negative = x < splat(0);
  Lanes magnitude = choose(negative, -x, x);
  Lanes decay = laneExp(splat(-2) * magnitude);
  Lanes result = (splat(1) - decay) / (splat(1) + decay);
  result = choose(negative, -result, result);
  LaneMask small = magnitude < splat(0.5);
  for (int lane = 0; lane < 8; lane++) {
    if (small[lane]) result[lane] = tanh(x[lane]);
  }
  return result;
}
