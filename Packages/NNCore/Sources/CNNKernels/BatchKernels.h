/* Making a batch: rows gathered into lanes, and (in the float64 tables) mt19937's draws and twist.
 * Part of KernelBody.h: included once per instruction set and element type, after KernelMath.h or
 * KernelMathFloat.h. */

/* One group of the gather: target[k][l] = row[l][k] for k < width (a constant in each copy). */
NN_INLINE void gatherGroup(const long width, const Scalar *const row[NN_LANES], Scalar *target) {
  for (long column = 0; column < width; column++) *(Lanes *)(target + column * NN_LANES) = gatherColumn(row, column);
}

#ifdef NN_FLOAT_KERNELS
/* Four floats at any address aligned to a float. */
typedef float UnalignedQuarterLanes __attribute__((vector_size(16), aligned(4)));
/* Two floats at any address aligned to a float. */
typedef float UnalignedEighthLanes __attribute__((vector_size(8), aligned(4)));

#if NN_INSTRUCTION_SET >= NN_X86_64_V3
/* Four 32-bit lanes, each all ones to load a lane or zero to leave it out. */
typedef int QuarterLaneMask __attribute__((vector_size(16)));

/* Row `row` of a source of rows of `width` floats (2 to 4) as one quarter vector, its values in the first `width`
 * lanes: one load, masked to the row for widths below four (AVX's masked load reads only the lanes it keeps, so
 * nothing past the row, and faults on none of the others). */
NN_INLINE QuarterLanes rowQuarter(const long width, const float *source, long row) {
  const float *start = source + row * width;
  if (width == 4) return *(const UnalignedQuarterLanes *)start;
  QuarterLaneMask mask = {-1, -1, width == 3 ? -1 : 0, 0};
  return __builtin_ia32_maskloadps((const QuarterLanes *)start, mask);
}
#else
/* Row `row` of a source of rows of `width` floats (2 to 4) as one quarter vector, its values in the first `width`
 * lanes, in loads that read nothing past the row: four floats at once for a width of four, the pairs (0, 1) and
 * (1, 2) for three, one pair for two. (A width of three read as the four floats ending with the row's last, one of
 * them the previous row's, saved a load a row: with a branch per row the compiler passed the rows through memory;
 * with one test per group for the source's first row, the only one so read past, the gather alone took 67 ns
 * instead of 74 on sphere's batch, but training on iris (3 targets a row) lost 3% and on sphere gained nothing.) */
NN_INLINE QuarterLanes rowQuarter(const long width, const float *source, long row) {
  const float *start = source + row * width;
  if (width == 4) return *(const UnalignedQuarterLanes *)start;
  EighthLanes low = *(const UnalignedEighthLanes *)start;
  if (width == 2) return __builtin_shufflevector(low, low, 0, 1, 0, 1);
  EighthLanes high = *(const UnalignedEighthLanes *)(start + 1);
  return __builtin_shufflevector(low, high, 0, 1, 3, 3);
}
#endif

/* The row in lane `lane` of a group: `index[lane]`, or `first + lane` for consecutive rows (`index` NULL). */
#define NN_GROUP_ROW(index, first, lane) ((index) ? (index)[lane] : (first) + (lane))

/* Columns k and k + 1 of sixteen rows from the four joined vectors of `gatherGroupByRows`: lanes 0-7 column k of rows
 * 0-7 (from `first`, rows 0-3, and `second`, rows 4-7), lanes 8-15 column k + 1 of the same rows. */
#define NN_COLUMN_PAIR(first, second, k)                                                                            \
  __builtin_shufflevector(first, second, k, k + 4, k + 8, k + 12, k + 16, k + 20, k + 24, k + 28, k + 1, k + 5,     \
                          k + 9, k + 13, k + 17, k + 21, k + 25, k + 29)

/* One group of the gather for widths 2 to 4 by shuffles, target[k][l] = source[r(l) width + k], r(l) the group's row
 * in lane l (NN_GROUP_ROW): the rows, one quarter vector each (`rowQuarter`), are joined four by four into whole
 * vectors (rows 4j..4j+3 one after another); one shuffle of two joined vectors takes two columns of eight rows, and
 * one more puts the halves of a column together.
 *
 * Design notes, from measurements (AMD EPYC Zen 5, x86-64-v4): with one load and one insertion per value, as the
 * float64 tables gather, sixteen lanes cost twice eight's per row; gathering an iris batch (64 rows of 4 inputs and 3
 * targets) took 129 ns against 79 ns in float64, and 40 ns by rows and shuffles; sphere's (128 rows of 3 inputs and 1
 * target) 133 ns against 98 ns, then 74 ns. On an AMD EPYC Zen 4 (x86-64-v4, the gather of 128 rows timed alone),
 * masked loads of the rows, two columns to a shuffle and the indices read straight (`gatherWidth`) took 36 ns instead
 * of 73 for rows of three floats, 35 instead of 46 for two, 40 instead of 58 for four, and 30 instead of 36 for one
 * (x86-64-v3: 55 instead of 81 for three; SSE2, without masked loads, 59 instead of 89).
 */
NN_INLINE void gatherGroupByRows(const long width, const float *source, const long *index, long first, float *target) {
  Lanes joined[4];
  for (int part = 0; part < 4; part++) {
    QuarterLanes a = rowQuarter(width, source, NN_GROUP_ROW(index, first, 4 * part));
    QuarterLanes b = rowQuarter(width, source, NN_GROUP_ROW(index, first, 4 * part + 1));
    QuarterLanes c = rowQuarter(width, source, NN_GROUP_ROW(index, first, 4 * part + 2));
    QuarterLanes d = rowQuarter(width, source, NN_GROUP_ROW(index, first, 4 * part + 3));
    HalfLanes low = __builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7);
    HalfLanes high = __builtin_shufflevector(c, d, 0, 1, 2, 3, 4, 5, 6, 7);
    joined[part] = __builtin_shufflevector(low, high, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  }
  Lanes front = NN_COLUMN_PAIR(joined[0], joined[1], 0), back = NN_COLUMN_PAIR(joined[2], joined[3], 0);
  *(Lanes *)target = __builtin_shufflevector(front, back, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
  *(Lanes *)(target + NN_LANES) =
      __builtin_shufflevector(front, back, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
  if (width >= 3) {
    front = NN_COLUMN_PAIR(joined[0], joined[1], 2);
    back = NN_COLUMN_PAIR(joined[2], joined[3], 2);
    *(Lanes *)(target + 2 * NN_LANES) =
        __builtin_shufflevector(front, back, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
    if (width == 4) {
      *(Lanes *)(target + 3 * NN_LANES) =
          __builtin_shufflevector(front, back, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
    }
  }
}
#undef NN_COLUMN_PAIR

/* The source rows of the last group `group` of a batch of `count` rows, short of sixteen: `rows[16 group + l]` (or
 * 16 group + l when `rows` is NULL), the last row repeated past the batch's end. */
NN_INLINE void groupIndices(const long *rows, long count, long group, long index[16]) {
  long first = group * NN_LANES;
  for (int lane = 0; lane < NN_LANES; lane++) {
    long position = first + lane < count ? first + lane : count - 1;
    index[lane] = rows ? rows[position] : position;
  }
}

/* One group of the gather, its rows `index[l]` or, for `index` NULL, `first + l`. */
NN_INLINE void gatherGroupOfWidth(const long width, const float *source, const long *index, long first, float *target) {
  if (width >= 2 && width <= 4) {
    gatherGroupByRows(width, source, index, first, target);
  } else {
    const float *row[NN_LANES];
    for (int lane = 0; lane < NN_LANES; lane++) row[lane] = source + NN_GROUP_ROW(index, first, lane) * width;
    gatherGroup(width, row, target);
  }
}

/* The gather for one width (a constant in each copy for widths 1 to 4). Whole groups read their rows straight from
 * `rows` (or take consecutive ones), so that each address is one load and one multiply-add: with the indices first
 * copied into an array, shared with the last group's, the compiler loaded them as vectors and took each address back
 * out of a vector, one by one. The last group, short of sixteen rows, repeats its last row (`groupIndices`). */
NN_INLINE void gatherWidth(const long width, const float *source, const long *rows, long count, float *lanes) {
  long whole = count / NN_LANES;
  /* Two loops, so that whether rows are listed is a constant in each. */
  if (rows) {
    for (long group = 0; group < whole; group++) {
      gatherGroupOfWidth(width, source, rows + group * NN_LANES, 0, lanes + group * width * NN_LANES);
    }
  } else {
    for (long group = 0; group < whole; group++) {
      gatherGroupOfWidth(width, source, NULL, group * NN_LANES, lanes + group * width * NN_LANES);
    }
  }
  if (whole < NN_GROUPS(count)) {
    long index[NN_LANES];
    groupIndices(rows, count, whole, index);
    gatherGroupOfWidth(width, source, index, 0, lanes + whole * width * NN_LANES);
  }
}
#else
/* The gather for one width (a constant in each copy for widths 1 to 4: the loops unroll and a row's position is an
 * address computation). */
NN_INLINE void gatherWidth(const long width, const Scalar *source, const long *rows, long count, Scalar *lanes) {
  long groups = NN_GROUPS(count);
  for (long group = 0; group < groups; group++) {
    const Scalar *row[NN_LANES];
    for (int lane = 0; lane < NN_LANES; lane++) {
      long position = group * NN_LANES + lane;
      if (position >= count) position = count - 1;
      row[lane] = source + (rows ? rows[position] : position) * width;
    }
    gatherGroup(width, row, lanes + group * width * NN_LANES);
  }
}
#endif

NN_KERNEL void gatherRows(const Scalar *source, long width, const long *rows, long count, void *lanes) {
  switch (width) {
  case 1: gatherWidth(1, source, rows, count, lanes); break;
  case 2: gatherWidth(2, source, rows, count, lanes); break;
  case 3: gatherWidth(3, source, rows, count, lanes); break;
  case 4: gatherWidth(4, source, rows, count, lanes); break;
  default: gatherWidth(width, source, rows, count, lanes); break;
  }
}

#ifndef NN_FLOAT_KERNELS
/* The draws and the twist read each word's low half as the first of its two 32-bit lanes. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the mt19937 kernels read words as little-endian halves");

/* Eight unsigned 32-bit lanes: eight mt19937 words (each held in the low half of an unsigned long). */
typedef unsigned int DrawWords __attribute__((vector_size(32)));
/* Four unsigned 64-bit lanes: products of a word and the bound. */
typedef unsigned long DrawProducts __attribute__((vector_size(32)));
/* Four unsigned 64-bit lanes at any address aligned to eight bytes. */
typedef unsigned long UnalignedDrawProducts __attribute__((vector_size(32), aligned(8)));

/* The eight words from `from` on in 32-bit lanes, in the order 0 1 4 5 2 3 6 7: the low halves of two vectors of
 * four words, taken by one shuffle within each half of the vector. */
NN_INLINE DrawWords eightWords(const unsigned long *from) {
  DrawWords front = (DrawWords)*(const UnalignedDrawProducts *)from;
  DrawWords back = (DrawWords)*(const UnalignedDrawProducts *)(from + 4);
  return __builtin_shufflevector(front, back, 0, 2, 8, 10, 4, 6, 12, 14);
}

/* Eight draws at a time, in 32-bit lanes: the words' low halves (their high halves are zero) taken into one vector
 * (`eightWords`), tempered, then multiplied by the bound as two vectors of 64-bit products, draws 0 4 2 6 and
 * 1 5 3 7, whose interleaving within each half gives the draws 0-3 and 4-7 back in order. The bound is below 2^32,
 * so each product is one 32-by-32-bit multiplication.
 *
 * Design note, from measurements (AMD EPYC Zen 4, 128 draws timed alone, minima of 40 interleaved runs): tempered in
 * 64-bit lanes, as the words are stored, the draws took 62.9 ns with AVX2, 41.1 with AVX-512 and 99.4 with SSE2; in
 * 32-bit lanes, 37.7, 31.8 and 70.2 ns. The same draws, to the bit, for bounds from 1 to 2^32 - 1. */
NN_KERNEL long drawBlocks(const unsigned long *words, long index, unsigned long bound, long *indices, long count) {
  long position = 0;
  const unsigned long low = bound & 0xffffffffUL;
  const DrawProducts range = {low, low, low, low};
  const unsigned int narrow = (unsigned int)low;
  const DrawWords lowRange = {narrow, narrow, narrow, narrow, narrow, narrow, narrow, narrow};
  for (; count - position >= 8 && index <= 624 - 8; index += 8, position += 8) {
    DrawWords word = eightWords(words + index);
    word ^= word >> 11;
    word ^= (word << 7) & 0x9d2c5680U;
    word ^= (word << 15) & 0xefc60000U;
    word ^= word >> 18;
    DrawProducts even = ((DrawProducts)word & 0xffffffffUL) * range;
    DrawProducts odd = ((DrawProducts)word >> 32) * range;
    DrawWords lows = __builtin_shufflevector((DrawWords)even, (DrawWords)odd, 0, 2, 8, 10, 4, 6, 12, 14);
    DrawWords rejected = (DrawWords)(lows < lowRange);
    unsigned int anyRejected = 0;
    for (int lane = 0; lane < 8; lane++) anyRejected |= rejected[lane];
    if (anyRejected) break;
    *(UnalignedDrawProducts *)(indices + position) = __builtin_shufflevector(even, odd, 0, 4, 2, 6) >> 32;
    *(UnalignedDrawProducts *)(indices + position + 4) = __builtin_shufflevector(even, odd, 1, 5, 3, 7) >> 32;
  }
  return position;
}

/* One word of the twist: w[k] = w[far] ^ (y >> 1) ^ (y odd ? 0x9908b0df : 0), y = upper bit of w[k] and lower
 * bits of w[k + 1]. */
NN_INLINE unsigned long twistWord(unsigned long upper, unsigned long lower, unsigned long far) {
  unsigned long y = (upper & 0x80000000UL) | (lower & 0x7fffffffUL);
  return far ^ (y >> 1) ^ ((y & 1) ? 0x9908b0dfUL : 0);
}

/* Eight words of the twist from `at` on, in 32-bit lanes (the words' high halves are zero): their successors and
 * the words `far` places away, each eight taken into one vector (`eightWords`), and the results widened back in
 * order. The twist took 193 ns with AVX2, 140 with AVX-512 and 253 with SSE2 as the compiler
 * vectorised it in 64-bit lanes; this way, 117, 110 and 200 ns (AMD EPYC Zen 4, timed alone). */
NN_INLINE void twistEight(unsigned long *at, long far) {
  DrawWords upper = eightWords(at), lower = eightWords(at + 1), distant = eightWords(at + far);
  DrawWords y = (upper & 0x80000000U) | (lower & 0x7fffffffU);
  DrawWords twisted = distant ^ (y >> 1) ^ ((0U - (y & 1U)) & 0x9908b0dfU);
  const DrawWords zero = {0, 0, 0, 0, 0, 0, 0, 0};
  *(UnalignedDrawProducts *)at = (DrawProducts)__builtin_shufflevector(twisted, zero, 0, 8, 1, 8, 4, 8, 5, 8);
  *(UnalignedDrawProducts *)(at + 4) = (DrawProducts)__builtin_shufflevector(twisted, zero, 2, 8, 3, 8, 6, 8, 7, 8);
}

NN_KERNEL void twist(unsigned long *words) {
  const long count = 624, shift = 397;
  long k = 0;
  /* Each word reads its successor before that is rewritten, and a word 397 places on (in the first 227) or 227
   * places back (in the rest), which no word of the same loop writes: eight at a time, then one by one to the end
   * of each loop. */
  for (; count - shift - k >= 8; k += 8) twistEight(words + k, shift);
  for (; k < count - shift; k++) words[k] = twistWord(words[k], words[k + 1], words[k + shift]);
  for (; count - 1 - k >= 8; k += 8) twistEight(words + k, shift - count);
  for (; k < count - 1; k++) words[k] = twistWord(words[k], words[k + 1], words[k + shift - count]);
  words[count - 1] = twistWord(words[count - 1], words[0], words[shift - 1]);
}
#endif
