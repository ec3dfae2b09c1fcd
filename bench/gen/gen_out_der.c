/* Concatenated DER certificates, as certscan reads them and as `cat *.der` makes them. */
#include "bench/gen/gen_out.h"

static int gen_der_entry(gen_sink *s, const gen_entry *e) {
    return gen_stream_write(&s->st, e->der, e->len);
}

const gen_format gen_format_der = {
    .name = "der",
    .ext = "der",
    .entry = gen_der_entry,
};
