/* Generated once from the comments in oid.h (dotted form beside each entry); edit both together. */
#include "scanner/oid.h"

#include <string.h>

typedef struct cs_oid_entry {
    const char *bytes;
    uint8_t len;
    const char *dotted;
    const char *name;
} cs_oid_entry;

static const cs_oid_entry cs_ext_table[CS_EXT_COUNT] = {
    [CS_EXT_SUBJECT_DIRECTORY_ATTRIBUTES] = {"\x55\x1d\x09", 3, "2.5.29.9",
                                             "subjectDirectoryAttributes"},
    [CS_EXT_SUBJECT_KEY_ID] = {"\x55\x1d\x0e", 3, "2.5.29.14", "subjectKeyIdentifier"},
    [CS_EXT_KEY_USAGE] = {"\x55\x1d\x0f", 3, "2.5.29.15", "keyUsage"},
    [CS_EXT_PRIVATE_KEY_USAGE_PERIOD] = {"\x55\x1d\x10", 3, "2.5.29.16", "privateKeyUsagePeriod"},
    [CS_EXT_SUBJECT_ALT_NAME] = {"\x55\x1d\x11", 3, "2.5.29.17", "subjectAltName"},
    [CS_EXT_ISSUER_ALT_NAME] = {"\x55\x1d\x12", 3, "2.5.29.18", "issuerAltName"},
    [CS_EXT_BASIC_CONSTRAINTS] = {"\x55\x1d\x13", 3, "2.5.29.19", "basicConstraints"},
    [CS_EXT_NAME_CONSTRAINTS] = {"\x55\x1d\x1e", 3, "2.5.29.30", "nameConstraints"},
    [CS_EXT_CRL_DISTRIBUTION_POINTS] = {"\x55\x1d\x1f", 3, "2.5.29.31", "cRLDistributionPoints"},
    [CS_EXT_CERTIFICATE_POLICIES] = {"\x55\x1d\x20", 3, "2.5.29.32", "certificatePolicies"},
    [CS_EXT_POLICY_MAPPINGS] = {"\x55\x1d\x21", 3, "2.5.29.33", "policyMappings"},
    [CS_EXT_AUTHORITY_KEY_ID] = {"\x55\x1d\x23", 3, "2.5.29.35", "authorityKeyIdentifier"},
    [CS_EXT_POLICY_CONSTRAINTS] = {"\x55\x1d\x24", 3, "2.5.29.36", "policyConstraints"},
    [CS_EXT_EXT_KEY_USAGE] = {"\x55\x1d\x25", 3, "2.5.29.37", "extKeyUsage"},
    [CS_EXT_FRESHEST_CRL] = {"\x55\x1d\x2e", 3, "2.5.29.46", "freshestCRL"},
    [CS_EXT_INHIBIT_ANY_POLICY] = {"\x55\x1d\x36", 3, "2.5.29.54", "inhibitAnyPolicy"},
    [CS_EXT_AUTHORITY_INFO_ACCESS] = {"\x2b\x06\x01\x05\x05\x07\x01\x01", 8, "1.3.6.1.5.5.7.1.1",
                                      "authorityInfoAccess"},
    [CS_EXT_SUBJECT_INFO_ACCESS] = {"\x2b\x06\x01\x05\x05\x07\x01\x0b", 8, "1.3.6.1.5.5.7.1.11",
                                    "subjectInfoAccess"},
    [CS_EXT_QC_STATEMENTS] = {"\x2b\x06\x01\x05\x05\x07\x01\x03", 8, "1.3.6.1.5.5.7.1.3",
                              "qcStatements"},
    [CS_EXT_TLS_FEATURE] = {"\x2b\x06\x01\x05\x05\x07\x01\x18", 8, "1.3.6.1.5.5.7.1.24",
                            "tlsFeature"},
    [CS_EXT_CT_POISON] = {"\x2b\x06\x01\x04\x01\xd6\x79\x02\x04\x03", 10, "1.3.6.1.4.1.11129.2.4.3",
                          "ctPrecertificatePoison"},
    [CS_EXT_CT_SCT_LIST] = {"\x2b\x06\x01\x04\x01\xd6\x79\x02\x04\x02", 10,
                            "1.3.6.1.4.1.11129.2.4.2", "ctSignedCertificateTimestampList"},
    [CS_EXT_SMIME_CAPABILITIES] = {"\x2a\x86\x48\x86\xf7\x0d\x01\x09\x0f", 9,
                                   "1.2.840.113549.1.9.15", "smimeCapabilities"},
    [CS_EXT_NETSCAPE_CERT_TYPE] = {"\x60\x86\x48\x01\x86\xf8\x42\x01\x01", 9,
                                   "2.16.840.1.113730.1.1", "netscapeCertType"},
    [CS_EXT_NETSCAPE_COMMENT] = {"\x60\x86\x48\x01\x86\xf8\x42\x01\x0d", 9,
                                 "2.16.840.1.113730.1.13", "netscapeComment"},
    [CS_EXT_MS_CERT_TEMPLATE_NAME] = {"\x2b\x06\x01\x04\x01\x82\x37\x14\x02", 9,
                                      "1.3.6.1.4.1.311.20.2", "msCertificateTemplateName"},
    [CS_EXT_MS_CA_VERSION] = {"\x2b\x06\x01\x04\x01\x82\x37\x15\x01", 9, "1.3.6.1.4.1.311.21.1",
                              "msCAVersion"},
    [CS_EXT_MS_PREV_CA_CERT_HASH] = {"\x2b\x06\x01\x04\x01\x82\x37\x15\x02", 9,
                                     "1.3.6.1.4.1.311.21.2", "msPreviousCACertHash"},
    [CS_EXT_MS_CERT_TEMPLATE] = {"\x2b\x06\x01\x04\x01\x82\x37\x15\x07", 9, "1.3.6.1.4.1.311.21.7",
                                 "msCertificateTemplate"},
    [CS_EXT_MS_APPLICATION_POLICIES] = {"\x2b\x06\x01\x04\x01\x82\x37\x15\x0a", 9,
                                        "1.3.6.1.4.1.311.21.10", "msApplicationPolicies"},
    [CS_EXT_LEI] = {"\x2b\x06\x01\x04\x01\x83\x98\x2a\x01", 9, "1.3.6.1.4.1.52266.1", "lei"},
    [CS_EXT_LEI_ROLE] = {"\x2b\x06\x01\x04\x01\x83\x98\x2a\x02", 9, "1.3.6.1.4.1.52266.2",
                         "leiRole"},
    [CS_EXT_ADOBE_TIMESTAMP] = {"\x2a\x86\x48\x86\xf7\x2f\x01\x01\x09\x01", 10,
                                "1.2.840.113583.1.1.9.1", "adobeTimestamp"},
    [CS_EXT_ADOBE_ARCHIVE_REV_INFO] = {"\x2a\x86\x48\x86\xf7\x2f\x01\x01\x09\x02", 10,
                                       "1.2.840.113583.1.1.9.2", "adobeArchiveRevInfo"},
    [CS_EXT_ENTRUST_VERSION] = {"\x2a\x86\x48\x86\xf6\x7d\x07\x41\x00", 9, "1.2.840.113533.7.65.0",
                                "entrustVersionInfo"},
};

static const cs_oid_entry cs_attr_table[CS_ATTR_COUNT] = {
    [CS_ATTR_COMMON_NAME] = {"\x55\x04\x03", 3, "2.5.4.3", "CN"},
    [CS_ATTR_SURNAME] = {"\x55\x04\x04", 3, "2.5.4.4", "SN"},
    [CS_ATTR_SERIAL_NUMBER] = {"\x55\x04\x05", 3, "2.5.4.5", "serialNumber"},
    [CS_ATTR_COUNTRY] = {"\x55\x04\x06", 3, "2.5.4.6", "C"},
    [CS_ATTR_LOCALITY] = {"\x55\x04\x07", 3, "2.5.4.7", "L"},
    [CS_ATTR_STATE] = {"\x55\x04\x08", 3, "2.5.4.8", "ST"},
    [CS_ATTR_STREET] = {"\x55\x04\x09", 3, "2.5.4.9", "street"},
    [CS_ATTR_ORGANIZATION] = {"\x55\x04\x0a", 3, "2.5.4.10", "O"},
    [CS_ATTR_ORGANIZATIONAL_UNIT] = {"\x55\x04\x0b", 3, "2.5.4.11", "OU"},
    [CS_ATTR_TITLE] = {"\x55\x04\x0c", 3, "2.5.4.12", "title"},
    [CS_ATTR_BUSINESS_CATEGORY] = {"\x55\x04\x0f", 3, "2.5.4.15", "businessCategory"},
    [CS_ATTR_POSTAL_CODE] = {"\x55\x04\x11", 3, "2.5.4.17", "postalCode"},
    [CS_ATTR_GIVEN_NAME] = {"\x55\x04\x2a", 3, "2.5.4.42", "GN"},
    [CS_ATTR_INITIALS] = {"\x55\x04\x2b", 3, "2.5.4.43", "initials"},
    [CS_ATTR_GENERATION_QUALIFIER] = {"\x55\x04\x2c", 3, "2.5.4.44", "generationQualifier"},
    [CS_ATTR_DN_QUALIFIER] = {"\x55\x04\x2e", 3, "2.5.4.46", "dnQualifier"},
    [CS_ATTR_PSEUDONYM] = {"\x55\x04\x41", 3, "2.5.4.65", "pseudonym"},
    [CS_ATTR_ORGANIZATION_IDENTIFIER] = {"\x55\x04\x61", 3, "2.5.4.97", "organizationIdentifier"},
    [CS_ATTR_NAME] = {"\x55\x04\x29", 3, "2.5.4.41", "name"},
    [CS_ATTR_EMAIL_ADDRESS] = {"\x2a\x86\x48\x86\xf7\x0d\x01\x09\x01", 9, "1.2.840.113549.1.9.1",
                               "emailAddress"},
    [CS_ATTR_DOMAIN_COMPONENT] = {"\x09\x92\x26\x89\x93\xf2\x2c\x64\x01\x19", 10,
                                  "0.9.2342.19200300.100.1.25", "DC"},
    [CS_ATTR_USER_ID] = {"\x09\x92\x26\x89\x93\xf2\x2c\x64\x01\x01", 10,
                         "0.9.2342.19200300.100.1.1", "UID"},
    [CS_ATTR_JURISDICTION_LOCALITY] = {"\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x01", 11,
                                       "1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL"},
    [CS_ATTR_JURISDICTION_STATE] = {"\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x02", 11,
                                    "1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST"},
    [CS_ATTR_JURISDICTION_COUNTRY] = {"\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x03", 11,
                                      "1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"},
};

static const cs_oid_entry cs_alg_table[CS_ALG_COUNT] = {
    [CS_ALG_RSA_ENCRYPTION] = {"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01", 9, "1.2.840.113549.1.1.1",
                               "rsaEncryption"},
    [CS_ALG_RSA_PSS] = {"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a", 9, "1.2.840.113549.1.1.10",
                        "RSASSA-PSS"},
    [CS_ALG_MD2_RSA] = {"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x02", 9, "1.2.840.113549.1.1.2",
                        "md2WithRSAEncryption"},
    [CS_ALG_MD5_RSA] = {"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x04", 9, "1.2.840.113549.1.1.4",
                        "md5WithRSAEncryption"},
    [CS_ALG_SHA1_RSA] = {"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x05", 9, "1.2.840.113549.1.1.5",
                         "sha1WithRSAEncryption"},
    [CS_ALG_SHA256_RSA] = {"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0b", 9, "1.2.840.113549.1.1.11",
                           "sha256WithRSAEncryption"},
    [CS_ALG_SHA384_RSA] = {"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0c", 9, "1.2.840.113549.1.1.12",
                           "sha384WithRSAEncryption"},
    [CS_ALG_SHA512_RSA] = {"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0d", 9, "1.2.840.113549.1.1.13",
                           "sha512WithRSAEncryption"},
    [CS_ALG_SHA224_RSA] = {"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0e", 9, "1.2.840.113549.1.1.14",
                           "sha224WithRSAEncryption"},
    [CS_ALG_EC_PUBLIC_KEY] = {"\x2a\x86\x48\xce\x3d\x02\x01", 7, "1.2.840.10045.2.1",
                              "id-ecPublicKey"},
    [CS_ALG_ECDSA_SHA1] = {"\x2a\x86\x48\xce\x3d\x04\x01", 7, "1.2.840.10045.4.1",
                           "ecdsa-with-SHA1"},
    [CS_ALG_ECDSA_SHA224] = {"\x2a\x86\x48\xce\x3d\x04\x03\x01", 8, "1.2.840.10045.4.3.1",
                             "ecdsa-with-SHA224"},
    [CS_ALG_ECDSA_SHA256] = {"\x2a\x86\x48\xce\x3d\x04\x03\x02", 8, "1.2.840.10045.4.3.2",
                             "ecdsa-with-SHA256"},
    [CS_ALG_ECDSA_SHA384] = {"\x2a\x86\x48\xce\x3d\x04\x03\x03", 8, "1.2.840.10045.4.3.3",
                             "ecdsa-with-SHA384"},
    [CS_ALG_ECDSA_SHA512] = {"\x2a\x86\x48\xce\x3d\x04\x03\x04", 8, "1.2.840.10045.4.3.4",
                             "ecdsa-with-SHA512"},
    [CS_ALG_DSA] = {"\x2a\x86\x48\xce\x38\x04\x01", 7, "1.2.840.10040.4.1", "dsa"},
    [CS_ALG_DSA_SHA1] = {"\x2a\x86\x48\xce\x38\x04\x03", 7, "1.2.840.10040.4.3", "dsa-with-sha1"},
    [CS_ALG_DSA_SHA256] = {"\x60\x86\x48\x01\x65\x03\x04\x03\x02", 9, "2.16.840.1.101.3.4.3.2",
                           "dsa-with-sha256"},
    [CS_ALG_ED25519] = {"\x2b\x65\x70", 3, "1.3.101.112", "Ed25519"},
    [CS_ALG_ED448] = {"\x2b\x65\x71", 3, "1.3.101.113", "Ed448"},
    [CS_ALG_X25519] = {"\x2b\x65\x6e", 3, "1.3.101.110", "X25519"},
    [CS_ALG_X448] = {"\x2b\x65\x6f", 3, "1.3.101.111", "X448"},
    [CS_ALG_ML_DSA_44] = {"\x60\x86\x48\x01\x65\x03\x04\x03\x11", 9, "2.16.840.1.101.3.4.3.17",
                          "ML-DSA-44"},
    [CS_ALG_ML_DSA_65] = {"\x60\x86\x48\x01\x65\x03\x04\x03\x12", 9, "2.16.840.1.101.3.4.3.18",
                          "ML-DSA-65"},
    [CS_ALG_ML_DSA_87] = {"\x60\x86\x48\x01\x65\x03\x04\x03\x13", 9, "2.16.840.1.101.3.4.3.19",
                          "ML-DSA-87"},
    [CS_ALG_ML_KEM_512] = {"\x60\x86\x48\x01\x65\x03\x04\x04\x01", 9, "2.16.840.1.101.3.4.4.1",
                           "ML-KEM-512"},
    [CS_ALG_ML_KEM_768] = {"\x60\x86\x48\x01\x65\x03\x04\x04\x02", 9, "2.16.840.1.101.3.4.4.2",
                           "ML-KEM-768"},
    [CS_ALG_ML_KEM_1024] = {"\x60\x86\x48\x01\x65\x03\x04\x04\x03", 9, "2.16.840.1.101.3.4.4.3",
                            "ML-KEM-1024"},
    [CS_ALG_GOST_2012_256] = {"\x2a\x85\x03\x07\x01\x01\x01\x01", 8, "1.2.643.7.1.1.1.1",
                              "GOST2012-256"},
    [CS_ALG_GOST_2012_512] = {"\x2a\x85\x03\x07\x01\x01\x01\x02", 8, "1.2.643.7.1.1.1.2",
                              "GOST2012-512"},
    [CS_ALG_SM2] = {"\x2a\x81\x1c\xcf\x55\x01\x82\x2d", 8, "1.2.156.10197.1.301", "SM2"},
    [CS_ALG_SM2_SM3] = {"\x2a\x81\x1c\xcf\x55\x01\x83\x75", 8, "1.2.156.10197.1.501",
                        "SM2-with-SM3"},
    [CS_ALG_RSAES_OAEP] = {"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x07", 9, "1.2.840.113549.1.1.7",
                           "RSAES-OAEP"},
    [CS_ALG_EC_DH] = {"\x2b\x81\x04\x01\x0c", 5, "1.3.132.1.12", "id-ecDH"},
    [CS_ALG_EC_MQV] = {"\x2b\x81\x04\x01\x0d", 5, "1.3.132.1.13", "id-ecMQV"},
    [CS_ALG_DSA_SHA224] = {"\x60\x86\x48\x01\x65\x03\x04\x03\x01", 9, "2.16.840.1.101.3.4.3.1",
                           "dsa-with-sha224"},
    [CS_ALG_HASH_ML_DSA_44] = {"\x60\x86\x48\x01\x65\x03\x04\x03\x20", 9, "2.16.840.1.101.3.4.3.32",
                               "HashML-DSA-44-with-SHA512"},
    [CS_ALG_HASH_ML_DSA_65] = {"\x60\x86\x48\x01\x65\x03\x04\x03\x21", 9, "2.16.840.1.101.3.4.3.33",
                               "HashML-DSA-65-with-SHA512"},
    [CS_ALG_HASH_ML_DSA_87] = {"\x60\x86\x48\x01\x65\x03\x04\x03\x22", 9, "2.16.840.1.101.3.4.3.34",
                               "HashML-DSA-87-with-SHA512"},
};

static const cs_oid_entry cs_curve_table[CS_CURVE_COUNT] = {
    [CS_CURVE_P256] = {"\x2a\x86\x48\xce\x3d\x03\x01\x07", 8, "1.2.840.10045.3.1.7", "P-256"},
    [CS_CURVE_P384] = {"\x2b\x81\x04\x00\x22", 5, "1.3.132.0.34", "P-384"},
    [CS_CURVE_P521] = {"\x2b\x81\x04\x00\x23", 5, "1.3.132.0.35", "P-521"},
    [CS_CURVE_P224] = {"\x2b\x81\x04\x00\x21", 5, "1.3.132.0.33", "P-224"},
    [CS_CURVE_P192] = {"\x2a\x86\x48\xce\x3d\x03\x01\x01", 8, "1.2.840.10045.3.1.1", "P-192"},
    [CS_CURVE_SECP256K1] = {"\x2b\x81\x04\x00\x0a", 5, "1.3.132.0.10", "secp256k1"},
    [CS_CURVE_BRAINPOOL_P256R1] = {"\x2b\x24\x03\x03\x02\x08\x01\x01\x07", 9,
                                   "1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1"},
    [CS_CURVE_BRAINPOOL_P384R1] = {"\x2b\x24\x03\x03\x02\x08\x01\x01\x0b", 9,
                                   "1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1"},
    [CS_CURVE_BRAINPOOL_P512R1] = {"\x2b\x24\x03\x03\x02\x08\x01\x01\x0d", 9,
                                   "1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1"},
    [CS_CURVE_SM2] = {"\x2a\x81\x1c\xcf\x55\x01\x82\x2d", 8, "1.2.156.10197.1.301", "SM2"},
    [CS_CURVE_OTHER] = {NULL, 0, NULL, "other-named-curve"},
    [CS_CURVE_EXPLICIT] = {NULL, 0, NULL, "explicit-parameters"},
};

static const cs_oid_entry cs_eku_table[CS_EKU_COUNT] = {
    [CS_EKU_ANY] = {"\x55\x1d\x25\x00", 4, "2.5.29.37.0", "anyExtendedKeyUsage"},
    [CS_EKU_SERVER_AUTH] = {"\x2b\x06\x01\x05\x05\x07\x03\x01", 8, "1.3.6.1.5.5.7.3.1",
                            "serverAuth"},
    [CS_EKU_CLIENT_AUTH] = {"\x2b\x06\x01\x05\x05\x07\x03\x02", 8, "1.3.6.1.5.5.7.3.2",
                            "clientAuth"},
    [CS_EKU_CODE_SIGNING] = {"\x2b\x06\x01\x05\x05\x07\x03\x03", 8, "1.3.6.1.5.5.7.3.3",
                             "codeSigning"},
    [CS_EKU_EMAIL_PROTECTION] = {"\x2b\x06\x01\x05\x05\x07\x03\x04", 8, "1.3.6.1.5.5.7.3.4",
                                 "emailProtection"},
    [CS_EKU_TIME_STAMPING] = {"\x2b\x06\x01\x05\x05\x07\x03\x08", 8, "1.3.6.1.5.5.7.3.8",
                              "timeStamping"},
    [CS_EKU_OCSP_SIGNING] = {"\x2b\x06\x01\x05\x05\x07\x03\x09", 8, "1.3.6.1.5.5.7.3.9",
                             "OCSPSigning"},
    [CS_EKU_IPSEC_END_SYSTEM] = {"\x2b\x06\x01\x05\x05\x07\x03\x05", 8, "1.3.6.1.5.5.7.3.5",
                                 "ipsecEndSystem"},
    [CS_EKU_IPSEC_TUNNEL] = {"\x2b\x06\x01\x05\x05\x07\x03\x06", 8, "1.3.6.1.5.5.7.3.6",
                             "ipsecTunnel"},
    [CS_EKU_IPSEC_USER] = {"\x2b\x06\x01\x05\x05\x07\x03\x07", 8, "1.3.6.1.5.5.7.3.7", "ipsecUser"},
    [CS_EKU_CT_PRECERT_SIGNING] = {"\x2b\x06\x01\x04\x01\xd6\x79\x02\x04\x04", 10,
                                   "1.3.6.1.4.1.11129.2.4.4", "ctPrecertificateSigning"},
    [CS_EKU_MS_SGC] = {"\x2b\x06\x01\x04\x01\x82\x37\x0a\x03\x03", 10, "1.3.6.1.4.1.311.10.3.3",
                       "msSGC"},
    [CS_EKU_NS_SGC] = {"\x60\x86\x48\x01\x86\xf8\x42\x04\x01", 9, "2.16.840.1.113730.4.1", "nsSGC"},
    [CS_EKU_MS_DOCUMENT_SIGNING] = {"\x2b\x06\x01\x04\x01\x82\x37\x0a\x03\x0c", 10,
                                    "1.3.6.1.4.1.311.10.3.12", "msDocumentSigning"},
    [CS_EKU_MS_EFS] = {"\x2b\x06\x01\x04\x01\x82\x37\x0a\x03\x04", 10, "1.3.6.1.4.1.311.10.3.4",
                       "msEFS"},
    [CS_EKU_MS_SMARTCARD_LOGON] = {"\x2b\x06\x01\x04\x01\x82\x37\x14\x02\x02", 10,
                                   "1.3.6.1.4.1.311.20.2.2", "msSmartcardLogon"},
    [CS_EKU_ADOBE_DOCUMENT_SIGNING] = {"\x2a\x86\x48\x86\xf7\x2f\x01\x01\x05", 9,
                                       "1.2.840.113583.1.1.5", "adobeAuthenticDocumentsTrust"},
    [CS_EKU_DOCUMENT_SIGNING] = {"\x2b\x06\x01\x05\x05\x07\x03\x24", 8, "1.3.6.1.5.5.7.3.36",
                                 "documentSigning"},
};

static const cs_oid_entry cs_misc_table[CS_OID_COUNT] = {
    [CS_OID_ANY_POLICY] = {"\x55\x1d\x20\x00", 4, "2.5.29.32.0", "2.5.29.32.0"},
    [CS_OID_QT_CPS] = {"\x2b\x06\x01\x05\x05\x07\x02\x01", 8, "1.3.6.1.5.5.7.2.1",
                       "1.3.6.1.5.5.7.2.1"},
    [CS_OID_QT_UNOTICE] = {"\x2b\x06\x01\x05\x05\x07\x02\x02", 8, "1.3.6.1.5.5.7.2.2",
                           "1.3.6.1.5.5.7.2.2"},
    [CS_OID_AD_OCSP] = {"\x2b\x06\x01\x05\x05\x07\x30\x01", 8, "1.3.6.1.5.5.7.48.1",
                        "1.3.6.1.5.5.7.48.1"},
    [CS_OID_AD_CA_ISSUERS] = {"\x2b\x06\x01\x05\x05\x07\x30\x02", 8, "1.3.6.1.5.5.7.48.2",
                              "1.3.6.1.5.5.7.48.2"},
    [CS_OID_AD_CA_REPOSITORY] = {"\x2b\x06\x01\x05\x05\x07\x30\x05", 8, "1.3.6.1.5.5.7.48.5",
                                 "1.3.6.1.5.5.7.48.5"},
    [CS_OID_AD_TIMESTAMPING] = {"\x2b\x06\x01\x05\x05\x07\x30\x03", 8, "1.3.6.1.5.5.7.48.3",
                                "1.3.6.1.5.5.7.48.3"},
    [CS_OID_ON_SMTP_UTF8_MAILBOX] = {"\x2b\x06\x01\x05\x05\x07\x08\x09", 8, "1.3.6.1.5.5.7.8.9",
                                     "1.3.6.1.5.5.7.8.9"},
    [CS_OID_ON_MS_UPN] = {"\x2b\x06\x01\x04\x01\x82\x37\x14\x02\x03", 10, "1.3.6.1.4.1.311.20.2.3",
                          "1.3.6.1.4.1.311.20.2.3"},
    [CS_OID_ON_HARDWARE_MODULE] = {"\x2b\x06\x01\x05\x05\x07\x08\x04", 8, "1.3.6.1.5.5.7.8.4",
                                   "1.3.6.1.5.5.7.8.4"},
    [CS_OID_MGF1] = {"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x08", 9, "1.2.840.113549.1.1.8",
                     "1.2.840.113549.1.1.8"},
    [CS_OID_SHA1] = {"\x2b\x0e\x03\x02\x1a", 5, "1.3.14.3.2.26", "1.3.14.3.2.26"},
    [CS_OID_SHA256] = {"\x60\x86\x48\x01\x65\x03\x04\x02\x01", 9, "2.16.840.1.101.3.4.2.1",
                       "2.16.840.1.101.3.4.2.1"},
    [CS_OID_SHA384] = {"\x60\x86\x48\x01\x65\x03\x04\x02\x02", 9, "2.16.840.1.101.3.4.2.2",
                       "2.16.840.1.101.3.4.2.2"},
    [CS_OID_SHA512] = {"\x60\x86\x48\x01\x65\x03\x04\x02\x03", 9, "2.16.840.1.101.3.4.2.3",
                       "2.16.840.1.101.3.4.2.3"},
    [CS_OID_SHA224] = {"\x60\x86\x48\x01\x65\x03\x04\x02\x04", 9, "2.16.840.1.101.3.4.2.4",
                       "2.16.840.1.101.3.4.2.4"},
};

/* Each table is also reachable through a small open-addressed index keyed by a hash of the
 * OID's length and last octets, built once before main: a look-up compares one entry, or a
 * few, instead of walking the table. Entries go in in table order, so for an OID listed twice
 * the probe meets the first one first, as a walk would. */
#define CS_OID_INDEX_SLOTS 256

typedef struct cs_oid_index {
    uint8_t slot[CS_OID_INDEX_SLOTS]; /* entry id, 0 for an empty slot */
} cs_oid_index;

static unsigned cs_oid_hash(const uint8_t *p, size_t len) {
    uint32_t h = (uint32_t)len * 0x9E3779B1u;
    h ^= (uint32_t)p[len - 1] * 0x85EBCA77u;
    h ^= (uint32_t)p[len > 1 ? len - 2 : 0] * 0xC2B2AE3Du;
    h ^= (uint32_t)p[len / 2] * 0x27D4EB2Fu;
    return (h ^ h >> 15) & (CS_OID_INDEX_SLOTS - 1);
}

static void cs_oid_index_build(cs_oid_index *ix, const cs_oid_entry *table, unsigned count) {
    for (unsigned i = 1; i < count; i++) {
        if (table[i].bytes == NULL || table[i].len == 0) {
            continue;
        }
        unsigned h = cs_oid_hash((const uint8_t *)table[i].bytes, table[i].len);
        while (ix->slot[h] != 0) {
            h = (h + 1) & (CS_OID_INDEX_SLOTS - 1);
        }
        ix->slot[h] = (uint8_t)i;
    }
}

/* The entries under id-ce (2.5.29) and id-at (2.5.4), by their last octet: nearly every
 * extension and attribute OID a certificate carries. Filled from the tables above. */
static uint8_t cs_ext_arc[256], cs_attr_arc[256];

static void cs_oid_arc_build(uint8_t *arc, uint8_t second, const cs_oid_entry *table,
                             unsigned count) {
    for (unsigned i = 1; i < count; i++) {
        const uint8_t *b = (const uint8_t *)table[i].bytes;
        if (b != NULL && table[i].len == 3 && b[0] == 0x55 && b[1] == second && arc[b[2]] == 0) {
            arc[b[2]] = (uint8_t)i;
        }
    }
}

static cs_oid_index cs_ext_index, cs_attr_index, cs_alg_index, cs_curve_index, cs_eku_index,
    cs_misc_index;

_Static_assert(CS_EXT_COUNT < 256 && CS_ATTR_COUNT < 256 && CS_ALG_COUNT < 256 &&
                   CS_CURVE_COUNT < 256 && CS_EKU_COUNT < 256 && CS_OID_COUNT < 128,
               "entry ids fit the index's octets, with room to spare");

__attribute__((constructor)) static void cs_oid_indexes_build(void) {
    cs_oid_index_build(&cs_ext_index, cs_ext_table, CS_EXT_COUNT);
    cs_oid_index_build(&cs_attr_index, cs_attr_table, CS_ATTR_COUNT);
    cs_oid_index_build(&cs_alg_index, cs_alg_table, CS_ALG_COUNT);
    cs_oid_index_build(&cs_curve_index, cs_curve_table, CS_CURVE_COUNT);
    cs_oid_index_build(&cs_eku_index, cs_eku_table, CS_EKU_COUNT);
    cs_oid_index_build(&cs_misc_index, cs_misc_table, CS_OID_COUNT);
    cs_oid_arc_build(cs_ext_arc, 0x1D, cs_ext_table, CS_EXT_COUNT);
    cs_oid_arc_build(cs_attr_arc, 0x04, cs_attr_table, CS_ATTR_COUNT);
}

static unsigned cs_oid_lookup(const cs_oid_index *ix, const cs_oid_entry *table, cs_der oid) {
    if (oid.len == 0) {
        return 0;
    }
    for (unsigned h = cs_oid_hash(oid.ptr, oid.len);; h = (h + 1) & (CS_OID_INDEX_SLOTS - 1)) {
        unsigned i = ix->slot[h];
        if (i == 0) {
            return 0;
        }
        if (table[i].len == oid.len && memcmp(table[i].bytes, oid.ptr, oid.len) == 0) {
            return i;
        }
    }
}

static const char *cs_oid_name(const cs_oid_entry *table, unsigned count, unsigned id) {
    if (id == 0 || id >= count || table[id].name == NULL) {
        return "unknown";
    }
    return table[id].name;
}

static cs_der cs_oid_bytes(const cs_oid_entry *table, unsigned count, unsigned id) {
    if (id == 0 || id >= count || table[id].bytes == NULL) {
        return cs_der_make(NULL, 0);
    }
    return cs_der_make((const uint8_t *)table[id].bytes, table[id].len);
}

/* Most OIDs seen per certificate are X.509's own short arcs (id-ce 2.5.29.x for extensions,
 * id-at 2.5.4.x for attributes); they are resolved by their last octet without a table scan. */
static int cs_oid_is_arc(cs_der oid, uint8_t second) {
    return oid.len == 3 && oid.ptr[0] == 0x55 && oid.ptr[1] == second;
}

cs_ext_id cs_oid_ext(cs_der oid) {
    if (cs_oid_is_arc(oid, 0x1D)) {
        return (cs_ext_id)cs_ext_arc[oid.ptr[2]];
    }
    return (cs_ext_id)cs_oid_lookup(&cs_ext_index, cs_ext_table, oid);
}

const char *cs_ext_name(cs_ext_id id) {
    return cs_oid_name(cs_ext_table, CS_EXT_COUNT, (unsigned)id);
}

cs_der cs_ext_oid(cs_ext_id id) {
    return cs_oid_bytes(cs_ext_table, CS_EXT_COUNT, (unsigned)id);
}

cs_attr_id cs_oid_attr_x520(uint8_t arc) {
    return (cs_attr_id)cs_attr_arc[arc];
}

cs_attr_id cs_oid_attr(cs_der oid) {
    if (cs_oid_is_arc(oid, 0x04)) {
        return (cs_attr_id)cs_attr_arc[oid.ptr[2]];
    }
    return (cs_attr_id)cs_oid_lookup(&cs_attr_index, cs_attr_table, oid);
}

const char *cs_attr_short_name(cs_attr_id id) {
    return cs_oid_name(cs_attr_table, CS_ATTR_COUNT, (unsigned)id);
}

cs_der cs_attr_oid(cs_attr_id id) {
    return cs_oid_bytes(cs_attr_table, CS_ATTR_COUNT, (unsigned)id);
}

/* pkcs-1 (1.2.840.113549.1.1.x) and ecdsa-with-SHA2 (1.2.840.10045.4.3.x) cover nearly every
 * signature and key algorithm seen: resolve them by their last octet. */
static const uint8_t cs_pkcs1_arc[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01};
static const uint8_t cs_ecdsa_sha2_arc[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03};

cs_alg_id cs_oid_alg(cs_der oid) {
    if (oid.len == sizeof cs_pkcs1_arc + 1 &&
        memcmp(oid.ptr, cs_pkcs1_arc, sizeof cs_pkcs1_arc) == 0) {
        switch (oid.ptr[sizeof cs_pkcs1_arc]) {
        case 1:
            return CS_ALG_RSA_ENCRYPTION;
        case 5:
            return CS_ALG_SHA1_RSA;
        case 10:
            return CS_ALG_RSA_PSS;
        case 11:
            return CS_ALG_SHA256_RSA;
        case 12:
            return CS_ALG_SHA384_RSA;
        case 13:
            return CS_ALG_SHA512_RSA;
        default:
            break;
        }
    } else if (oid.len == sizeof cs_ecdsa_sha2_arc + 1 &&
               memcmp(oid.ptr, cs_ecdsa_sha2_arc, sizeof cs_ecdsa_sha2_arc) == 0) {
        switch (oid.ptr[sizeof cs_ecdsa_sha2_arc]) {
        case 2:
            return CS_ALG_ECDSA_SHA256;
        case 3:
            return CS_ALG_ECDSA_SHA384;
        case 4:
            return CS_ALG_ECDSA_SHA512;
        default:
            break;
        }
    }
    return (cs_alg_id)cs_oid_lookup(&cs_alg_index, cs_alg_table, oid);
}

const char *cs_alg_name(cs_alg_id id) {
    return cs_oid_name(cs_alg_table, CS_ALG_COUNT, (unsigned)id);
}

cs_der cs_alg_oid(cs_alg_id id) {
    return cs_oid_bytes(cs_alg_table, CS_ALG_COUNT, (unsigned)id);
}

cs_curve_id cs_oid_curve(cs_der oid) {
    return (cs_curve_id)cs_oid_lookup(&cs_curve_index, cs_curve_table, oid);
}

const char *cs_curve_name(cs_curve_id id) {
    return cs_oid_name(cs_curve_table, CS_CURVE_COUNT, (unsigned)id);
}

cs_eku_id cs_oid_eku(cs_der oid) {
    return (cs_eku_id)cs_oid_lookup(&cs_eku_index, cs_eku_table, oid);
}

const char *cs_eku_name(cs_eku_id id) {
    return cs_oid_name(cs_eku_table, CS_EKU_COUNT, (unsigned)id);
}

cs_der cs_eku_oid(cs_eku_id id) {
    return cs_oid_bytes(cs_eku_table, CS_EKU_COUNT, (unsigned)id);
}

cs_misc_oid_id cs_oid_misc(cs_der oid) {
    return (cs_misc_oid_id)cs_oid_lookup(&cs_misc_index, cs_misc_table, oid);
}

cs_der cs_misc_oid(cs_misc_oid_id id) {
    return cs_oid_bytes(cs_misc_table, CS_OID_COUNT, (unsigned)id);
}
