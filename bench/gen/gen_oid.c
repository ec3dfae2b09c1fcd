#include "bench/gen/gen_oid.h"

#include "bench/gen/gen_der.h"

gen_oid_bytes gen_oids[GEN_OID_COUNT];

static const char *const gen_oid_text[GEN_OID_COUNT] = {
    [GEN_AT_CN] = "2.5.4.3",
    [GEN_AT_SURNAME] = "2.5.4.4",
    [GEN_AT_SERIAL] = "2.5.4.5",
    [GEN_AT_C] = "2.5.4.6",
    [GEN_AT_L] = "2.5.4.7",
    [GEN_AT_ST] = "2.5.4.8",
    [GEN_AT_STREET] = "2.5.4.9",
    [GEN_AT_O] = "2.5.4.10",
    [GEN_AT_OU] = "2.5.4.11",
    [GEN_AT_TITLE] = "2.5.4.12",
    [GEN_AT_POSTAL] = "2.5.4.17",
    [GEN_AT_GIVEN] = "2.5.4.42",
    [GEN_AT_PSEUDONYM] = "2.5.4.65",
    [GEN_AT_ORG_ID] = "2.5.4.97",
    [GEN_AT_EMAIL] = "1.2.840.113549.1.9.1",
    [GEN_AT_DC] = "0.9.2342.19200300.100.1.25",
    [GEN_EXT_SDA] = "2.5.29.9",
    [GEN_EXT_SKI] = "2.5.29.14",
    [GEN_EXT_KU] = "2.5.29.15",
    [GEN_EXT_SAN] = "2.5.29.17",
    [GEN_EXT_BC] = "2.5.29.19",
    [GEN_EXT_NC] = "2.5.29.30",
    [GEN_EXT_CRLDP] = "2.5.29.31",
    [GEN_EXT_CP] = "2.5.29.32",
    [GEN_EXT_AKI] = "2.5.29.35",
    [GEN_EXT_EKU] = "2.5.29.37",
    [GEN_EXT_AIA] = "1.3.6.1.5.5.7.1.1",
    [GEN_EXT_QC] = "1.3.6.1.5.5.7.1.3",
    [GEN_EXT_SMIME_CAPS] = "1.2.840.113549.1.9.15",
    [GEN_EXT_LEI] = "1.3.6.1.4.1.52266.1",
    [GEN_EXT_LEI_ROLE] = "1.3.6.1.4.1.52266.2",
    [GEN_EXT_ADOBE_TS] = "1.2.840.113583.1.1.9.1",
    [GEN_EXT_SCT] = "1.3.6.1.4.1.11129.2.4.2",
    [GEN_EXT_POISON] = "1.3.6.1.4.1.11129.2.4.3",
    [GEN_EXT_MS_TEMPLATE] = "1.3.6.1.4.1.311.21.7",
    [GEN_EXT_PRIVATE] = "2.25.329800735698586629295641978511506172918",
    [GEN_KP_SERVER] = "1.3.6.1.5.5.7.3.1",
    [GEN_KP_CLIENT] = "1.3.6.1.5.5.7.3.2",
    [GEN_KP_CODE] = "1.3.6.1.5.5.7.3.3",
    [GEN_KP_EMAIL] = "1.3.6.1.5.5.7.3.4",
    [GEN_KP_TIME] = "1.3.6.1.5.5.7.3.8",
    [GEN_KP_OCSP] = "1.3.6.1.5.5.7.3.9",
    [GEN_KP_ANY] = "2.5.29.37.0",
    [GEN_KP_DOCSIGN] = "1.3.6.1.4.1.311.10.3.12",
    [GEN_POL_ANY] = "2.5.29.32.0",
    [GEN_POL_TLS_DV] = "2.23.140.1.2.1",
    [GEN_POL_TLS_OV] = "2.23.140.1.2.2",
    [GEN_QT_CPS] = "1.3.6.1.5.5.7.2.1",
    [GEN_QT_UNOTICE] = "1.3.6.1.5.5.7.2.2",
    [GEN_AD_OCSP] = "1.3.6.1.5.5.7.48.1",
    [GEN_AD_CA_ISSUERS] = "1.3.6.1.5.5.7.48.2",
    [GEN_ON_SMTPUTF8] = "1.3.6.1.5.5.7.8.9",
    [GEN_ON_UPN] = "1.3.6.1.4.1.311.20.2.3",
    [GEN_QCS_COMPLIANCE] = "0.4.0.1862.1.1",
    [GEN_ALG_RSA] = "1.2.840.113549.1.1.1",
    [GEN_ALG_EC] = "1.2.840.10045.2.1",
    [GEN_ALG_P256] = "1.2.840.10045.3.1.7",
    [GEN_ALG_P384] = "1.3.132.0.34",
    [GEN_ALG_P521] = "1.3.132.0.35",
    [GEN_ALG_ED25519] = "1.3.101.112",
    [GEN_ALG_MLDSA44] = "2.16.840.1.101.3.4.3.17",
    [GEN_ALG_MLDSA65] = "2.16.840.1.101.3.4.3.18",
    [GEN_ALG_MLDSA87] = "2.16.840.1.101.3.4.3.19",
    [GEN_ALG_MLKEM768] = "2.16.840.1.101.3.4.4.2",
    [GEN_ALG_RSA_SHA1] = "1.2.840.113549.1.1.5",
    [GEN_ALG_RSA_SHA256] = "1.2.840.113549.1.1.11",
    [GEN_ALG_RSA_SHA384] = "1.2.840.113549.1.1.12",
    [GEN_ALG_RSA_SHA512] = "1.2.840.113549.1.1.13",
    [GEN_ALG_RSA_PSS] = "1.2.840.113549.1.1.10",
    [GEN_ALG_MGF1] = "1.2.840.113549.1.1.8",
    [GEN_ALG_SHA256] = "2.16.840.1.101.3.4.2.1",
    [GEN_ALG_SHA384] = "2.16.840.1.101.3.4.2.2",
    [GEN_ALG_ECDSA_SHA256] = "1.2.840.10045.4.3.2",
    [GEN_ALG_ECDSA_SHA384] = "1.2.840.10045.4.3.3",
    [GEN_ALG_ECDSA_SHA512] = "1.2.840.10045.4.3.4",
    [GEN_ALG_AES256_CBC] = "2.16.840.1.101.3.4.1.42",
    [GEN_ALG_AES128_CBC] = "2.16.840.1.101.3.4.1.2",
};

int gen_oid_init(void) {
    for (int i = 0; i < GEN_OID_COUNT; i++) {
        size_t n = gen_oid_text[i] == NULL
                       ? 0
                       : gen_oid_encode(gen_oid_text[i], gen_oids[i].b, sizeof gen_oids[i].b);
        if (n == 0) {
            return 0;
        }
        gen_oids[i].len = (uint8_t)n;
    }
    return 1;
}

const char *gen_oid_dotted(gen_oid_id id) {
    return gen_oid_text[id];
}

size_t gen_oid_from_dotted(const char *dotted, uint8_t *out, size_t cap) {
    return gen_oid_encode(dotted, out, cap);
}
