/* Output formats. A sink receives every entry in order and writes one format; several sinks
 * run side by side so one generation writes the same corpus in every format asked for. Stream
 * formats (der, pem, b64, ccadb, ldif, ctjson) go to <dir>/<format>/corpus[-NNNNNN].<ext>,
 * optionally gzip-compressed (format name with ".gz") and split every --per-file entries;
 * directory formats (tiles) lay out their own tree under <dir>/<format>/. Adding a format is
 * one gen_format table entry with its callbacks (gen_out_*.c). */
#ifndef CS_GEN_OUT_H
#define CS_GEN_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "bench/gen/gen_stream.h"
#include "bench/gen/gen_world.h"

typedef struct gen_entry {
    const uint8_t *der; /* the certificate (a precertificate carries the poison) */
    size_t len;
    const uint8_t *ct_tbs; /* precertificates: the TBSCertificate without the poison */
    size_t ct_tbs_len;
    const gen_ca *issuer; /* the CA whose key signed it */
    const gen_world *world;
    uint64_t index;       /* position in the corpus */
    int64_t timestamp_ms; /* CT timestamp */
    int precert;
    int is_ca; /* a CA certificate (LDIF: cACertificate) */
} gen_entry;

typedef struct gen_sink gen_sink;

typedef struct gen_format {
    const char *name;          /* "der", "pem", ... */
    const char *ext;           /* file extension */
    int directory;             /* lays out its own tree (no gzip, no split) */
    uint64_t default_per_file; /* entries per file when --per-file is 0 (0: one file) */
    /* Called once per file: after opening, per entry, before closing. */
    int (*file_begin)(gen_sink *s);
    int (*entry)(gen_sink *s, const gen_entry *e);
    int (*file_end)(gen_sink *s);
    /* After the last entry (and the last file's file_end): finishes directory formats and
     * frees `state`. */
    int (*finish)(gen_sink *s);
} gen_format;

struct gen_sink {
    const gen_format *fmt;
    char dir[3072];    /* <out>/<format name> */
    int gzip_level;    /* -1: plain */
    uint64_t per_file; /* 0: one file */
    uint64_t in_file, total;
    int file_no;
    gen_stream st;
    int open;
    void *state;   /* format-specific */
    char *scratch; /* base64 and line building */
    size_t scratch_cap;
};

/* Opens a sink for format `name` ("pem", "der.gz", ...) under out_dir. */
gen_sink *gen_sink_open(const char *name, const char *out_dir, uint64_t per_file, int gzip_level,
                        char *err, size_t errlen);
int gen_sink_entry(gen_sink *s, const gen_entry *e);
/* Closes the last file (and finishes directory formats); frees the sink. */
int gen_sink_close(gen_sink *s);
/* Comma-separated list of format names, for --help. */
const char *gen_format_names(void);

/* Helpers for format writers. */
char *gen_sink_scratch(gen_sink *s, size_t n);
/* Standard base64 of in into out (no line breaks, NUL-terminated); returns its length. */
size_t gen_base64(const uint8_t *in, size_t n, char *out);
size_t gen_base64_len(size_t n);
/* Writes base64 of in as lines of `width` characters, each ending in `eol`. */
int gen_write_base64_lines(gen_sink *s, const uint8_t *in, size_t n, size_t width, const char *eol);

extern const gen_format gen_format_der, gen_format_pem, gen_format_b64, gen_format_ccadb,
    gen_format_ldif, gen_format_ctjson, gen_format_tiles;

#endif
