/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "macro.h"
#include "parallel.h"

#define PARALLEL_MAX_THREADS 8
#define PARALLEL_CHUNK 32

struct job {
	size_t n;
	atomic_size_t next;
	parallel_fn fn;
	void *userdata;
};

static void *worker(void *arg)
{
	struct job *j = arg;

	for (;;) {
		size_t begin = atomic_fetch_add(&j->next, PARALLEL_CHUNK);

		if (begin >= j->n)
			return NULL;
		j->fn(begin, begin + PARALLEL_CHUNK < j->n ? begin + PARALLEL_CHUNK : j->n,
		      j->userdata);
	}
}

/**
 * parallel_for() - call @fn on chunks of [0, @n) from up to one thread per CPU
 * @n: number of items
 * @min_per_thread: below this many items per thread, use fewer threads
 * @fn: the work; chunks are handed out as threads become free
 * @userdata: passed to @fn
 *
 * The calling thread works too.  If no thread can be started, it does all
 * the work alone: a result never depends on the number of threads.
 *
 * Return: 0.
 */
int parallel_for(size_t n, size_t min_per_thread, parallel_fn fn, void *userdata)
{
	struct job j = { .n = n, .fn = fn, .userdata = userdata };
	pthread_t tids[PARALLEL_MAX_THREADS];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t want = min_per_thread ? n / min_per_thread : n, started = 0;

	atomic_init(&j.next, 0);
	if (cpus < 1)
		cpus = 1;
	if (want > (size_t)cpus)
		want = (size_t)cpus;
	if (want > PARALLEL_MAX_THREADS)
		want = PARALLEL_MAX_THREADS;
	for (; started + 1 < want; started++)
		if (pthread_create(&tids[started], NULL, worker, &j) != 0)
			break;
	(void)worker(&j);
	for (size_t i = 0; i < started; i++)
		(void)pthread_join(tids[i], NULL);
	return 0;
}
