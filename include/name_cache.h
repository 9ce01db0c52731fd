/*
 * name_cache: what a text, exactly as typed, was found to name (an office
 * of the registry, an item slot of the model), so that the many rows that
 * name the same office or item in the same way are looked up once: a hash
 * table keyed by the text's bytes, with every key copied once into one
 * growing buffer (no allocation per key).
 *
 * Bounded, so that a hostile file can neither grow it nor slow it down:
 * at most max_entries keys of at most NAME_CACHE_KEY_MAX bytes, and a key
 * whose probe sequence is longer than a few slots is not stored (it is
 * simply looked up the slow way each time).  A text that is not stored is
 * never an error: name_cache_get then returns false.
 */
#ifndef ITABENCH_NAME_CACHE_H
#define ITABENCH_NAME_CACHE_H

#include <stdbool.h>
#include <stddef.h>

/* Longest key stored, in bytes. */
#define NAME_CACHE_KEY_MAX 256

typedef struct name_cache name_cache;

/* A new empty cache for at most max_entries keys (at least 1).  Out of
 * memory aborts (xmalloc).  Free with name_cache_free. */
name_cache *name_cache_new(size_t max_entries);

/* Frees c and its keys; NULL is allowed. */
void name_cache_free(name_cache *c);

/* True with *value set when text was stored.  The key found last is
 * remembered and compared first (rows come in runs). */
bool name_cache_get(name_cache *c, const char *text, int *value);

/* Stores text (copied) with value, unless the cache is full, text is too
 * long or already stored, or its probe sequence is too long. */
void name_cache_put(name_cache *c, const char *text, int value);

#endif
