#include "scanner/x509_spki.h"

#include <string.h>

static const char *const cs_key_type_names[CS_KEY_TYPE_COUNT] = {
    [CS_KEY_UNKNOWN] = "unknown", [CS_KEY_RSA] = "RSA",       [CS_KEY_RSA_PSS] = "RSA-PSS",
    [CS_KEY_EC] = "EC",           [CS_KEY_DSA] = "DSA",       [CS_KEY_ED25519] = "Ed25519",
    [CS_KEY_ED448] = "Ed448",     [CS_KEY_X25519] = "X25519", [CS_KEY_X448] = "X448",
    [CS_KEY_ML_DSA] = "ML-DSA",   [CS_KEY_ML_KEM] = "ML-KEM", [CS_KEY_OTHER] = "other",
};

const char *cs_key_type_name(cs_key_type type) {
    return (unsigned)type < CS_KEY_TYPE_COUNT ? cs_key_type_names[type] : "unknown";
}

uint32_t cs_integer_bits(cs_der content) {
    size_t i = 0;
    while (i < content.len && content.ptr[i] == 0) {
        i++;
    }
    if (i == content.len) {
        return 0;
    }
    uint32_t bits = (uint32_t)(content.len - i - 1) * 8;
    for (uint8_t top = content.ptr[i]; top != 0; top >>= 1) {
        bits++;
    }
    return bits;
}

/* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1). */
static void cs_spki_rsa(cs_x509_spki *out) {
    cs_der key = out->key, seq;
    if (!cs_der_get(&key, CS_DER_SEQUENCE, &seq, NULL, "") || key.len != 0 ||
        !cs_der_get(&seq, CS_DER_INTEGER, &out->rsa_modulus, NULL, "") ||
        !cs_der_get(&seq, CS_DER_INTEGER, &out->rsa_exponent, NULL, "") || seq.len != 0 ||
        out->rsa_modulus.len == 0 || out->rsa_exponent.len == 0) {
        return;
    }
    out->bits = cs_integer_bits(out->rsa_modulus);
    out->key_parsed = 1;
}

static uint32_t cs_curve_bits(cs_curve_id curve) {
    switch (curve) {
    case CS_CURVE_P256:
    case CS_CURVE_SECP256K1:
    case CS_CURVE_BRAINPOOL_P256R1:
    case CS_CURVE_SM2:
        return 256;
    case CS_CURVE_P384:
    case CS_CURVE_BRAINPOOL_P384R1:
        return 384;
    case CS_CURVE_P521:
        return 521;
    case CS_CURVE_BRAINPOOL_P512R1:
        return 512;
    case CS_CURVE_P224:
        return 224;
    case CS_CURVE_P192:
        return 192;
    default:
        return 0;
    }
}

/* ECParameters ::= CHOICE { namedCurve OID, implicitCurve NULL, specifiedCurve SEQUENCE }
 * (RFC 5480 §2.1.1); the point is an uncompressed or compressed SEC 1 point. */
static void cs_spki_ec(cs_x509_spki *out) {
    cs_der params = out->alg.params, oid;
    uint32_t tag;
    if (params.len == 0 || !cs_der_peek_tag(&params, &tag)) {
        out->curve = CS_CURVE_OTHER;
        return;
    }
    if (tag == CS_DER_SEQUENCE) {
        out->curve = CS_CURVE_EXPLICIT;
        return;
    }
    if (tag != CS_DER_OID || !cs_der_get(&params, CS_DER_OID, &oid, NULL, "")) {
        out->curve = CS_CURVE_OTHER;
        return;
    }
    out->curve = cs_oid_curve(oid);
    if (out->curve == CS_CURVE_NONE) {
        out->curve = CS_CURVE_OTHER;
    }
    out->bits = cs_curve_bits(out->curve);
    size_t field = (out->bits + 7) / 8;
    if (field == 0 || out->key.len == 0) {
        return;
    }
    uint8_t form = out->key.ptr[0];
    if ((form == 0x04 && out->key.len == 1 + 2 * field) ||
        ((form == 0x02 || form == 0x03) && out->key.len == 1 + field)) {
        out->key_parsed = 1;
    }
}

/* Dss-Parms ::= SEQUENCE { p, q, g INTEGER } (RFC 3279 §2.3.2). */
static void cs_spki_dsa(cs_x509_spki *out) {
    cs_der params = out->alg.params, seq, p;
    if (params.len == 0 || !cs_der_get(&params, CS_DER_SEQUENCE, &seq, NULL, "") ||
        !cs_der_get(&seq, CS_DER_INTEGER, &p, NULL, "")) {
        return;
    }
    out->bits = cs_integer_bits(p);
    cs_der key = out->key, y;
    out->key_parsed = cs_der_get(&key, CS_DER_INTEGER, &y, NULL, "") && key.len == 0;
}

static void cs_spki_fixed(cs_x509_spki *out, cs_key_type type, uint32_t bits, size_t key_len) {
    out->type = type;
    out->bits = bits;
    out->key_parsed = out->key.len == key_len;
}

int cs_x509_parse_spki(cs_der *cur, cs_x509_spki *out, cs_der_error *err) {
    static const char where[] = "tbsCertificate.subjectPublicKeyInfo";
    cs_der content, bits;
    memset(out, 0, sizeof *out);
    if (!cs_der_get_element(cur, CS_DER_SEQUENCE, &out->raw, &content, err, where)) {
        return 0;
    }
    /* The AlgorithmIdentifier reader is shared with the signature fields. */
    cs_der alg_content, oid_element;
    if (!cs_der_get_element(&content, CS_DER_SEQUENCE, &out->alg.raw, &alg_content, err, where) ||
        !cs_der_get_element(&alg_content, CS_DER_OID, &oid_element, &out->alg.oid, err, where)) {
        return 0;
    }
    /* Recognised OIDs are valid by construction; only unknown ones need the check. */
    out->alg.id = cs_oid_alg(out->alg.oid);
    if (out->alg.id == CS_ALG_UNKNOWN && !cs_der_check_oid(out->alg.oid)) {
        return cs_der_fail(err, CS_DER_BAD_OID, oid_element.ptr, where);
    }
    out->alg.params = cs_der_make(alg_content.ptr, 0);
    if (alg_content.len > 0) {
        uint32_t tag;
        cs_der inner;
        if (!cs_der_get_any(&alg_content, &tag, &out->alg.params, &inner, err, where)) {
            return 0;
        }
        if ((tag & CS_DER_CONSTRUCTED) &&
            !cs_der_validate_tree(inner, CS_DER_MAX_DEPTH, err, where)) {
            return 0;
        }
        if (!cs_der_expect_end(&alg_content, err, where)) {
            return 0;
        }
    }
    cs_der bits_element;
    if (!cs_der_get_element(&content, CS_DER_BIT_STRING, &bits_element, &bits, err, where) ||
        !cs_der_expect_end(&content, err, where)) {
        return 0;
    }
    unsigned unused;
    int der_ok;
    if (!cs_der_check_bitstring(bits, &unused, &der_ok)) {
        return cs_der_fail(err, CS_DER_BAD_BITSTRING, bits_element.ptr, where);
    }
    out->key_unused_bits = (uint8_t)unused;
    out->key = cs_der_make(bits.ptr + 1, bits.len - 1);

    switch (out->alg.id) {
    case CS_ALG_RSA_ENCRYPTION:
        out->type = CS_KEY_RSA;
        cs_spki_rsa(out);
        break;
    case CS_ALG_RSA_PSS:
        out->type = CS_KEY_RSA_PSS;
        cs_spki_rsa(out);
        break;
    case CS_ALG_EC_PUBLIC_KEY:
    case CS_ALG_EC_DH:  /* RFC 5480 §2.1.2: restricted EC keys share the syntax */
    case CS_ALG_EC_MQV: /* of id-ecPublicKey (parameters and point) */
        out->type = CS_KEY_EC;
        cs_spki_ec(out);
        break;
    case CS_ALG_DSA:
        out->type = CS_KEY_DSA;
        cs_spki_dsa(out);
        break;
    /* Sizes below: RFC 8410 §3 (raw keys), FIPS 204 Table 2 and FIPS 203 Table 3 (encoded
     * public key lengths). For ML-DSA and ML-KEM `bits` holds the parameter set's number. */
    case CS_ALG_ED25519:
        cs_spki_fixed(out, CS_KEY_ED25519, 256, 32);
        break;
    case CS_ALG_ED448:
        cs_spki_fixed(out, CS_KEY_ED448, 456, 57);
        break;
    case CS_ALG_X25519:
        cs_spki_fixed(out, CS_KEY_X25519, 256, 32);
        break;
    case CS_ALG_X448:
        cs_spki_fixed(out, CS_KEY_X448, 448, 56);
        break;
    case CS_ALG_ML_DSA_44:
        cs_spki_fixed(out, CS_KEY_ML_DSA, 44, 1312);
        break;
    case CS_ALG_ML_DSA_65:
        cs_spki_fixed(out, CS_KEY_ML_DSA, 65, 1952);
        break;
    case CS_ALG_ML_DSA_87:
        cs_spki_fixed(out, CS_KEY_ML_DSA, 87, 2592);
        break;
    case CS_ALG_ML_KEM_512:
        cs_spki_fixed(out, CS_KEY_ML_KEM, 512, 800);
        break;
    case CS_ALG_ML_KEM_768:
        cs_spki_fixed(out, CS_KEY_ML_KEM, 768, 1184);
        break;
    case CS_ALG_ML_KEM_1024:
        cs_spki_fixed(out, CS_KEY_ML_KEM, 1024, 1568);
        break;
    case CS_ALG_GOST_2012_256:
    case CS_ALG_GOST_2012_512:
    case CS_ALG_SM2:
        out->type = CS_KEY_OTHER;
        break;
    default:
        out->type = CS_KEY_UNKNOWN;
        break;
    }
    return 1;
}

/* HashAlgorithm ::= AlgorithmIdentifier with parameters NULL or absent (RFC 4055 §2.1): the
 * content of the AlgorithmIdentifier SEQUENCE. Returns the hash id, or CS_OID_UNKNOWN. */
static cs_misc_oid_id cs_pss_hash(cs_der alg_content, const char **why) {
    cs_der oid;
    cs_der_error err = {.base = alg_content.ptr};
    if (!cs_der_get(&alg_content, CS_DER_OID, &oid, &err, "")) {
        *why = "hash AlgorithmIdentifier has no OID";
        return CS_OID_UNKNOWN;
    }
    cs_misc_oid_id id = cs_oid_misc(oid);
    if (id != CS_OID_SHA1 && id != CS_OID_SHA224 && id != CS_OID_SHA256 && id != CS_OID_SHA384 &&
        id != CS_OID_SHA512) {
        *why = "hash algorithm is not SHA-1, SHA-224, SHA-256, SHA-384 or SHA-512";
        return CS_OID_UNKNOWN;
    }
    if (alg_content.len != 0) {
        cs_der null;
        if (!cs_der_get(&alg_content, CS_DER_NULL, &null, &err, "") || null.len != 0 ||
            alg_content.len != 0) {
            *why = "hash AlgorithmIdentifier parameters are neither NULL nor absent";
            return CS_OID_UNKNOWN;
        }
    }
    return id;
}

/* An INTEGER field of RSASSA-PSS-params: non-negative, minimal, at most 64 bits. */
static int cs_pss_uint(cs_der content, uint64_t *out, const char **why, const char *what) {
    int negative, minimal;
    if (!cs_der_check_integer(content, &negative, &minimal) || !minimal || negative ||
        !cs_der_parse_uint64(content, out)) {
        *why = what;
        return 0;
    }
    return 1;
}

int cs_parse_rsa_pss_params(cs_der params, cs_rsa_pss_params *out) {
    memset(out, 0, sizeof *out);
    out->hash = CS_OID_SHA1;
    out->mgf_hash = CS_OID_SHA1;
    out->salt_length = 20;
    cs_der_error err = {.base = params.ptr};
    cs_der seq, field, inner;
    int present;
    if (!cs_der_get(&params, CS_DER_SEQUENCE, &seq, &err, "") || params.len != 0) {
        out->invalid = "parameters are not an RSASSA-PSS-params SEQUENCE";
        return 0;
    }
    if (!cs_der_get_optional(&seq, CS_DER_CONTEXT_CONS(0), &field, &present, &err, "")) {
        goto bad_syntax;
    }
    if (present) {
        if (!cs_der_get(&field, CS_DER_SEQUENCE, &inner, &err, "") || field.len != 0) {
            goto bad_syntax;
        }
        out->hash = (uint8_t)cs_pss_hash(inner, &out->invalid);
        if (out->hash == CS_OID_UNKNOWN) {
            return 0;
        }
        out->default_encoded |= out->hash == CS_OID_SHA1;
    }
    if (!cs_der_get_optional(&seq, CS_DER_CONTEXT_CONS(1), &field, &present, &err, "")) {
        goto bad_syntax;
    }
    if (present) {
        cs_der oid, hash_alg;
        if (!cs_der_get(&field, CS_DER_SEQUENCE, &inner, &err, "") || field.len != 0 ||
            !cs_der_get(&inner, CS_DER_OID, &oid, &err, "")) {
            goto bad_syntax;
        }
        if (cs_oid_misc(oid) != CS_OID_MGF1) {
            out->invalid = "mask generation function is not MGF1";
            return 0;
        }
        if (!cs_der_get(&inner, CS_DER_SEQUENCE, &hash_alg, &err, "") || inner.len != 0) {
            out->invalid = "MGF1 parameters are not a hash AlgorithmIdentifier";
            return 0;
        }
        out->mgf_hash = (uint8_t)cs_pss_hash(hash_alg, &out->invalid);
        if (out->mgf_hash == CS_OID_UNKNOWN) {
            return 0;
        }
        out->default_encoded |= out->mgf_hash == CS_OID_SHA1;
    }
    if (!cs_der_get_optional(&seq, CS_DER_CONTEXT_CONS(2), &field, &present, &err, "")) {
        goto bad_syntax;
    }
    if (present) {
        if (!cs_der_get(&field, CS_DER_INTEGER, &inner, &err, "") || field.len != 0) {
            goto bad_syntax;
        }
        if (!cs_pss_uint(inner, &out->salt_length, &out->invalid,
                         "saltLength is not a non-negative DER INTEGER")) {
            return 0;
        }
        out->default_encoded |= out->salt_length == 20;
    }
    if (!cs_der_get_optional(&seq, CS_DER_CONTEXT_CONS(3), &field, &present, &err, "")) {
        goto bad_syntax;
    }
    if (present) {
        uint64_t trailer;
        if (!cs_der_get(&field, CS_DER_INTEGER, &inner, &err, "") || field.len != 0) {
            goto bad_syntax;
        }
        if (!cs_pss_uint(inner, &trailer, &out->invalid,
                         "trailerField is not a non-negative DER INTEGER")) {
            return 0;
        }
        out->default_encoded |= trailer == 1;
        out->trailer_not_1 = trailer != 1;
    }
    if (seq.len == 0) {
        return 1;
    }
bad_syntax:
    out->invalid = "parameters do not follow the RSASSA-PSS-params syntax";
    return 0;
}
