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

/* OpenBLAS-only entry points. OpenBLAS's own cblas.h conflicts with GSL's CBLAS header in one module,
   so the CBLAS functions come from GSL's header and these few are declared here. */
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char *openblas_get_config(void);

#endif
