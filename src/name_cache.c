#include "name_cache.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Slots looked at for one key: beyond them a key is not stored, so that
 * keys made to collide cost no more than this each. */
enum { MAX_PROBES = 16 };
/* Most keys in one cache, whatever is asked. */
enum { MAX_ENTRIES = 1 << 20 };

typedef struct {
    uint64_t hash;        /* 0: empty slot */
    uint32_t key_at;      /* offset of the key in name_cache.keys */
    uint32_t key_len;
    int value;
} slot;

struct name_cache {
    slot *slots;
    size_t mask;          /* number of slots - 1 (a power of two) */
    size_t n, max;
    char *keys;           /* every key, NUL-terminated, one after another */
    size_t keys_len, keys_cap;
    /* the key found last, compared first since rows come in runs: a
     * slot index + 1, or 0 */
    size_t last;
};

/* text_hash, never 0 (0 marks an empty slot). */
static uint64_t hash_of(const char *s, size_t *len)
{
    uint64_t h = text_hash(s, len);
    return h ? h : 1;
}

name_cache *name_cache_new(size_t max_entries)
{
    name_cache *c = xcalloc(1, sizeof *c);
    /* keys stay addressable by 32-bit offsets */
    c->max = max_entries < 1 ? 1 : max_entries > MAX_ENTRIES ? MAX_ENTRIES
                                                           : max_entries;
    size_t size = 16;
    while (size < 2 * c->max)
        size *= 2;
    c->slots = xcalloc(size, sizeof *c->slots);
    c->mask = size - 1;
    return c;
}

void name_cache_free(name_cache *c)
{
    if (!c)
        return;
    free(c->slots);
    free(c->keys);
    free(c);
}

/* The slot holding text, or the first empty one on its probe sequence,
 * or NULL when neither is within MAX_PROBES. */
static slot *find(const name_cache *c, const char *text, uint64_t h,
                  size_t len)
{
    for (size_t k = 0; k < MAX_PROBES; k++) {
        slot *s = &c->slots[(h + k) & c->mask];
        if (s->hash == 0 ||
            (s->hash == h && s->key_len == len &&
             memcmp(c->keys + s->key_at, text, len) == 0))
            return s;
    }
    return NULL;
}

bool name_cache_get(name_cache *c, const char *text, int *value)
{
    if (c->last) {
        const slot *s = &c->slots[c->last - 1];
        if (strcmp(c->keys + s->key_at, text) == 0) {
            *value = s->value;
            return true;
        }
    }
    size_t len;
    uint64_t h = hash_of(text, &len);
    if (len > NAME_CACHE_KEY_MAX)
        return false;
    const slot *s = find(c, text, h, len);
    if (!s || s->hash == 0)
        return false;
    c->last = (size_t)(s - c->slots) + 1;
    *value = s->value;
    return true;
}

void name_cache_put(name_cache *c, const char *text, int value)
{
    size_t len;
    uint64_t h = hash_of(text, &len);
    if (len > NAME_CACHE_KEY_MAX || c->n >= c->max)
        return;
    slot *s = find(c, text, h, len);
    if (!s || s->hash != 0)
        return;
    if (c->keys_cap - c->keys_len < len + 1) {
        while (c->keys_cap - c->keys_len < len + 1)
            c->keys_cap = c->keys_cap ? 2 * c->keys_cap : 1024;
        c->keys = xrealloc(c->keys, c->keys_cap);
    }
    memcpy(c->keys + c->keys_len, text, len + 1);
    *s = (slot){.hash = h, .key_at = (uint32_t)c->keys_len,
                .key_len = (uint32_t)len, .value = value};
    c->keys_len += len + 1;
    c->n++;
}
