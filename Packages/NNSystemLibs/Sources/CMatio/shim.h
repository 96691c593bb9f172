#ifndef NN_CMATIO_SHIM_H
#define NN_CMATIO_SHIM_H

#include <matio.h>

/* libmatio reports problems (a truncated file, an HDF5 error stack) by printing them on standard error
   through a log function, called on the thread that made the failing call, and sometimes still returns data.
   nn reports its own errors instead: the log function below discards the messages but counts the errors and
   warnings of the calling thread, so a caller can compare its thread's count before and after a call and
   treat any new problem as a failure, whatever other threads are doing. Use these functions from one Swift
   file only: each object file that inlines them gets its own copy of the counter. */
static inline long *nn_matio_problem_counter(void) {
  static _Thread_local long counter;
  return &counter;
}

static void nn_matio_record_message(int log_level, char *message) {
  (void)message;
  if (log_level & (MATIO_LOG_LEVEL_ERROR | MATIO_LOG_LEVEL_CRITICAL | MATIO_LOG_LEVEL_WARNING)) {
    *nn_matio_problem_counter() += 1;
  }
}

/* The type of Mat_LogInitFunc. The module does not link libmatio: nn loads it when a MAT file is first used and
   looks its functions up, so every call goes through a pointer. */
typedef int (*nn_matio_log_init)(const char *prog_name, void (*log_func)(int log_level, char *message));

/* Routes libmatio's messages to nn_matio_record_message through its Mat_LogInitFunc; returns matio's status
   (0 on success). */
static inline int nn_matio_silence(nn_matio_log_init log_init) { return log_init("nn", nn_matio_record_message); }

/* An HDF5 error-stack function (H5E_auto2_t: the stack's id, client data) that prints nothing and counts the
   error as a problem of the calling thread. HDF5 keeps its error function per thread: nn installs this one on
   each thread before calling libmatio, so a v7.3 file's HDF5 errors are counted, never printed. */
static int nn_hdf5_record_error(long long stack, void *data) {
  (void)stack;
  (void)data;
  *nn_matio_problem_counter() += 1;
  return 0;
}

/* The number of errors and warnings libmatio has reported on the calling thread. */
static inline long nn_matio_problem_count(void) { return *nn_matio_problem_counter(); }

#endif
