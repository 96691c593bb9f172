/* A team of threads that share the chunks of one task: the thread that runs the task takes part, helpers claim
 * chunks as they come free, and the task returns when every chunk is done. */
#ifndef CNNTHREADS_H
#define CNNTHREADS_H

#ifdef __cplusplus
extern "C" {
#endif

/* A team: its helper threads and the task they share. Opaque. */
typedef struct NNThreadTeam NNThreadTeam;

/* One chunk of a task: `chunk` in 0..<chunks, with the task's context. */
typedef void (*NNThreadTeamTask)(void *context, long chunk);

/* A team of `helpers` threads besides the caller of NNThreadTeamRun (0 makes a team that runs every task on the
 * caller alone); NULL when a thread cannot be started. */
NNThreadTeam *NNThreadTeamCreate(long helpers);

/* Stops the helpers and frees the team; no task may be running. */
void NNThreadTeamDestroy(NNThreadTeam *team);

/* The processors this process may run on (its affinity mask on Linux, else the processors online); at least 1. */
long NNThreadTeamUsableProcessors(void);

/* The team's helper threads. */
long NNThreadTeamHelpers(const NNThreadTeam *team);

/* Runs task(context, chunk) once for every chunk in 0..<chunks and returns when all are done. Chunks are claimed
 * one at a time by the caller and the helpers, in increasing order, so a helper that another process keeps off its
 * core simply claims fewer. Tasks run on the caller alone while the system's other runnable threads leave no
 * processor free for a helper besides the caller's (counted every 10 ms; two counts in a row, or the team's first),
 * and for a while after a helper that had claimed a chunk held the caller up anyway while it got less than half the
 * time on its core (another process took it mid-chunk; a helper that ran all along, only slower, does not count): 4
 * times the wait, or twice the last such while, up to half a second. A team runs one task at a time:
 * while it runs one, another caller runs its task alone. Returns the number of chunks the helpers ran. */
long NNThreadTeamRun(NNThreadTeam *team, long chunks, NNThreadTeamTask task, void *context);

/* Whether a task of several chunks given to NNThreadTeamRun now would be shared with the helpers: 0 for a team
 * without helpers, while another caller's task runs, and while tasks run on the caller alone (the rules above). Lets
 * a caller whose work can be done alone more cheaply, with the same results, choose that way (NULL gives 0). */
int NNThreadTeamShares(NNThreadTeam *team);

#ifdef __cplusplus
}
#endif

#endif
