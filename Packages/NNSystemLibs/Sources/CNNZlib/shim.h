#ifndef NN_CZLIB_SHIM_H
#define NN_CZLIB_SHIM_H

#include <zlib.h>

/* inflateInit is a macro (it passes zlib's version and the size of z_stream, so the library can check that the
   header and the library agree); Swift imports no function-like macros, hence this function. Returns Z_OK on
   success. */
static inline int nn_zlib_inflate_init(z_streamp stream) { return inflateInit(stream); }

#endif
