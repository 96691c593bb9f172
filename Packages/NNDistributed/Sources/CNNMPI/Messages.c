/* The message-passing calls of CNNMPI.h over Open MPI. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <mpi.h>

#include "CNNMPI.h"

/* Writes MPI's text for `code` into `message`; returns `code`. */
static int describe(int code, char *message, long capacity) {
  if (code == MPI_SUCCESS || message == NULL || capacity <= 0) return code;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  if (MPI_Error_string(code, text, &length) != MPI_SUCCESS) length = 0;
  text[length < MPI_MAX_ERROR_STRING ? length : MPI_MAX_ERROR_STRING - 1] = '\0';
  strncpy(message, length > 0 ? text : "unknown MPI error", (size_t)capacity - 1);
  message[capacity - 1] = '\0';
  return code;
}

/* Writes `text` into `message`; returns MPI_ERR_ARG. */
static int refuse(const char *text, char *message, long capacity) {
  if (message != NULL && capacity > 0) {
    strncpy(message, text, (size_t)capacity - 1);
    message[capacity - 1] = '\0';
  }
  return MPI_ERR_ARG;
}

/* Ends MPI at exit, unless it has ended already. */
static void finish(void) {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

int nn_mpi_start(int *rank, int *size, char *message, long capacity) {
  int initialized = 0;
  int code = MPI_Initialized(&initialized);
  if (code != MPI_SUCCESS) return describe(code, message, capacity);
  if (!initialized) {
    int provided = 0;
    code = MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided);
    if (code != MPI_SUCCESS) return describe(code, message, capacity);
    atexit(finish);
    code = MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    if (code != MPI_SUCCESS) return describe(code, message, capacity);
  }
  code = MPI_Comm_rank(MPI_COMM_WORLD, rank);
  if (code != MPI_SUCCESS) return describe(code, message, capacity);
  return describe(MPI_Comm_size(MPI_COMM_WORLD, size), message, capacity);
}

int nn_mpi_allreduce_sum(double *values, long count, char *message, long capacity) {
  if (count < 0 || count > INT_MAX) return refuse("allreduce: count out of range", message, capacity);
  return describe(MPI_Allreduce(MPI_IN_PLACE, values, (int)count, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD), message,
                  capacity);
}

int nn_mpi_broadcast(void *bytes, long count, int root, char *message, long capacity) {
  if (count < 0 || count > INT_MAX) return refuse("broadcast: count out of range", message, capacity);
  return describe(MPI_Bcast(bytes, (int)count, MPI_BYTE, root, MPI_COMM_WORLD), message, capacity);
}

int nn_mpi_barrier(char *message, long capacity) {
  return describe(MPI_Barrier(MPI_COMM_WORLD), message, capacity);
}

void nn_mpi_abort(int status) { MPI_Abort(MPI_COMM_WORLD, status); }
