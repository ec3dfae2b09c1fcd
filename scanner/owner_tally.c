#include "scanner/owner_tally.h"

#include "io/sha256.h"

int cs_owner_tally_batch(void *tally, const cs_scan_batch *b, cs_buf *out) {
    cs_owner_tally *t = tally;
    for (unsigned i = 0; i < b->n; i++) {
        const cs_scan_item *it = &b->item[i];
        if (!it->entry->parsed) {
            continue;
        }
        uint8_t md[CS_SHA256_LEN];
        cs_sha256(it->der, it->der_len, md);
        cs_owner_match how;
        cs_owner_db_for_cert(t->db, md, &it->x509, &how);
        t->certificates++;
        t->by_fingerprint += how == CS_OWNER_BY_FINGERPRINT;
        t->by_issuer += how == CS_OWNER_BY_ISSUER;
    }
    return t->inner(t->inner_state, b, out);
}

void cs_owner_tally_merge(cs_owner_tally *into, const cs_owner_tally *from) {
    into->certificates += from->certificates;
    into->by_fingerprint += from->by_fingerprint;
    into->by_issuer += from->by_issuer;
}

void cs_owner_tally_text(FILE *out, const cs_owner_tally *t) {
    fprintf(out, "\nCA owners (--ccadb: %zu records with a CA Owner, %zu CA certificates)\n",
            cs_owner_db_count(t->db), cs_owner_db_certificates(t->db));
    fprintf(out, "  certificates     %10llu\n", (unsigned long long)t->certificates);
    fprintf(out, "  owner found      %10llu\n",
            (unsigned long long)(t->by_fingerprint + t->by_issuer));
    fprintf(out, "    by fingerprint %10llu\n", (unsigned long long)t->by_fingerprint);
    fprintf(out, "    by issuer      %10llu\n", (unsigned long long)t->by_issuer);
    fprintf(out, "  no owner         %10llu\n",
            (unsigned long long)(t->certificates - t->by_fingerprint - t->by_issuer));
}

void cs_owner_tally_json(FILE *out, const void *tally) {
    const cs_owner_tally *t = tally;
    fprintf(out,
            ",\"ca_owners\":{\"records\":%zu,\"ca_certificates\":%zu,\"certificates\":%llu,"
            "\"by_fingerprint\":%llu,\"by_issuer\":%llu,\"none\":%llu}",
            cs_owner_db_count(t->db), cs_owner_db_certificates(t->db),
            (unsigned long long)t->certificates, (unsigned long long)t->by_fingerprint,
            (unsigned long long)t->by_issuer,
            (unsigned long long)(t->certificates - t->by_fingerprint - t->by_issuer));
}
