#include "CNNThreads.h"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* The shortest wait for a late helper that counts as contention, in seconds: 50 microseconds. A helper that is
 * merely late to start (woken from sleep, or busy finishing the last chunk of a short task) holds the caller up for
 * some microseconds; one that another process took off its core, for a scheduler time slice (milliseconds). */
#define NN_LONG_WAIT 50e-6

/* How much longer than a long wait the tasks after it run on the caller alone, and the longest such while in
 * seconds. A lasting contention doubles the while at each wait (and other processes that fill the processors are
 * seen by the count below); a single one, such as a virtual processor that its host took for some milliseconds,
 * costs little: with 32 times the wait, such pauses cost wide on two threads up to a tenth of its speed. */
#define NN_SOLO_FACTOR 4
#define NN_LONGEST_SOLO 0.5

/* How often the team counts the system's runnable threads, in seconds: every 10 milliseconds after a count that
 * changed its answer, and twice as long after each count that gave the same, up to 80 milliseconds. A count opens,
 * reads and closes /proc/loadavg: 5 microseconds on an idle machine, 0.2% of the samples of a run of digits
 * (64-128-64-10, batch 256) on two threads against a busy loop when counted every 10 milliseconds, where one thread
 * has no such cost. */
#define NN_COUNT_INTERVAL 0.01
#define NN_LONGEST_COUNT_INTERVAL 0.08

/* How many times an idle helper checks for a new task before it sleeps: some hundreds of microseconds of pause
 * instructions (tens to a hundred and more cycles each, by processor), longer than the gap between the products of
 * one training step, so that a step's products find their helpers awake. */
#define NN_SPINS_BEFORE_SLEEP 20000

/* How often the caller, in a long wait, reads the processor time of the helpers running chunks, in seconds: 25
 * microseconds (each read a system call of about a microsecond, made only while the caller has nothing to do). */
#define NN_LOOK_INTERVAL 25e-6

typedef struct NNThreadTeam NNThreadTeam;

/* A helper thread, on cache lines of its own. */
typedef struct {
  /* Whether the helper is claiming or running chunks of a task (written by the helper, read by the caller). */
  _Alignas(64) _Atomic int working;
  pthread_t thread;
  /* The clock of the processor time the helper has used, when the system gives one. */
  clockid_t clock;
  int hasClock;
  /* Its processor time in seconds when the caller last looked during a long wait; -1 for not working then. */
  double lookedTime;
  NNThreadTeam *team;
} NNHelper;

struct NNThreadTeam {
  long helpers;
  NNHelper *members;
  /* The task of the current generation, written before the generation is published and read only by a thread
   * that has claimed one of its chunks (so never while the next task is being written). */
  NNThreadTeamTask task;
  void *context;
  /* The claims of the current task: generation, chunk count and next chunk in one word (see claimWord), so that
   * a claim of an earlier generation can never take a chunk of a later task. */
  _Atomic unsigned long long claims;
  /* Chunks finished, and chunks run by helpers, of the current task. */
  _Atomic long finished;
  _Atomic long helped;
  /* Whether a task is running (one caller at a time). */
  atomic_flag busy;
  _Atomic int stopping;
  /* Contention: until when tasks run on the caller alone (seconds on the monotonic clock, 0 for not), and for how
   * long the last long wait for a late helper sent them there. */
  double soloUntil;
  double soloSeconds;
  /* Shared tasks since the last long wait, or since the solo time last halved. */
  long cleanTasks;
  /* The processors this process may run on; when the system's threads were last counted, and how many counts in a
   * row found too few processors free for the helpers. */
  long processors;
  double countedAt;
  long crowdedCounts;
  /* The seconds from the last count to the next. */
  double countInterval;
  /* Helpers sleeping on `wake`, and the lock the sleep takes. */
  _Atomic long sleepers;
  pthread_mutex_t lock;
  pthread_cond_t wake;
};

/* The bits of a claim word: the generation above the chunk count above the next chunk. */
#define NN_INDEX_BITS 20
#define NN_MAXIMUM_CHUNKS ((1L << NN_INDEX_BITS) - 1)
#define NN_INDEX_MASK ((1ULL << NN_INDEX_BITS) - 1)

/* The claim word of generation `generation` with `chunks` chunks, none claimed. */
static inline unsigned long long claimWord(unsigned long long generation, long chunks) {
  return (generation << (2 * NN_INDEX_BITS)) | ((unsigned long long)chunks << NN_INDEX_BITS);
}

/* The generation of a claim word. */
static inline unsigned long long generationOf(unsigned long long word) { return word >> (2 * NN_INDEX_BITS); }

/* Claims the next chunk of the task in `word`'s generation; -1 when none is left or a later task was published. */
static long claim(NNThreadTeam *team, unsigned long long generation) {
  unsigned long long word = atomic_load_explicit(&team->claims, memory_order_acquire);
  for (;;) {
    long chunks = (long)((word >> NN_INDEX_BITS) & NN_INDEX_MASK);
    long index = (long)(word & NN_INDEX_MASK);
    if (generationOf(word) != generation || index >= chunks) return -1;
    if (atomic_compare_exchange_weak_explicit(&team->claims, &word, word + 1, memory_order_acq_rel,
                                              memory_order_acquire)) {
      return index;
    }
  }
}

/* Claims and runs chunks of the task of `generation` until none is left; returns how many this thread ran. */
static long runChunks(NNThreadTeam *team, unsigned long long generation, int isHelper) {
  long ran = 0;
  for (long chunk; (chunk = claim(team, generation)) >= 0;) {
    team->task(team->context, chunk);
    ran += 1;
    if (isHelper) atomic_fetch_add_explicit(&team->helped, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&team->finished, 1, memory_order_release);
  }
  return ran;
}

/* Seconds on a monotonic clock. */
static inline double now(void) {
  struct timespec time;
  clock_gettime(CLOCK_MONOTONIC, &time);
  return (double)time.tv_sec + 1e-9 * (double)time.tv_nsec;
}

static inline void relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

static void *helperLoop(void *argument) {
  NNHelper *helper = argument;
  NNThreadTeam *team = helper->team;
  unsigned long long seen = generationOf(atomic_load_explicit(&team->claims, memory_order_acquire));
  for (;;) {
    unsigned long long generation = seen;
    for (long spin = 0; spin < NN_SPINS_BEFORE_SLEEP; spin++) {
      generation = generationOf(atomic_load_explicit(&team->claims, memory_order_acquire));
      if (generation != seen || atomic_load_explicit(&team->stopping, memory_order_relaxed)) break;
      relax();
    }
    if (generation == seen && !atomic_load_explicit(&team->stopping, memory_order_relaxed)) {
      pthread_mutex_lock(&team->lock);
      atomic_fetch_add_explicit(&team->sleepers, 1, memory_order_seq_cst);
      while ((generation = generationOf(atomic_load_explicit(&team->claims, memory_order_seq_cst))) == seen &&
             !atomic_load_explicit(&team->stopping, memory_order_seq_cst)) {
        pthread_cond_wait(&team->wake, &team->lock);
      }
      atomic_fetch_sub_explicit(&team->sleepers, 1, memory_order_seq_cst);
      pthread_mutex_unlock(&team->lock);
    }
    if (atomic_load_explicit(&team->stopping, memory_order_acquire)) return NULL;
    seen = generation;
    atomic_store_explicit(&helper->working, 1, memory_order_relaxed);
    runChunks(team, generation, 1);
    atomic_store_explicit(&helper->working, 0, memory_order_relaxed);
  }
}

/* The processors this process may run on (at least 1). */
static long usableProcessors(void) {
#ifdef __linux__
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
#endif
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? online : 1;
}

/* The threads running or ready to run on the whole system, the caller among them (the fourth field of
 * /proc/loadavg, "running/total"); -1 where that cannot be read. */
static long runnableThreads(void) {
#ifdef __linux__
  int file = open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
  if (file < 0) return -1;
  char text[128];
  ssize_t length = read(file, text, sizeof(text) - 1);
  close(file);
  if (length <= 0) return -1;
  text[length] = 0;
  /* Skip the three load averages to the fourth field. */
  char *cursor = text;
  for (int field = 0; field < 3; field++) {
    while (*cursor && *cursor != ' ') cursor++;
    while (*cursor == ' ') cursor++;
  }
  if (*cursor < '0' || *cursor > '9') return -1;
  long running = 0;
  while (*cursor >= '0' && *cursor <= '9') running = 10 * running + (*cursor++ - '0');
  return running;
#else
  return -1;
#endif
}

/* Whether other threads leave no processor free for a helper besides the caller's: so at two counts in a row, at
 * most one per countInterval (a thread that runs for a moment, seen at one count, does not stop the sharing; the
 * team's first count alone decides, see NNThreadTeamCreate). A change is seen within twice the longest interval.
 * A count includes the caller and the helpers that are awake (spinning or working); the rest are other processes'
 * threads, or other threads of this one. With some processors free but fewer than helpers, the team still shares:
 * helpers without a processor of their own claim fewer chunks. Where /proc/loadavg counts a whole host's threads
 * (a container limited to some of its processors), the team may never share, which is never slower than one
 * thread. */
static int crowded(NNThreadTeam *team, double time) {
  if (time - team->countedAt >= team->countInterval) {
    /* Whether the last count found too few processors free (none before the first count). */
    int lastTooFew = team->countedAt >= 0 && team->crowdedCounts > 0;
    team->countedAt = time;
    long running = runnableThreads();
    long awake = team->helpers - atomic_load_explicit(&team->sleepers, memory_order_relaxed);
    long others = running - 1 - awake;
    int tooFew = running >= 0 && team->processors - others < 2;
    team->crowdedCounts = tooFew ? team->crowdedCounts + 1 : 0;
    double longer = 2 * team->countInterval;
    team->countInterval = tooFew != lastTooFew                 ? NN_COUNT_INTERVAL
                          : longer < NN_LONGEST_COUNT_INTERVAL ? longer
                                                               : NN_LONGEST_COUNT_INTERVAL;
  }
  return team->crowdedCounts >= 2;
}

/* The processor time `helper` has used, in seconds; -1 where it cannot be read. */
static double processorTime(NNHelper *helper) {
  struct timespec time;
  if (!helper->hasClock || clock_gettime(helper->clock, &time) != 0) return -1;
  return (double)time.tv_sec + 1e-9 * (double)time.tv_nsec;
}

/* Looks, during a long wait at `time`, at the processor time of the helpers running chunks (at most every
 * NN_LOOK_INTERVAL, `*lookedAt` holding the last look, -1 before the first); returns whether one of them that was
 * running chunks at the last look too used less than half the time since: another process had its core. A helper
 * that ran all along, only slower than the caller (its chunk's data in another core's cache, or the processor's
 * clock lower there), holds the caller up without any contention. Where a helper's processor time cannot be read,
 * a long wait counts as contention. */
static int helperKeptOffCore(NNThreadTeam *team, double time, double *lookedAt) {
  if (*lookedAt >= 0 && time - *lookedAt < NN_LOOK_INTERVAL) return 0;
  int keptOff = 0;
  for (long index = 0; index < team->helpers; index++) {
    NNHelper *helper = &team->members[index];
    double used = -1;
    if (atomic_load_explicit(&helper->working, memory_order_relaxed)) {
      if (!helper->hasClock) return 1;
      used = processorTime(helper);
      double interval = time - *lookedAt;
      if (used >= 0 && helper->lookedTime >= 0 && *lookedAt >= 0 && used - helper->lookedTime < 0.5 * interval) {
        keptOff = 1;
      }
    }
    helper->lookedTime = used;
  }
  *lookedAt = time;
  return keptOff;
}

/* Whether tasks run on the caller alone at `time`: during a while after a long wait, or while crowded. */
static int alone(NNThreadTeam *team, double time) { return time < team->soloUntil || crowded(team, time); }

NNThreadTeam *NNThreadTeamCreate(long helpers) {
  if (helpers < 0) helpers = 0;
  NNThreadTeam *team = calloc(1, sizeof(NNThreadTeam));
  if (!team) return NULL;
  if (helpers > 0) {
    team->members = aligned_alloc(_Alignof(NNHelper), (size_t)helpers * sizeof(NNHelper));
    if (!team->members) {
      free(team);
      return NULL;
    }
  }
  atomic_flag_clear(&team->busy);
  team->processors = usableProcessors();
  team->countedAt = -1;
  /* As if a count before the first had found too few processors free: the first count alone decides whether the
   * first tasks are shared. A team made while another process fills the other processors then never shares, where
   * it had shared until its second count (10 ms later), each task waiting on a helper without a processor; that
   * had cost digits (64-128-64-10, batch 256) on two threads against a busy loop 2.5% of a 0.25-second run. A
   * thread seen for a moment at the first count keeps the team on the caller alone for 10 ms at most. */
  team->crowdedCounts = 1;
  team->countInterval = NN_COUNT_INTERVAL;
  pthread_mutex_init(&team->lock, NULL);
  pthread_cond_init(&team->wake, NULL);
  for (long index = 0; index < helpers; index++) {
    NNHelper *helper = &team->members[index];
    atomic_init(&helper->working, 0);
    helper->team = team;
    helper->lookedTime = -1;
    if (pthread_create(&helper->thread, NULL, helperLoop, helper) != 0) {
      team->helpers = index;
      NNThreadTeamDestroy(team);
      return NULL;
    }
#ifdef __linux__
    helper->hasClock = pthread_getcpuclockid(helper->thread, &helper->clock) == 0;
#else
    helper->hasClock = 0;
#endif
    team->helpers = index + 1;
  }
  return team;
}

void NNThreadTeamDestroy(NNThreadTeam *team) {
  if (!team) return;
  pthread_mutex_lock(&team->lock);
  atomic_store_explicit(&team->stopping, 1, memory_order_seq_cst);
  pthread_cond_broadcast(&team->wake);
  pthread_mutex_unlock(&team->lock);
  for (long index = 0; index < team->helpers; index++) pthread_join(team->members[index].thread, NULL);
  pthread_cond_destroy(&team->wake);
  pthread_mutex_destroy(&team->lock);
  free(team->members);
  free(team);
}

long NNThreadTeamUsableProcessors(void) { return usableProcessors(); }

long NNThreadTeamHelpers(const NNThreadTeam *team) { return team ? team->helpers : 0; }

int NNThreadTeamShares(NNThreadTeam *team) {
  if (!team || team->helpers == 0 || atomic_flag_test_and_set_explicit(&team->busy, memory_order_acquire)) return 0;
  int shares = !alone(team, now());
  atomic_flag_clear_explicit(&team->busy, memory_order_release);
  return shares;
}

long NNThreadTeamRun(NNThreadTeam *team, long chunks, NNThreadTeamTask task, void *context) {
  if (chunks <= 0) return 0;
  if (!team || team->helpers == 0 || chunks == 1 || chunks > NN_MAXIMUM_CHUNKS ||
      atomic_flag_test_and_set_explicit(&team->busy, memory_order_acquire)) {
    for (long chunk = 0; chunk < chunks; chunk++) task(context, chunk);
    return 0;
  }
  double time = now();
  if (alone(team, time)) {
    atomic_flag_clear_explicit(&team->busy, memory_order_release);
    for (long chunk = 0; chunk < chunks; chunk++) task(context, chunk);
    return 0;
  }
  /* Every chunk of the last task is finished, so no thread reads the task's fields while they are written. */
  team->task = task;
  team->context = context;
  atomic_store_explicit(&team->finished, 0, memory_order_relaxed);
  atomic_store_explicit(&team->helped, 0, memory_order_relaxed);
  unsigned long long generation =
      (generationOf(atomic_load_explicit(&team->claims, memory_order_relaxed)) + 1) & ((1ULL << 24) - 1);
  atomic_store_explicit(&team->claims, claimWord(generation, chunks), memory_order_seq_cst);
  if (atomic_load_explicit(&team->sleepers, memory_order_seq_cst) > 0) {
    pthread_mutex_lock(&team->lock);
    pthread_cond_broadcast(&team->wake);
    pthread_mutex_unlock(&team->lock);
  }
  double start = time;
  runChunks(team, generation, 0);
  /* Wait for the chunks helpers claimed: spin briefly, then give the core away while waiting, so that a helper
   * sharing a core with another process gets to finish. */
  double waitStart = now();
  double working = waitStart - start;
  double lookedAt = -1;
  int keptOff = 0;
  for (long spin = 0; atomic_load_explicit(&team->finished, memory_order_acquire) < chunks; spin++) {
    if (spin < 4096) relax(); else sched_yield();
    if ((spin & 31) == 31 && !keptOff) {
      double time = now();
      if (time - waitStart > NN_LONG_WAIT) keptOff = helperKeptOffCore(team, time, &lookedAt);
    }
  }
  double waiting = now() - waitStart;
  /* A helper that held the task up for longer than the caller worked on it, and for longer than a late start
   * explains (NN_LONG_WAIT), while it got less than half the time on its core (helperKeptOffCore), was kept off
   * it by another process. The tasks of the next while run on the caller alone (the same chunks, so the same
   * results): NN_SOLO_FACTOR times the wait, or twice the last such while if longer, up to NN_LONGEST_SOLO: waits
   * that keep coming cost a shrinking fraction of the time, however short the tasks are; every 64 shared tasks
   * without such a wait halve the while again. A helper that ran all along but slower keeps the team sharing: on a
   * machine whose two cores were far apart (a round trip between them 6 times as long as at other times, their
   * shared data moving between their caches more slowly), helpers of wide (784-512-512-10, batch 256) took 2 to 7
   * times the caller's time on the short elementwise tasks, and counting those waits as contention had sent every
   * task to the caller within a second. */
  if (keptOff && waiting > working && waiting > NN_LONG_WAIT) {
    double seconds = 2 * team->soloSeconds;
    if (seconds < NN_SOLO_FACTOR * waiting) seconds = NN_SOLO_FACTOR * waiting;
    if (seconds > NN_LONGEST_SOLO) seconds = NN_LONGEST_SOLO;
    team->soloSeconds = seconds;
    team->soloUntil = now() + seconds;
    team->cleanTasks = 0;
  } else if (++team->cleanTasks >= 64) {
    team->cleanTasks = 0;
    team->soloSeconds /= 2;
  }
  long helped = atomic_load_explicit(&team->helped, memory_order_relaxed);
  atomic_flag_clear_explicit(&team->busy, memory_order_release);
  return helped;
}
