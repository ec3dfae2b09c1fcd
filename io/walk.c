#include "io/input.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/ct_tree.h"
#include "io/syserr.h"

/* Directories already walked, by (device, inode): an open-addressing set, so that a tree with
 * many directories stays linear. */
typedef struct cs_walk_dir_id {
    dev_t dev;
    ino_t ino;
} cs_walk_dir_id;

typedef struct cs_walk {
    cs_path_fn fn;
    cs_path_error_fn on_error;
    void *ctx;
    char *path; /* the current path, extended and cut back in place */
    size_t path_cap;
    cs_walk_dir_id *seen;
    size_t seen_cap; /* a power of two, or 0 */
    size_t seen_count;
} cs_walk;

static size_t cs_walk_hash(dev_t dev, ino_t ino) {
    uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15ull ^ (uint64_t)dev * 0xC2B2AE3D27D4EB4Full;
    return (size_t)(h ^ (h >> 29));
}

static int cs_walk_seen_insert(cs_walk *w, dev_t dev, ino_t ino, int *out_added);

static int cs_walk_seen_grow(cs_walk *w) {
    size_t old_cap = w->seen_cap;
    cs_walk_dir_id *old = w->seen;
    size_t cap = old_cap != 0 ? old_cap * 2 : 64;
    cs_walk_dir_id *fresh = calloc(cap, sizeof *fresh);
    if (fresh == NULL) {
        return 0;
    }
    w->seen = fresh;
    w->seen_cap = cap;
    w->seen_count = 0;
    /* An empty slot is (0, 0): no directory has inode 0. */
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i].ino != 0 || old[i].dev != 0) {
            int added;
            cs_walk_seen_insert(w, old[i].dev, old[i].ino, &added);
        }
    }
    free(old);
    return 1;
}

/* Adds (dev, ino); *out_added is 0 when it was there already. Returns 0 on out of memory. */
static int cs_walk_seen_insert(cs_walk *w, dev_t dev, ino_t ino, int *out_added) {
    if ((w->seen_count + 1) * 2 > w->seen_cap && !cs_walk_seen_grow(w)) {
        return 0;
    }
    size_t mask = w->seen_cap - 1;
    for (size_t i = cs_walk_hash(dev, ino) & mask;; i = (i + 1) & mask) {
        cs_walk_dir_id *slot = &w->seen[i];
        if (slot->ino == 0 && slot->dev == 0) {
            slot->dev = dev;
            slot->ino = ino;
            w->seen_count++;
            *out_added = 1;
            return 1;
        }
        if (slot->dev == dev && slot->ino == ino) {
            *out_added = 0;
            return 1;
        }
    }
}

static void cs_walk_error(cs_walk *w, const char *path, int err) {
    if (w->on_error != NULL) {
        char msg[128];
        w->on_error(w->ctx, path, cs_syserr(err, msg, sizeof msg));
    }
}

static int cs_walk_set_path(cs_walk *w, size_t len, const char *name, size_t *out_len) {
    size_t name_len = strlen(name);
    int slash = len > 0 && w->path[len - 1] != '/';
    size_t need = len + (size_t)slash + name_len + 1;
    if (need > w->path_cap) {
        size_t cap = w->path_cap != 0 ? w->path_cap : 256;
        while (cap < need) {
            cap *= 2;
        }
        char *p = realloc(w->path, cap);
        if (p == NULL) {
            return 0;
        }
        w->path = p;
        w->path_cap = cap;
    }
    if (slash) {
        w->path[len++] = '/';
    }
    memcpy(w->path + len, name, name_len + 1);
    *out_len = len + name_len;
    return 1;
}

/* Byte order, not the locale's collation (alphasort), so a walk is the same on every machine. */
static int cs_walk_compare(const struct dirent **a, const struct dirent **b) {
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int cs_walk_filter(const struct dirent *d) {
    return strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0;
}

static int cs_walk_dir(cs_walk *w, size_t len, const struct stat *st);

/* Visits the entry whose path is w->path[0..len). `given` is set for paths the user gave,
 * which are yielded whatever their kind. Returns 0 when the callback asked to stop. */
static int cs_walk_path(cs_walk *w, size_t len, int given, unsigned char d_type) {
    if (d_type == DT_REG) {
        return w->fn(w->ctx, w->path);
    }
    struct stat st;
    if (stat(w->path, &st) != 0) {
        cs_walk_error(w, w->path, errno);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        return cs_walk_dir(w, len, &st);
    }
    if (given || S_ISREG(st.st_mode)) {
        return w->fn(w->ctx, w->path);
    }
    if (w->on_error != NULL) {
        w->on_error(w->ctx, w->path, "not a regular file");
    }
    return 1;
}

static int cs_walk_dir(cs_walk *w, size_t len, const struct stat *st) {
    int added = 0;
    if (!cs_walk_seen_insert(w, st->st_dev, st->st_ino, &added)) {
        cs_walk_error(w, w->path, ENOMEM);
        return 1;
    }
    if (!added) {
        return 1;
    }
    /* A CT log's tile tree: its data tiles only, by tile index (ct_tree.h). */
    char *data_dir = cs_ct_tree_data_dir(w->path);
    if (data_dir != NULL) {
        int go_on = cs_ct_tree_walk(data_dir, w->fn, w->on_error, w->ctx);
        free(data_dir);
        return go_on;
    }
    struct dirent **names = NULL;
    int n = scandir(w->path, &names, cs_walk_filter, cs_walk_compare);
    if (n < 0) {
        cs_walk_error(w, w->path, errno);
        return 1;
    }
    int go_on = 1;
    for (int i = 0; i < n; i++) {
        if (go_on) {
            size_t child_len = 0;
            if (!cs_walk_set_path(w, len, names[i]->d_name, &child_len)) {
                w->path[len] = '\0';
                cs_walk_error(w, w->path, ENOMEM);
            } else {
                go_on = cs_walk_path(w, child_len, 0, names[i]->d_type);
            }
            w->path[len] = '\0';
        }
        free(names[i]);
    }
    free(names);
    return go_on;
}

int cs_input_walk(const char *const *paths, size_t num_paths, cs_path_fn fn,
                  cs_path_error_fn on_error, void *ctx) {
    cs_walk w;
    memset(&w, 0, sizeof w);
    w.fn = fn;
    w.on_error = on_error;
    w.ctx = ctx;
    int go_on = 1;
    for (size_t i = 0; i < num_paths && go_on; i++) {
        if (strcmp(paths[i], "-") == 0) {
            go_on = fn(ctx, paths[i]);
            continue;
        }
        size_t len = 0;
        if (!cs_walk_set_path(&w, 0, paths[i], &len)) {
            cs_walk_error(&w, paths[i], ENOMEM);
            continue;
        }
        go_on = cs_walk_path(&w, len, 1, DT_UNKNOWN);
    }
    free(w.path);
    free(w.seen);
    return go_on;
}
