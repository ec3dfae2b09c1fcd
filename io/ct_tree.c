#include "io/ct_tree.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/ct_framer.h"
#include "io/syserr.h"

static int cs_ct_is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *cs_ct_tree_data_dir(const char *dir) {
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') {
        n--;
    }
    static const char tail[] = "tile/data";
    size_t t = sizeof tail - 1;
    if (n >= t && memcmp(dir + n - t, tail, t) == 0 && (n == t || dir[n - t - 1] == '/')) {
        char *p = malloc(n + 1);
        if (p != NULL) {
            memcpy(p, dir, n);
            p[n] = '\0';
        }
        return p;
    }
    char *p = malloc(n + t + 2);
    if (p == NULL) {
        return NULL;
    }
    snprintf(p, n + t + 2, "%.*s/%s", (int)n, dir, tail);
    if (cs_ct_is_dir(p)) {
        return p;
    }
    /* The tree's tile/ folder itself: its data/ holds the entries, its hash tiles do not. */
    if (n >= 4 && memcmp(dir + n - 4, "tile", 4) == 0 && (n == 4 || dir[n - 5] == '/')) {
        snprintf(p, n + t + 2, "%.*s/data", (int)n, dir);
        if (cs_ct_is_dir(p)) {
            return p;
        }
    }
    free(p);
    return NULL;
}

typedef struct cs_ct_tile_file {
    uint64_t tile;
    unsigned width; /* 256 for a full tile */
    char *path;
} cs_ct_tile_file;

typedef struct cs_ct_tree {
    cs_ct_tile_file *files;
    size_t count, cap;
    cs_path_error_fn on_error;
    void *ctx;
    int oom;
} cs_ct_tree;

static void cs_ct_tree_error(cs_ct_tree *t, const char *path, int err) {
    if (t->on_error != NULL) {
        char msg[128];
        t->on_error(t->ctx, path, cs_syserr(err, msg, sizeof msg));
    }
}

static void cs_ct_tree_collect(cs_ct_tree *t, const char *dir, int depth) {
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0) {
        cs_ct_tree_error(t, dir, errno);
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0 && !t->oom) {
            size_t len = strlen(dir) + strlen(name) + 2;
            char *path = malloc(len);
            if (path == NULL) {
                t->oom = 1;
            } else {
                snprintf(path, len, "%s/%s", dir, name);
                uint64_t tile;
                unsigned width;
                if (cs_ct_is_dir(path)) {
                    /* x001/, 003.p/: at most a few levels for any 64-bit index */
                    if (depth < 8) {
                        cs_ct_tree_collect(t, path, depth + 1);
                    }
                    free(path);
                } else if (cs_ct_tile_path(path, &tile, &width)) {
                    if (t->count == t->cap) {
                        size_t cap = t->cap != 0 ? t->cap * 2 : 64;
                        cs_ct_tile_file *f = realloc(t->files, cap * sizeof *f);
                        if (f == NULL) {
                            t->oom = 1;
                            free(path);
                            free(names[i]);
                            continue;
                        }
                        t->files = f;
                        t->cap = cap;
                    }
                    t->files[t->count++] =
                        (cs_ct_tile_file){.tile = tile, .width = width ? width : 256, .path = path};
                } else {
                    free(path); /* not a data tile's name: not an entry file */
                }
            }
        }
        free(names[i]);
    }
    free(names);
}

/* By tile, the widest (the full tile) first. */
static int cs_ct_tile_compare(const void *a, const void *b) {
    const cs_ct_tile_file *x = a, *y = b;
    if (x->tile != y->tile) {
        return x->tile < y->tile ? -1 : 1;
    }
    return x->width > y->width ? -1 : x->width < y->width;
}

int cs_ct_tree_walk(const char *data_dir, cs_path_fn fn, cs_path_error_fn on_error, void *ctx) {
    cs_ct_tree t = {.on_error = on_error, .ctx = ctx};
    cs_ct_tree_collect(&t, data_dir, 0);
    if (t.oom) {
        cs_ct_tree_error(&t, data_dir, ENOMEM);
    }
    qsort(t.files, t.count, sizeof *t.files, cs_ct_tile_compare);
    int go_on = 1;
    for (size_t i = 0; i < t.count; i++) {
        if (go_on && (i == 0 || t.files[i].tile != t.files[i - 1].tile)) {
            go_on = fn(ctx, t.files[i].path);
        }
        free(t.files[i].path);
    }
    free(t.files);
    return go_on;
}
