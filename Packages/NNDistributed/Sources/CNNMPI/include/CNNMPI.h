/* The message-passing calls nn trains across processes with, over Open MPI: plain C functions, so that Swift
 * reaches them without Open MPI's handles (MPI_COMM_WORLD, MPI_DOUBLE, MPI_SUM and MPI_IN_PLACE are macros over
 * incomplete types there), and so that `nn train --distributed` can load them from a shared library.
 *
 * Every function but nn_mpi_abort returns 0, or an MPI error code with MPI's message written into `message`
 * (`capacity` bytes, ending in a zero byte). Counts are 32-bit in MPI: callers pass at most INT_MAX. */
#ifndef CNNMPI_H
#define CNNMPI_H

/* Starts MPI once for the process (later calls only report), with errors returned rather than fatal, and ends it
 * when the process exits; writes this process's rank and the number of processes in MPI_COMM_WORLD. */
int nn_mpi_start(int *rank, int *size, char *message, long capacity);

/* Sums `count` doubles over every process of MPI_COMM_WORLD, in place (MPI_Allreduce with MPI_IN_PLACE). */
int nn_mpi_allreduce_sum(double *values, long count, char *message, long capacity);

/* Copies `count` bytes from process `root` to every process (MPI_Bcast). */
int nn_mpi_broadcast(void *bytes, long count, int root, char *message, long capacity);

/* Waits for every process (MPI_Barrier). */
int nn_mpi_barrier(char *message, long capacity);

/* Ends every process of MPI_COMM_WORLD with `status` (MPI_Abort). */
void nn_mpi_abort(int status);

#endif
