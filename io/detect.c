#include "io/detect.h"

#include "io/ccadb.h"
#include "io/ct_framer.h"
#include "io/ct_leaf.h"
#include "io/ldif.h"
#include "io/pem.h"

int cs_detect_is_blank(const uint8_t *buf, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (!cs_is_space(buf[i])) {
            return 0;
        }
    }
    return 1;
}

/* A text file may well start with the digit '0' (0x30), so a short-form length only counts when
 * the element it announces fits in the input; a long-form length byte (0x81..0x84) is not
 * ASCII, and a truncated DER file must still be seen as DER to be reported as truncated. */
static int cs_detect_der(const uint8_t *buf, size_t len) {
    if (len < 2 || buf[0] != 0x30) {
        return 0;
    }
    if (buf[1] < 0x80) {
        return (size_t)buf[1] + 2 <= len;
    }
    return buf[1] >= 0x81 && buf[1] <= 0x84;
}

static int cs_detect_base64_lines(const uint8_t *buf, size_t len) {
    size_t i = 0;
    while (i < len && cs_is_space(buf[i])) {
        i++;
    }
    return len - i >= 2 && buf[i] == 'M' && buf[i + 1] == 'I';
}

cs_input_format cs_detect_format(const uint8_t *buf, size_t len) {
    /* CT first: both are more specific than what follows (a get-entries response holds no PEM
     * marker, but a JSON document that does would not be CT), and a tile starts with 0x00. */
    if (cs_ct_json_detect(buf, len)) {
        return CS_INPUT_CT_JSON;
    }
    if (cs_ct_tile_plausible(buf, len)) {
        return CS_INPUT_CT_TILES;
    }
    /* Before PEM: a report's PEM sits in its cells, and its rows carry more than the PEM. */
    if (cs_ccadb_detect(buf, len)) {
        return CS_INPUT_CCADB;
    }
    if (cs_ldif_detect(buf, len)) {
        return CS_INPUT_LDIF;
    }
    if (cs_pem_find_begin(buf, len, 0) != len) {
        return CS_INPUT_PEM;
    }
    if (cs_detect_der(buf, len)) {
        return CS_INPUT_DER;
    }
    if (cs_detect_base64_lines(buf, len)) {
        return CS_INPUT_BASE64_LINES;
    }
    return CS_INPUT_AUTO;
}
