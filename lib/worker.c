/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * worker.c — a second thread fed through a bounded queue, as the second
 * process of a pipe (`git archive | zstd`): the caller reads, the worker
 * hashes and writes, both at once.
 *
 * Messages are copied into one of a few slots, many to a slot, and a slot is
 * handed over whole: the two threads meet once per slot, not once per
 * message (a bag has tens of thousands of small files). The worker runs the
 * messages in the order they were sent, so its output is the same bytes as
 * when they run in the caller's thread (threaded 0).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "go.h"

#define SLOTS 8
#define SLOT_SIZE ((size_t)256 << 10)

struct msg {
	int tag;
	size_t n;
};

struct slot {
	unsigned char *buf;
	size_t len;
};

struct go_worker {
	go_worker_fn fn;
	void *ctx;
	int threaded;
	int err;                  /* fn's first error: later messages dropped */
	int werr;                 /* the same, the worker's own (err is under the lock) */
	int seen_err;             /* err, as the caller last saw it */
	struct slot slot[SLOTS];
	size_t head, tail, full;  /* slots handed over: tail..head (mod SLOTS), full of them */
	int stop;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t more, less;
};

/* In the worker's thread, without the lock: its own copy of the error. */
static void run_slot(go_worker *w, const struct slot *s)
{
	for (size_t off = 0; off < s->len;) {
		struct msg m;
		memcpy(&m, s->buf + off, sizeof m);
		off += sizeof m;
		if (!w->werr)
			w->werr = w->fn(w->ctx, m.tag, s->buf + off, m.n);
		off += m.n;
	}
}

static void *work(void *arg)
{
	go_worker *w = arg;
	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->full && !w->stop)
			pthread_cond_wait(&w->more, &w->lock);
		if (!w->full)
			break;
		struct slot *s = &w->slot[w->tail];
		pthread_mutex_unlock(&w->lock);
		run_slot(w, s);
		pthread_mutex_lock(&w->lock);
		w->err = w->werr;
		s->len = 0;
		w->tail = (w->tail + 1) % SLOTS;
		w->full--;
		pthread_cond_signal(&w->less);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

go_worker *go_worker_new(go_worker_fn fn, void *ctx, int threaded)
{
	go_worker *w = go_xcalloc(1, sizeof *w);
	w->fn = fn;
	w->ctx = ctx;
	if (!threaded)
		return w;
	for (int i = 0; i < SLOTS; i++)
		w->slot[i].buf = go_xmalloc(SLOT_SIZE);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->more, NULL);
	pthread_cond_init(&w->less, NULL);
	w->threaded = pthread_create(&w->thread, NULL, work, w) == 0;
	if (!w->threaded) {
		/* No thread to be had: the same work, in the caller's thread. */
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->more);
		pthread_cond_destroy(&w->less);
		for (int i = 0; i < SLOTS; i++)
			free(w->slot[i].buf);
	}
	return w;
}

/* Hand the slot being filled (head) to the worker; wait for a free one. The
 * worker's first error so far. */
static int hand_over(go_worker *w)
{
	pthread_mutex_lock(&w->lock);
	w->full++;
	w->head = (w->head + 1) % SLOTS;
	pthread_cond_signal(&w->more);
	while (w->full == SLOTS)
		pthread_cond_wait(&w->less, &w->lock);
	int err = w->err;
	pthread_mutex_unlock(&w->lock);
	return err;
}

int go_worker_send(go_worker *w, int tag, const void *p, size_t n)
{
	if (!w->threaded) {
		if (!w->err)
			w->err = w->fn(w->ctx, tag, p, n);
		return w->err;
	}
	const unsigned char *b = p;
	for (;;) {
		struct slot *s = &w->slot[w->head];
		size_t room = SLOT_SIZE - s->len;
		/* A message starts in a slot with room for it, or for 4 KB of it. */
		if (s->len && room < sizeof(struct msg) + (n < 4096 ? n : 4096)) {
			w->seen_err = hand_over(w);
			continue;
		}
		/* Data longer than the room goes in pieces, each a message of tag. */
		size_t k = n < room - sizeof(struct msg) ? n : room - sizeof(struct msg);
		struct msg m = {tag, k};
		memcpy(s->buf + s->len, &m, sizeof m);
		if (k)
			memcpy(s->buf + s->len + sizeof m, b, k);
		s->len += sizeof m + k;
		b += k;
		n -= k;
		if (!n)
			break;
	}
	return w->seen_err;
}

int go_worker_wait(go_worker *w)
{
	if (!w->threaded)
		return w->err;
	pthread_mutex_lock(&w->lock);
	if (w->slot[w->head].len) {
		w->full++;
		w->head = (w->head + 1) % SLOTS;
		pthread_cond_signal(&w->more);
	}
	while (w->full)
		pthread_cond_wait(&w->less, &w->lock);
	int err = w->err;
	pthread_mutex_unlock(&w->lock);
	return err;
}

void go_worker_free(go_worker *w)
{
	if (!w)
		return;
	if (w->threaded) {
		go_worker_wait(w);
		pthread_mutex_lock(&w->lock);
		w->stop = 1;
		pthread_cond_signal(&w->more);
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->thread, NULL);
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->more);
		pthread_cond_destroy(&w->less);
		for (int i = 0; i < SLOTS; i++)
			free(w->slot[i].buf);
	}
	free(w);
}
