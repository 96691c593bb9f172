/* A dense stage over lanes of samples (NN_LANES to a vector): z = b + x W, the parameter gradients (in lanes or in rows of
 * error terms) and the input gradient.
 * Part of KernelBody.h: included once per instruction set and element type, after KernelMath.h or KernelMathFloat.h. */

/* How the forward and input-gradient passes walk a layer: blocks of eight units (NN_FOR_BLOCKS), two groups at a time
 * (each weight broadcast once for two multiply-adds). With AVX2 (NN_REGISTER_LANES 8: a lane vector takes two of its
 * sixteen registers) the sixteen sums of two groups by eight units spill: blocks of four units, one group at a time,
 * except blocks of at most three units, which still take two groups at a time (alone, their few multiply-add chains
 * wait on each other). Measured with the x86-64-v3 kernels on an AMD EPYC Zen 4, the passes timed alone: the forward
 * passes of digits (64-128-64-10, batch 32) in 0.66-0.68 of the time in both types, sphere's (3-3-2-1, batch 128)
 * forward and input-gradient passes in 0.95-0.97 (one group at a time for every block: forward passes 1.21-1.25 times
 * the time). SSE2's kernels took 1.28-1.31 times as long on digits with blocks of four and keep theirs. Each sum runs
 * over the inputs in order whatever the block, so the results are the same to the bit. */
#if NN_REGISTER_LANES == 8
#define NN_PAIRS_GROUPS(width) ((width) <= 3)
#define NN_FOR_LANE_BLOCKS(count, BLOCK) NN_FOR_BLOCKS_OF(4, count, BLOCK)
#else
#define NN_PAIRS_GROUPS(width) 1
#define NN_FOR_LANE_BLOCKS(count, BLOCK) NN_FOR_BLOCKS(count, BLOCK)
#endif

/* z = b + x W for units start..<start + width, two groups at a time (each weight broadcast once for two
 * multiply-adds); each sum in input order, as with one group at a time. */
NN_INLINE void forwardBlock(const int width, long start, const Lanes *input, long inputWidth, const Scalar *weights,
                            const Scalar *bias, long outputWidth, Lanes *preActivation, long groups) {
  Lanes initial[8];
  for (int unit = 0; unit < width; unit++) initial[unit] = bias ? splat(bias[start + unit]) : splat(0);
  long group = 0;
  for (; NN_PAIRS_GROUPS(width) && groups - group >= 2; group += 2) {
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
  for (; group < groups; group++) {
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

/* The float32 passes of layers of at most four units (or inputs) take four groups at a time where the instruction set
 * has 32 vector registers (AVX-512, NN_REGISTER_LANES 32): with sixteen (AVX2, SSE2) a lane vector of sixteen floats
 * takes two or four of them, the sixteen sums of four groups spilled, and two groups at a time (`forwardBlock`,
 * `inputGradientBlock`) trained sphere (3-3-2-1, batch 128) in float32 1.09 times as fast with the x86-64-v3 kernels
 * (140 M against 128 M samples/s on an AMD EPYC Zen 4, medians of 8 paired runs). */
#if defined(NN_FLOAT_KERNELS) && NN_REGISTER_LANES >= 32
#define NN_NARROW_FOUR_GROUPS 1
#else
#define NN_NARROW_FOUR_GROUPS 0
#endif

#if NN_NARROW_FOUR_GROUPS
/* z = b + x W for units start..<start + width (at most 4), four groups at a time, then the rest by
 * `forwardBlock`; each sum in input order, as there. */
NN_INLINE void narrowForwardBlock(const int width, long start, const Lanes *input, long inputWidth,
                                  const Scalar *weights, const Scalar *bias, long outputWidth, Lanes *preActivation,
                                  long groups) {
  Lanes initial[4];
  for (int unit = 0; unit < width; unit++) initial[unit] = bias ? splat(bias[start + unit]) : splat(0);
  long group = 0;
  for (; groups - group >= 4; group += 4) {
    const Lanes *x = input + group * inputWidth;
    Lanes sums[4][4];
    for (int member = 0; member < 4; member++) {
      for (int unit = 0; unit < width; unit++) sums[member][unit] = initial[unit];
    }
    const Scalar *row = weights + start;
    for (long index = 0; index < inputWidth; index++) {
      for (int unit = 0; unit < width; unit++) {
        Lanes weight = splat(row[unit]);
        for (int member = 0; member < 4; member++) {
          sums[member][unit] = NN_FMA(weight, x[member * inputWidth + index], sums[member][unit]);
        }
      }
      row += outputWidth;
    }
    Lanes *z = preActivation + group * outputWidth + start;
    for (int member = 0; member < 4; member++) {
      for (int unit = 0; unit < width; unit++) z[member * outputWidth + unit] = sums[member][unit];
    }
  }
  if (group < groups) {
    forwardBlock(width, start, input + group * inputWidth, inputWidth, weights, bias, outputWidth,
                 preActivation + group * outputWidth, groups - group);
  }
}
#endif

NN_KERNEL void denseForward(const void *input, long inputWidth, const Scalar *weights, const Scalar *bias,
                            long outputWidth, void *preActivation, long groups) {
#if NN_NARROW_FOUR_GROUPS
  /* Layers of at most four units take four groups at a time: with half as many groups as in float64, two at a time
   * left the multiply-add chains too few to overlap. Measured (AMD EPYC Zen 5, x86-64-v4): sphere's three dense
   * passes (3-3-2-1, batch 128) went from 33 to 25 ns (float64: 58 ns). */
  if (outputWidth <= 4) {
#define NN_NARROW_BLOCK(width, start) \
  narrowForwardBlock(width, start, input, inputWidth, weights, bias, outputWidth, preActivation, groups)
    NN_FOR_BLOCKS(outputWidth, NN_NARROW_BLOCK);
#undef NN_NARROW_BLOCK
    return;
  }
#endif
#define NN_FORWARD_BLOCK(width, start) \
  forwardBlock(width, start, input, inputWidth, weights, bias, outputWidth, preActivation, groups)
  NN_FOR_LANE_BLOCKS(outputWidth, NN_FORWARD_BLOCK);
#undef NN_FORWARD_BLOCK
}


/* How a parameter-gradient pass takes its sums (a constant in each copy). NN_SUMS_WHOLE sums the samples it is given.
 * For a batch cut into two parts run by two threads: NN_SUMS_FIRST sums the first part's samples and leaves each sum
 * unfinished for the second part (sums in rows in dL/dW and dL/db themselves, sums in lanes in a carry buffer),
 * publishing its progress as it goes; NN_SUMS_SECOND waits for that progress and carries each sum on over its own
 * samples. Every sum then runs over the batch's samples in order, one chain, as NN_SUMS_WHOLE takes it over the whole
 * batch: the same bits. */
#define NN_SUMS_WHOLE 0
#define NN_SUMS_FIRST 1
#define NN_SUMS_SECOND 2

/* Marks everything before `value` done: stores it with release ordering. */
NN_INLINE void publishProgress(long *progress, long value) { __atomic_store_n(progress, value, __ATOMIC_RELEASE); }

/* Waits until `*progress` reaches `value` (acquire ordering): spinning a while, then yielding the processor. `*seen`
 * holds the last value read: while it is enough, the counter (a line the other thread keeps writing) is not read
 * again. */
NN_INLINE void awaitProgress(const long *progress, long value, long *seen) {
  if (*seen >= value) return;
  for (long spins = 0; (*seen = __atomic_load_n(progress, __ATOMIC_ACQUIRE)) < value; spins++) {
    if (spins < 4096) {
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#elif defined(__aarch64__)
      __asm__ volatile("yield");
#endif
    } else {
      sched_yield();
    }
  }
}

/* The carry buffer `offset` lane vectors on, for a pass of a part; `carry` itself (NULL) for NN_SUMS_WHOLE, which
 * never reads it. */
NN_INLINE Lanes *carryAt(const int mode, Lanes *carry, long offset) {
  return mode == NN_SUMS_WHOLE ? carry : carry + offset;
}

/* dL/dW for `inputs` (1 or 2) inputs from `input` and units start..<start + width, summed in the samples' lanes
 * and reduced once per weight; row k of dL/dW starts at `target`, of the lane sums (`mode` not NN_SUMS_WHOLE) at
 * `carry`. */
NN_INLINE void laneWeightBlock(const int inputs, const int width, long start, const Lanes *input, long inputWidth,
                               const Lanes *delta, long outputWidth, long groups, Scalar *target, const int mode,
                               Lanes *carry) {
  Lanes first[8], second[8];
  for (int unit = 0; unit < width; unit++) {
    first[unit] = mode == NN_SUMS_SECOND ? carry[start + unit] : splat(0);
    second[unit] = mode == NN_SUMS_SECOND && inputs == 2 ? carry[outputWidth + start + unit] : splat(0);
  }
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
  for (int unit = 0; unit < width; unit++) {
    if (mode == NN_SUMS_FIRST) {
      carry[start + unit] = first[unit];
      if (inputs == 2) carry[outputWidth + start + unit] = second[unit];
    } else {
      target[start + unit] = laneSum(first[unit]);
      if (inputs == 2) target[outputWidth + start + unit] = laneSum(second[unit]);
    }
  }
}

/* dL/db for units start..<start + width, summed in lanes and reduced once per unit, written to `target` (the lane
 * sums at `carry` when `mode` is not NN_SUMS_WHOLE). */
NN_INLINE void laneBiasBlock(const int width, long start, const Lanes *delta, long outputWidth, long groups,
                             Scalar *target, const int mode, Lanes *carry) {
  Lanes sums[8];
  for (int unit = 0; unit < width; unit++) sums[unit] = mode == NN_SUMS_SECOND ? carry[start + unit] : splat(0);
  for (long group = 0; group < groups; group++) {
    const Lanes *row = delta + group * outputWidth + start;
    for (int unit = 0; unit < width; unit++) sums[unit] += row[unit];
  }
  if (mode == NN_SUMS_FIRST) {
    for (int unit = 0; unit < width; unit++) carry[start + unit] = sums[unit];
    return;
  }
#ifdef NN_FLOAT_KERNELS
  Lanes vectors[16];
  for (int unit = 0; unit < 16; unit++) vectors[unit] = unit < width ? sums[unit] : splat(0);
  Lanes totals = laneSums(vectors);
  for (int unit = 0; unit < width; unit++) target[start + unit] = totals[unit];
#else
  for (int unit = 0; unit < width; unit++) target[start + unit] = laneSum(sums[unit]);
#endif
}

#ifdef NN_FLOAT_KERNELS
/* dL/dW for `inputs` inputs from `input` and units start..<start + width, and with `bias` 1 dL/db for the same units
 * as one more row of sums ((inputs + bias) x width <= 16 sums), summed in the samples' lanes over every group, each
 * sum in group order as in `laneWeightBlock` and `laneBiasBlock`, then all reduced at once (`laneSums`, the same
 * order as `laneSum`): row k of dL/dW starts at `target`, dL/db at `biasTarget`, row k of the lane sums (the bias's
 * after the inputs') at `carry`. */
NN_INLINE void lanePackedBlock(const int inputs, const int bias, const int width, long start, const Lanes *input,
                               long inputWidth, const Lanes *delta, long outputWidth, long groups, Scalar *target,
                               Scalar *biasTarget, const int mode, Lanes *carry) {
  const int rows = inputs + bias;
  Lanes sums[16];
  for (int index = 0; index < 16; index++) sums[index] = splat(0);
  if (mode == NN_SUMS_SECOND) {
    for (int index = 0; index < rows; index++) {
      for (int unit = 0; unit < width; unit++) sums[index * width + unit] = carry[index * outputWidth + start + unit];
    }
  }
  for (long group = 0; group < groups; group++) {
    const Lanes *x = input + group * inputWidth;
    const Lanes *row = delta + group * outputWidth + start;
    Lanes deltas[8];
    for (int unit = 0; unit < width; unit++) deltas[unit] = row[unit];
    for (int index = 0; index < inputs; index++) {
      Lanes value = x[index];
      for (int unit = 0; unit < width; unit++) {
        sums[index * width + unit] = NN_FMA(value, deltas[unit], sums[index * width + unit]);
      }
    }
    if (bias) {
      for (int unit = 0; unit < width; unit++) sums[inputs * width + unit] += deltas[unit];
    }
  }
  if (mode == NN_SUMS_FIRST) {
    for (int index = 0; index < rows; index++) {
      for (int unit = 0; unit < width; unit++) carry[index * outputWidth + start + unit] = sums[index * width + unit];
    }
    return;
  }
  Lanes totals = laneSums(sums);
  for (int index = 0; index < inputs; index++) {
    for (int unit = 0; unit < width; unit++) {
      target[index * outputWidth + start + unit] = totals[index * width + unit];
    }
  }
  if (bias) {
    for (int unit = 0; unit < width; unit++) biasTarget[start + unit] = totals[inputs * width + unit];
  }
}

/* How many sums of lane vectors a block of the float32 lane gradients keeps (`lanePackedBlock`), and whether the
 * bias's sums join the last block: with AVX-512 sixteen, the bias's among them; with AVX2, whose sixteen registers
 * hold eight lane vectors, eight, the bias's in blocks of their own (`laneBiasBlock`); the SSE2 baseline sixteen,
 * the bias's apart.
 *
 * Design note, from measurements (AMD EPYC Zen 4, the kernels timed alone, interleaved): with AVX2, blocks of eight
 * sums took the gradients of iris's layers (4-12, 12-6, 6-3 at 64 rows) from 184, 184 and 49 ns to 135, 116 and 40
 * ns, sphere's (3-3, 3-2, 2-1 at 128 rows) 49, 28 and 14 ns to 41, 28 and 14.5; the bias's sums in the last block
 * took sphere's first two layers longer there (55-59 and 34-36 ns). With AVX-512 the bias's sums in the last block
 * took sphere's three layers' gradients from 72 to 60 ns (iris's 1% less). */
#if NN_REGISTER_LANES == 8
#define NN_PACKED_SUMS 8
#else
#define NN_PACKED_SUMS 16
#endif
#define NN_PACKS_BIAS (NN_REGISTER_LANES == 32)

/* Every input's dL/dW for units start..<start + width, and dL/db (for `biasGradient` not NULL, where NN_PACKS_BIAS),
 * as many rows of sums to a block as fill NN_PACKED_SUMS (sixteen: 2 rows for 6 to 8 units, 3 for 5, 4 for 4, 5 for
 * 3, 8 for 2, 16 for 1; eight: 1 row for 5 to 8 units, 2 for 3 and 4, 4 for 2, 8 for 1), the bias's row in the last
 * block where NN_PACKS_BIAS, with the inputs left (each count a constant in its copy), so that a layer of at most
 * NN_PACKED_SUMS weights and biases per block of units takes one reduction. */
NN_INLINE void laneInputBlocks(const int width, long start, const Lanes *input, long inputWidth, const Lanes *delta,
                               long outputWidth, long groups, Scalar *weightGradient, Scalar *biasGradient,
                               const int mode, Lanes *carry) {
  const int most = NN_PACKED_SUMS / width;
  const int bias = NN_PACKS_BIAS && biasGradient != NULL;
  long index = 0;
#define NN_PACKED(inputs, withBias)                                                                          \
  lanePackedBlock(inputs, withBias, width, start, input + index, inputWidth, delta, outputWidth, groups,     \
                  weightGradient + index * outputWidth, biasGradient, mode,                                   \
                  carryAt(mode, carry, index * outputWidth))
  for (; inputWidth + bias - index > most; index += most) NN_PACKED(most, 0);
  /* The last block: the inputs left, then the bias's row. */
#define NN_LAST(inputs)                                  \
  if (bias) {                                            \
    if ((inputs) < most) NN_PACKED(inputs, 1);           \
  } else if ((inputs) > 0 && (inputs) <= most) {         \
    NN_PACKED(inputs, 0);                                \
  }                                                      \
  break
  switch (inputWidth - index) {
  case 16: NN_LAST(16);
  case 15: NN_LAST(15);
  case 14: NN_LAST(14);
  case 13: NN_LAST(13);
  case 12: NN_LAST(12);
  case 11: NN_LAST(11);
  case 10: NN_LAST(10);
  case 9: NN_LAST(9);
  case 8: NN_LAST(8);
  case 7: NN_LAST(7);
  case 6: NN_LAST(6);
  case 5: NN_LAST(5);
  case 4: NN_LAST(4);
  case 3: NN_LAST(3);
  case 2: NN_LAST(2);
  case 1: NN_LAST(1);
  case 0: NN_LAST(0);
  default: break;
  }
#undef NN_LAST
#undef NN_PACKED
}

/* The float32 form: the sums of a block of units for several inputs (and the bias, where NN_PACKS_BIAS) are reduced
 * together (`laneSums`), so that on small batches the sixteen-lane reductions, one by one as many operations as the
 * block's multiply-adds, cost a fraction of them; each sum is the one `laneWeightBlock` or `laneBiasBlock` takes, to
 * the bit.
 *
 * Design note, from measurements (AMD EPYC Zen 5, x86-64-v4): the gradients of the iris network (4-12-6-3, batch
 * 64) took 155 ns reduced one sum at a time (float64: 175 ns), 103 ns with the sums of a block of two inputs reduced
 * together, and 94 ns with blocks filled to sixteen sums; sphere's (3-3-2-1, batch 128) 28 ns (float64: 57 ns). */
NN_INLINE void laneParameterGradientsBody(const void *input, long inputWidth, const void *delta, long outputWidth,
                                           long groups, Scalar *weightGradient, Scalar *biasGradient, const int mode,
                                           Lanes *carry) {
#define NN_UNIT_BLOCK(width, start)                                                                   \
  laneInputBlocks(width, start, input, inputWidth, delta, outputWidth, groups, weightGradient, biasGradient, mode, \
                  carry)
  NN_FOR_BLOCKS(outputWidth, NN_UNIT_BLOCK);
#undef NN_UNIT_BLOCK
  if (!NN_PACKS_BIAS && biasGradient) {
#define NN_BIAS_BLOCK(width, start)                                                                   \
  laneBiasBlock(width, start, delta, outputWidth, groups, biasGradient, mode,                         \
                carryAt(mode, carry, inputWidth * outputWidth))
    NN_FOR_BLOCKS(outputWidth, NN_BIAS_BLOCK);
#undef NN_BIAS_BLOCK
  }
}
#else
NN_INLINE void laneParameterGradientsBody(const void *input, long inputWidth, const void *delta, long outputWidth,
                                           long groups, Scalar *weightGradient, Scalar *biasGradient, const int mode,
                                           Lanes *carry) {
  const Lanes *x = input;
  long index = 0;
  for (; inputWidth - index >= 2; index += 2) {
#define NN_PAIR_BLOCK(width, start)                                                                   \
  laneWeightBlock(2, width, start, x + index, inputWidth, delta, outputWidth, groups,                \
                  weightGradient + index * outputWidth, mode, carryAt(mode, carry, index * outputWidth))
    NN_FOR_BLOCKS(outputWidth, NN_PAIR_BLOCK);
#undef NN_PAIR_BLOCK
  }
  if (index < inputWidth) {
#define NN_SINGLE_BLOCK(width, start)                                                                 \
  laneWeightBlock(1, width, start, x + index, inputWidth, delta, outputWidth, groups,                \
                  weightGradient + index * outputWidth, mode, carryAt(mode, carry, index * outputWidth))
    NN_FOR_BLOCKS(outputWidth, NN_SINGLE_BLOCK);
#undef NN_SINGLE_BLOCK
  }
  if (biasGradient) {
#define NN_BIAS_BLOCK(width, start)                                                                   \
  laneBiasBlock(width, start, delta, outputWidth, groups, biasGradient, mode,                         \
                carryAt(mode, carry, inputWidth * outputWidth))
    NN_FOR_BLOCKS(outputWidth, NN_BIAS_BLOCK);
#undef NN_BIAS_BLOCK
  }
}
#endif

/* One tile of dL/dW from rows of error terms: inputs first..<first + inputs by units
 * NN_LANES vector..<NN_LANES (vector + units), summed over every sample, one chain per weight in sample order; the
 * unfinished sums of input k in row k of `carry` (rows of NN_ROW_WIDTH(n)), left there with NN_SUMS_FIRST and
 * carried on from there with NN_SUMS_SECOND. */
NN_INLINE void rowTile(const int inputs, const int units, long first, long vector, const Scalar *input,
                       long inputWidth, const Scalar *rows, long outputWidth, long groups, Scalar *weightGradient,
                       const int mode, Lanes *carry) {
  long padded = NN_ROW_WIDTH(outputWidth);
  long column = vector * NN_LANES;
  Lanes *carried = mode == NN_SUMS_WHOLE ? NULL : carry + first * (padded / NN_LANES) + vector;
  Lanes sums[16];
  for (int index = 0; index < 16; index++) sums[index] = splat(0);
  if (mode == NN_SUMS_SECOND) {
    for (int index = 0; index < inputs; index++) {
      for (int unit = 0; unit < units; unit++) sums[4 * index + unit] = carried[index * (padded / NN_LANES) + unit];
    }
  }
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
      if (mode == NN_SUMS_FIRST) {
        carried[index * (padded / NN_LANES) + unit] = sums[4 * index + unit];
      } else {
        storePrefix(sums[4 * index + unit], target + NN_LANES * unit, outputWidth - column - NN_LANES * unit);
      }
    }
  }
}

/* The side of the sums in rows' tiles (`rowParameterGradientsBody`), in inputs and in vectors of units: four in
 * float64 where the registers hold 32 lane vectors (AVX-512), two elsewhere. */
#if NN_REGISTER_LANES >= 32 && !defined(NN_FLOAT_KERNELS)
#define NN_ROW_TILE 4
#else
#define NN_ROW_TILE 2
#endif

/* Every tile of inputs first..<first + inputs: NN_ROW_TILE vectors of units at a time, then two (after fours), then
 * one (see `rowParameterGradientsBody`). */
NN_INLINE void rowTiles(const int inputs, long first, const Scalar *input, long inputWidth, const Scalar *rows,
                        long outputWidth, long groups, Scalar *weightGradient, const int mode, Lanes *carry) {
  long vectors = NN_ROW_WIDTH(outputWidth) / NN_LANES;
  long vector = 0;
  for (; vectors - vector >= NN_ROW_TILE; vector += NN_ROW_TILE) {
    rowTile(inputs, NN_ROW_TILE, first, vector, input, inputWidth, rows, outputWidth, groups, weightGradient, mode,
            carry);
  }
  if (NN_ROW_TILE > 2 && vectors - vector >= 2) {
    rowTile(inputs, 2, first, vector, input, inputWidth, rows, outputWidth, groups, weightGradient, mode, carry);
    vector += 2;
  }
  if (vectors - vector >= 1) rowTile(inputs, 1, first, vector, input, inputWidth, rows, outputWidth, groups, weightGradient, mode, carry);
}

/* The sums in rows: delta transposed into rows of `scratch`, then the tiles of NN_ROW_TILE inputs at a time, then two,
 * then one, then dL/db. Where the instruction set has sixteen vector registers, tiles of two inputs by two vectors of
 * units: a lane vector then takes two registers (AVX2) or four (SSE2), and the sixteen sums of a tile of four by four
 * spilled; digits (64-128-64-10, batch 32) trained 1.17 times as fast in float64 and 1.21 in float32 with the
 * x86-64-v3 kernels, 1.10 with the SSE2 ones (AMD EPYC Zen 4, paired runs). With AVX-512's 32 registers, float64 keeps
 * the tiles of four by four (digits batch 32: 1.02-1.08 times as fast as with two by two), and float32 takes two by
 * two (four by four: 0.93-0.96 times as fast; same machine, paired runs). Each weight's sum is the same chain over the
 * samples whatever the tile, so the results are the same to the bit. With NN_SUMS_FIRST, `progress` counts the blocks
 * of inputs done (the bias last); with NN_SUMS_SECOND, each block waits for the first part's. */
NN_INLINE void rowParameterGradientsBody(const void *input, long inputWidth, const void *delta, long outputWidth,
                                          long groups, void *scratch, Scalar *weightGradient, Scalar *biasGradient,
                                          const int mode, Lanes *carry, long *progress) {
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
  long first = 0, block = 0, seen = 0;
#define NN_ROW_BLOCK(inputs)                                                                            \
  do {                                                                                                  \
    block++;                                                                                            \
    if (mode == NN_SUMS_SECOND) awaitProgress(progress, block, &seen);                                  \
    rowTiles(inputs, first, input, inputWidth, rows, outputWidth, groups, weightGradient, mode, carry); \
    if (mode == NN_SUMS_FIRST) publishProgress(progress, block);                                        \
    first += inputs;                                                                                    \
  } while (0)
  while (inputWidth - first >= NN_ROW_TILE) NN_ROW_BLOCK(NN_ROW_TILE);
  if (inputWidth - first >= 2) NN_ROW_BLOCK(2);
  if (inputWidth - first >= 1) NN_ROW_BLOCK(1);
#undef NN_ROW_BLOCK
  if (mode == NN_SUMS_SECOND) awaitProgress(progress, block + 1, &seen);
  if (biasGradient) {
    long samples = groups * NN_LANES;
    for (long unit = 0; unit < padded; unit += NN_LANES) {
      Lanes *biasCarry = mode == NN_SUMS_WHOLE ? NULL : carry + inputWidth * (padded / NN_LANES) + unit / NN_LANES;
      Lanes sums = mode == NN_SUMS_SECOND ? *biasCarry : splat(0);
      for (long sample = 0; sample < samples; sample++) sums += *(const Lanes *)(rows + sample * padded + unit);
      if (mode == NN_SUMS_FIRST) {
        *biasCarry = sums;
      } else {
        storePrefix(sums, biasGradient + unit, outputWidth - unit);
      }
    }
  }
  if (mode == NN_SUMS_FIRST) publishProgress(progress, block + 1);
}

/* The gradient sums each way compiled on its own: of the samples given (`...Gradients`), or of a part of a batch run
 * by two threads (`...OfPart`). A test of a flag at every store had cost iris and digits at batch 32 2-3% on one
 * thread. */
NN_KERNEL void laneParameterGradients(const void *input, long inputWidth, const void *delta, long outputWidth,
                                      long groups, Scalar *weightGradient, Scalar *biasGradient) {
  laneParameterGradientsBody(input, inputWidth, delta, outputWidth, groups, weightGradient, biasGradient,
                             NN_SUMS_WHOLE, NULL);
}

NN_KERNEL void rowParameterGradients(const void *input, long inputWidth, const void *delta, long outputWidth,
                                     long groups, void *scratch, Scalar *weightGradient, Scalar *biasGradient) {
  rowParameterGradientsBody(input, inputWidth, delta, outputWidth, groups, scratch, weightGradient, biasGradient,
                            NN_SUMS_WHOLE, NULL, NULL);
}

NN_KERNEL void laneParameterGradientsOfPart(const void *input, long inputWidth, const void *delta, long outputWidth,
                                            long groups, Scalar *weightGradient, Scalar *biasGradient, int part,
                                            void *carry, long *progress) {
  if (part == 0) {
    laneParameterGradientsBody(input, inputWidth, delta, outputWidth, groups, weightGradient, biasGradient,
                               NN_SUMS_FIRST, carry);
    publishProgress(progress, 1);
  } else {
    long seen = 0;
    awaitProgress(progress, 1, &seen);
    laneParameterGradientsBody(input, inputWidth, delta, outputWidth, groups, weightGradient, biasGradient,
                               NN_SUMS_SECOND, carry);
  }
}

NN_KERNEL void rowParameterGradientsOfPart(const void *input, long inputWidth, const void *delta, long outputWidth,
                                           long groups, void *scratch, Scalar *weightGradient, Scalar *biasGradient,
                                           int part, void *carry, long *progress) {
  if (part == 0) {
    rowParameterGradientsBody(input, inputWidth, delta, outputWidth, groups, scratch, weightGradient, biasGradient,
                              NN_SUMS_FIRST, carry, progress);
  } else {
    rowParameterGradientsBody(input, inputWidth, delta, outputWidth, groups, scratch, weightGradient, biasGradient,
                              NN_SUMS_SECOND, carry, progress);
  }
}

/* dL/dx for inputs start..<start + width, two groups at a time, times the previous activation's derivative. */
NN_INLINE void inputGradientBlock(const int width, long start, const Lanes *delta, long outputWidth,
                                  const Scalar *weights, Lanes *target, long inputWidth, long groups,
                                  const Lanes *inputs, const int derivative) {
  const Scalar *rows = weights + start * outputWidth;
  long group = 0;
  for (; NN_PAIRS_GROUPS(width) && groups - group >= 2; group += 2) {
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
  for (; group < groups; group++) {
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

#if NN_NARROW_FOUR_GROUPS
/* dL/dx for inputs start..<start + width (at most 4), four groups at a time, then the rest by `inputGradientBlock`;
 * each sum in unit order, as there. */
NN_INLINE void narrowInputGradientBlock(const int width, long start, const Lanes *delta, long outputWidth,
                                        const Scalar *weights, Lanes *target, long inputWidth, long groups,
                                        const Lanes *inputs, const int derivative) {
  const Scalar *rows = weights + start * outputWidth;
  long group = 0;
  for (; groups - group >= 4; group += 4) {
    const Lanes *d = delta + group * outputWidth;
    Lanes sums[4][4];
    for (int member = 0; member < 4; member++) {
      for (int index = 0; index < width; index++) sums[member][index] = splat(0);
    }
    for (long unit = 0; unit < outputWidth; unit++) {
      for (int index = 0; index < width; index++) {
        Lanes weight = splat(rows[index * outputWidth + unit]);
        for (int member = 0; member < 4; member++) {
          sums[member][index] = NN_FMA(weight, d[member * outputWidth + unit], sums[member][index]);
        }
      }
    }
    for (int member = 0; member < 4; member++) {
      long offset = (group + member) * inputWidth + start;
      for (int index = 0; index < width; index++) {
        target[offset + index] = applyOutputDerivative(derivative, sums[member][index], inputs[offset + index]);
      }
    }
  }
  if (group < groups) {
    inputGradientBlock(width, start, delta + group * outputWidth, outputWidth, weights, target + group * inputWidth,
                       inputWidth, groups - group, inputs + group * inputWidth, derivative);
  }
}
#endif

/* The input gradient with the derivative a constant in each copy. */
NN_INLINE void inputGradientRun(const int derivative, const void *delta, long outputWidth, const Scalar *weights,
                                void *target, long inputWidth, long groups, const void *inputs) {
#if NN_NARROW_FOUR_GROUPS
  /* At most four inputs: four groups at a time, as `denseForward` takes layers of at most four units (sphere's two
   * input gradients: from 24 to 20 ns; float64: 42 ns). */
  if (inputWidth <= 4) {
#define NN_NARROW_INPUT_BLOCK(width, start)                                                                    \
  narrowInputGradientBlock(width, start, delta, outputWidth, weights, target, inputWidth, groups, inputs,      \
                           derivative)
    NN_FOR_BLOCKS(inputWidth, NN_NARROW_INPUT_BLOCK);
#undef NN_NARROW_INPUT_BLOCK
    return;
  }
#endif
#define NN_INPUT_BLOCK(width, start) \
  inputGradientBlock(width, start, delta, outputWidth, weights, target, inputWidth, groups, inputs, derivative)
  NN_FOR_LANE_BLOCKS(inputWidth, NN_INPUT_BLOCK);
#undef NN_INPUT_BLOCK
}

NN_KERNEL void inputGradient(const void *delta, long outputWidth, const Scalar *weights, void *target, long inputWidth,
                             long groups, const void *inputs, int derivative) {
#define NN_INPUT_RUN(constant) \
  inputGradientRun(constant, delta, outputWidth, weights, target, inputWidth, groups, inputs)
  NN_WITH_OUTPUT_DERIVATIVE(derivative, NN_INPUT_RUN);
#undef NN_INPUT_RUN
}
