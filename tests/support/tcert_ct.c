#include "tests/support/tcert_ct.h"

#include <stdlib.h>

#include "tests/support/tcert.h"

static const uint8_t tcert_ct_poison[] = {0x05, 0x00};
/* An SCT list extension value: an OCTET STRING holding an empty TLS list is enough here. */
static const uint8_t tcert_ct_sct_list[] = {0x04, 0x02, 0x00, 0x00};

int tcert_ct_write(FILE *f, const uint8_t *serial, size_t serial_len, tcert_ct_kind kind) {
    tcert t;
    tcert_defaults(&t);
    t.serial = serial;
    t.serial_len = serial_len;
    if (kind == TCERT_CT_PRECERT) {
        tcert_add_ext(&t, "1.3.6.1.4.1.11129.2.4.3", 1, tcert_ct_poison, sizeof tcert_ct_poison);
    } else if (kind == TCERT_CT_FINAL) {
        tcert_add_ext(&t, "1.3.6.1.4.1.11129.2.4.2", 0, tcert_ct_sct_list,
                      sizeof tcert_ct_sct_list);
    }
    size_t len;
    uint8_t *der = tcert_build(&t, &len);
    int ok = der != NULL && fwrite(der, 1, len, f) == len;
    free(der);
    return ok;
}
