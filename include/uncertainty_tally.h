/*
 * uncertainty_tally: the rank replicates of uncertainty.c shared out over worker
 * processes.  Worker k of j draws blocks k, k + j, k + 2j, ... into its own
 * tally of counters and sends it back through a pipe; the parent adds them
 * up.  Sums do not depend on who drew which block, so the result is the
 * same bytes for any j.  Processes, as in workers.h: nothing is shared,
 * nothing needs locking.
 */
#ifndef ITABENCH_UNC_TALLY_H
#define ITABENCH_UNC_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Draws blocks from, from + step, ... adding to the tally that ctx owns. */
typedef void (*uncertainty_tally_draw)(void *ctx, size_t from, size_t step);

/* Runs draw(ctx, k, j) in j = min(jobs, blocks) forked workers, each on a
 * zeroed copy of tally[0..n) (the tally draw adds to, owned by ctx), and
 * adds their tallies into tally.  False, with tally untouched, when a
 * worker could not be started or did not report (the caller then draws
 * every block itself). */
bool uncertainty_tally_parallel(uint32_t *tally, size_t n, int jobs, size_t blocks,
                        uncertainty_tally_draw draw, void *ctx);

#endif
