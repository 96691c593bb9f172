#ifndef NN_CGSL_SHIM_H
#define NN_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cblas.h>

/* GSL's generator types are C globals, which Swift 6 does not read directly. */
static inline const gsl_rng_type *nn_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }

/* Turns GSL's default error handler (which aborts the process) off; callers check return codes. */
static inline void nn_gsl_disable_abort(void) { gsl_set_error_handler_off(); }

/* The matrix product's signature, as GSL's CBLAS header declares it. The library behind it (OpenBLAS, or GSL's
   own CBLAS when OpenBLAS cannot be loaded) is opened at the first product and its functions looked up by name;
   OpenBLAS's own cblas.h would conflict with GSL's header in one module. */
typedef void (*nn_cblas_dgemm)(
    enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE transpose_a, enum CBLAS_TRANSPOSE transpose_b, int m, int n,
    int k, double alpha, const double *a, int lda, const double *b, int ldb, double beta, double *c, int ldc);

/* The single-precision matrix product's signature, as GSL's CBLAS header declares it. */
typedef void (*nn_cblas_sgemm)(
    enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE transpose_a, enum CBLAS_TRANSPOSE transpose_b, int m, int n,
    int k, float alpha, const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc);

#endif
