/* Making a batch: rows gathered into lanes, and (in the float64 tables) mt19937's draws and twist.
 * Part of KernelBody.h: included once per instruction set and element type, after KernelMath.h or
 * KernelMathFloat.h. */

/* One group of the gather: target[k][l] = row[l][k] for k < width (a constant in each copy). */
NN_INLINE void gatherGroup(const long width, const Scalar *const row[NN_LANES], Scalar *target) {
  for (long column = 0; column < width; column++) *(Lanes *)(target + column * NN_LANES) = gatherColumn(row, column);
}

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

static void gatherRows(const Scalar *source, long width, const long *rows, long count, void *lanes) {
  switch (width) {
  case 1: gatherWidth(1, source, rows, count, lanes); break;
  case 2: gatherWidth(2, source, rows, count, lanes); break;
  case 3: gatherWidth(3, source, rows, count, lanes); break;
  case 4: gatherWidth(4, source, rows, count, lanes); break;
  default: gatherWidth(width, source, rows, count, lanes); break;
  }
}

#ifndef NN_FLOAT_KERNELS
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
#endif
