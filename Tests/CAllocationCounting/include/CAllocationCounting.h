/* Counting one thread's heap allocations, for tests that check that a code path allocates nothing.
 *
 * The test executable defines malloc, calloc, realloc, memalign, aligned_alloc and posix_memalign itself; the
 * dynamic linker binds every library's calls to the executable's definitions, so the Swift runtime's and the C
 * libraries' allocations pass through them too. Each forwards to the C library's allocator (glibc's `__libc_`
 * entry points) and adds one to a count kept per thread, so that tests running at the same time on other threads do
 * not disturb it. Elsewhere than on glibc, and in builds with a sanitizer that brings its own allocation functions
 * (address, thread, memory), nothing is defined and the count stays unavailable.
 */
#ifndef CALLOCATIONCOUNTING_H
#define CALLOCATIONCOUNTING_H

#ifdef __cplusplus
extern "C" {
#endif

/* Whether allocations are counted in this build (glibc, without an allocating sanitizer). */
int NNAllocationCountingAvailable(void);

/* The number of allocations (successful or not) the calling thread has asked for since it started, through any of
 * the functions above; 0 where counting is unavailable. */
unsigned long NNAllocationCount(void);

#ifdef __cplusplus
}
#endif

#endif
