/* The allocation functions of the test executable: each forwards to glibc's allocator and counts the call in the
 * calling thread's count (see CAllocationCounting.h). `free` is not defined: the memory is glibc's own. */
#include "CAllocationCounting.h"

/* C library headers first: on glibc they define __GLIBC__, tested below. */
#include <errno.h>
#include <stddef.h>

#ifndef __has_feature
#define __has_feature(feature) 0
#endif

/* Address, thread and memory sanitizers bring allocation functions of their own into the executable: with one of
 * them, nothing is defined here. */
#if defined(__linux__) && defined(__GLIBC__) && !__has_feature(address_sanitizer) && \
    !__has_feature(thread_sanitizer) && !__has_feature(memory_sanitizer) && !defined(__SANITIZE_ADDRESS__)

/* glibc's allocator, which its own malloc and friends call. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

/* The calling thread's count. Initial-exec thread-local storage is part of the executable's static block, set up
 * before any code runs: reaching it never allocates (a dynamic thread-local variable could, from inside malloc). */
static __thread unsigned long allocations __attribute__((tls_model("initial-exec")));

void *malloc(size_t size) {
  allocations++;
  return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
  allocations++;
  return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
  allocations++;
  return __libc_realloc(pointer, size);
}

void *memalign(size_t alignment, size_t size) {
  allocations++;
  return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
  allocations++;
  return __libc_memalign(alignment, size);
}

/* As POSIX specifies: EINVAL unless `alignment` is a power of two multiple of the size of a pointer, ENOMEM when no
 * memory is left; `*result` is set only on success. */
int posix_memalign(void **result, size_t alignment, size_t size) {
  allocations++;
  if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
  void *pointer = __libc_memalign(alignment, size);
  if (pointer == NULL) return ENOMEM;
  *result = pointer;
  return 0;
}

int NNAllocationCountingAvailable(void) { return 1; }

unsigned long NNAllocationCount(void) { return allocations; }
#else
int NNAllocationCountingAvailable(void) { return 0; }

unsigned long NNAllocationCount(void) { return 0; }
#endif
