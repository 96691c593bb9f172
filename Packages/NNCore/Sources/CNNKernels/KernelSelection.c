/* Choosing the kernels for this CPU. */
#include <string.h>

#include "CNNKernels.h"

extern const NNKernelTable NNKernelTableBaseline;
extern const NNKernelFloatTable NNKernelFloatTableBaseline;
#if defined(__x86_64__)
extern const NNKernelTable NNKernelTableX8664V3;
extern const NNKernelTable NNKernelTableX8664V4;
extern const NNKernelFloatTable NNKernelFloatTableX8664V3;
extern const NNKernelFloatTable NNKernelFloatTableX8664V4;

/* Whether the CPU (and the operating system, which must save the wider registers) supports x86-64-v3. */
static int supportsVersion3(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi") &&
         __builtin_cpu_supports("bmi2");
}

/* Whether the CPU and the operating system support x86-64-v4. */
static int supportsVersion4(void) {
  return supportsVersion3() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") &&
         __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512vl");
}
#endif

const NNKernelTable *NNKernelsSelect(const char *request) {
  int automatic = request == NULL || request[0] == '\0' || strcmp(request, "auto") == 0;
#if defined(__x86_64__)
  if (automatic) {
    if (supportsVersion4()) return &NNKernelTableX8664V4;
    if (supportsVersion3()) return &NNKernelTableX8664V3;
    return &NNKernelTableBaseline;
  }
  if (strcmp(request, NNKernelTableX8664V4.name) == 0) return supportsVersion4() ? &NNKernelTableX8664V4 : NULL;
  if (strcmp(request, NNKernelTableX8664V3.name) == 0) return supportsVersion3() ? &NNKernelTableX8664V3 : NULL;
#else
  if (automatic) return &NNKernelTableBaseline;
#endif
  if (strcmp(request, NNKernelTableBaseline.name) == 0) return &NNKernelTableBaseline;
  return NULL;
}

const NNKernelFloatTable *NNKernelsSelectFloat(const char *request) {
  const NNKernelTable *table = NNKernelsSelect(request);
  if (table == NULL) return NULL;
#if defined(__x86_64__)
  if (table == &NNKernelTableX8664V4) return &NNKernelFloatTableX8664V4;
  if (table == &NNKernelTableX8664V3) return &NNKernelFloatTableX8664V3;
#endif
  return &NNKernelFloatTableBaseline;
}

const char *NNKernelsAvailable(void) {
#if defined(__x86_64__)
  return "x86-64-v4, x86-64-v3, x86-64";
#else
  return NNKernelTableBaseline.name;
#endif
}
