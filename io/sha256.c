/* OpenSSL's low-level SHA-256 calls, deprecated since 3.0 in favour of EVP, on purpose: the
 * one-shot SHA256() and EVP fetch the digest through the provider machinery, whose first use
 * initialises OpenSSL (configuration file, default provider, algorithm tables): about 2.5 ms of
 * CPU per process, half of the 5 ms budget of `certscan lint` on one certificate. The low-level
 * functions run the same assembly with no initialisation. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "io/sha256.h"

#include <openssl/sha.h>

_Static_assert(CS_SHA256_LEN == SHA256_DIGEST_LENGTH, "SHA-256 is 32 octets");

void cs_sha256(const uint8_t *data, size_t len, uint8_t out[CS_SHA256_LEN]) {
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, data, len);
    SHA256_Final(out, &ctx);
}

void cs_sha256_hex(const uint8_t *data, size_t len, char out[2 * CS_SHA256_LEN + 1]) {
    static const char hex[] = "0123456789abcdef";
    uint8_t md[CS_SHA256_LEN];
    cs_sha256(data, len, md);
    for (int i = 0; i < CS_SHA256_LEN; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[2 * CS_SHA256_LEN] = '\0';
}
