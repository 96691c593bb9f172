/* Open MPI's C interface. Debian keeps mpi.h in an Open MPI folder off the default search path; pkg-config
 * (`ompi-c`) names it. */
#include <mpi.h>
