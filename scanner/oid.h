/* Object identifiers certscan recognises, as small integer ids.
 *
 * Recognising an OID once in the parse stage lets rules test an id (a byte compare) instead of
 * comparing encoded OIDs again. Unknown OIDs get id 0 and keep their bytes in the view.
 */
#ifndef CS_OID_H
#define CS_OID_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/der.h"

/* Certificate extensions. */
typedef enum cs_ext_id {
    CS_EXT_UNKNOWN = 0,
    CS_EXT_SUBJECT_DIRECTORY_ATTRIBUTES, /* 2.5.29.9 */
    CS_EXT_SUBJECT_KEY_ID,               /* 2.5.29.14 */
    CS_EXT_KEY_USAGE,                    /* 2.5.29.15 */
    CS_EXT_PRIVATE_KEY_USAGE_PERIOD,     /* 2.5.29.16 */
    CS_EXT_SUBJECT_ALT_NAME,             /* 2.5.29.17 */
    CS_EXT_ISSUER_ALT_NAME,              /* 2.5.29.18 */
    CS_EXT_BASIC_CONSTRAINTS,            /* 2.5.29.19 */
    CS_EXT_NAME_CONSTRAINTS,             /* 2.5.29.30 */
    CS_EXT_CRL_DISTRIBUTION_POINTS,      /* 2.5.29.31 */
    CS_EXT_CERTIFICATE_POLICIES,         /* 2.5.29.32 */
    CS_EXT_POLICY_MAPPINGS,              /* 2.5.29.33 */
    CS_EXT_AUTHORITY_KEY_ID,             /* 2.5.29.35 */
    CS_EXT_POLICY_CONSTRAINTS,           /* 2.5.29.36 */
    CS_EXT_EXT_KEY_USAGE,                /* 2.5.29.37 */
    CS_EXT_FRESHEST_CRL,                 /* 2.5.29.46 */
    CS_EXT_INHIBIT_ANY_POLICY,           /* 2.5.29.54 */
    CS_EXT_AUTHORITY_INFO_ACCESS,        /* 1.3.6.1.5.5.7.1.1 */
    CS_EXT_SUBJECT_INFO_ACCESS,          /* 1.3.6.1.5.5.7.1.11 */
    CS_EXT_QC_STATEMENTS,                /* 1.3.6.1.5.5.7.1.3 */
    CS_EXT_TLS_FEATURE,                  /* 1.3.6.1.5.5.7.1.24 */
    CS_EXT_CT_POISON,                    /* 1.3.6.1.4.1.11129.2.4.3 */
    CS_EXT_CT_SCT_LIST,                  /* 1.3.6.1.4.1.11129.2.4.2 */
    CS_EXT_SMIME_CAPABILITIES,           /* 1.2.840.113549.1.9.15 */
    CS_EXT_NETSCAPE_CERT_TYPE,           /* 2.16.840.1.113730.1.1 */
    CS_EXT_NETSCAPE_COMMENT,             /* 2.16.840.1.113730.1.13 */
    CS_EXT_MS_CERT_TEMPLATE_NAME,        /* 1.3.6.1.4.1.311.20.2 */
    CS_EXT_MS_CA_VERSION,                /* 1.3.6.1.4.1.311.21.1 */
    CS_EXT_MS_PREV_CA_CERT_HASH,         /* 1.3.6.1.4.1.311.21.2 */
    CS_EXT_MS_CERT_TEMPLATE,             /* 1.3.6.1.4.1.311.21.7 */
    CS_EXT_MS_APPLICATION_POLICIES,      /* 1.3.6.1.4.1.311.21.10 */
    CS_EXT_LEI,                          /* 1.3.6.1.4.1.52266.1 */
    CS_EXT_LEI_ROLE,                     /* 1.3.6.1.4.1.52266.2 */
    CS_EXT_ADOBE_TIMESTAMP,              /* 1.2.840.113583.1.1.9.1 */
    CS_EXT_ADOBE_ARCHIVE_REV_INFO,       /* 1.2.840.113583.1.1.9.2 */
    CS_EXT_ENTRUST_VERSION,              /* 1.2.840.113533.7.65.0 */
    CS_EXT_COUNT
} cs_ext_id;

/* Naming attributes (X.520, PKCS #9, RFC 4519 and CA/B Forum). */
typedef enum cs_attr_id {
    CS_ATTR_UNKNOWN = 0,
    CS_ATTR_COMMON_NAME,             /* 2.5.4.3 */
    CS_ATTR_SURNAME,                 /* 2.5.4.4 */
    CS_ATTR_SERIAL_NUMBER,           /* 2.5.4.5 */
    CS_ATTR_COUNTRY,                 /* 2.5.4.6 */
    CS_ATTR_LOCALITY,                /* 2.5.4.7 */
    CS_ATTR_STATE,                   /* 2.5.4.8 */
    CS_ATTR_STREET,                  /* 2.5.4.9 */
    CS_ATTR_ORGANIZATION,            /* 2.5.4.10 */
    CS_ATTR_ORGANIZATIONAL_UNIT,     /* 2.5.4.11 */
    CS_ATTR_TITLE,                   /* 2.5.4.12 */
    CS_ATTR_BUSINESS_CATEGORY,       /* 2.5.4.15 */
    CS_ATTR_POSTAL_CODE,             /* 2.5.4.17 */
    CS_ATTR_GIVEN_NAME,              /* 2.5.4.42 */
    CS_ATTR_INITIALS,                /* 2.5.4.43 */
    CS_ATTR_GENERATION_QUALIFIER,    /* 2.5.4.44 */
    CS_ATTR_DN_QUALIFIER,            /* 2.5.4.46 */
    CS_ATTR_PSEUDONYM,               /* 2.5.4.65 */
    CS_ATTR_ORGANIZATION_IDENTIFIER, /* 2.5.4.97 */
    CS_ATTR_NAME,                    /* 2.5.4.41 */
    CS_ATTR_EMAIL_ADDRESS,           /* 1.2.840.113549.1.9.1 */
    CS_ATTR_DOMAIN_COMPONENT,        /* 0.9.2342.19200300.100.1.25 */
    CS_ATTR_USER_ID,                 /* 0.9.2342.19200300.100.1.1 */
    CS_ATTR_JURISDICTION_LOCALITY,   /* 1.3.6.1.4.1.311.60.2.1.1 */
    CS_ATTR_JURISDICTION_STATE,      /* 1.3.6.1.4.1.311.60.2.1.2 */
    CS_ATTR_JURISDICTION_COUNTRY,    /* 1.3.6.1.4.1.311.60.2.1.3 */
    CS_ATTR_COUNT
} cs_attr_id;

/* Algorithms: signature algorithms and public key algorithms share one space. */
typedef enum cs_alg_id {
    CS_ALG_UNKNOWN = 0,
    CS_ALG_RSA_ENCRYPTION, /* 1.2.840.113549.1.1.1 */
    CS_ALG_RSA_PSS,        /* 1.2.840.113549.1.1.10 */
    CS_ALG_MD2_RSA,        /* 1.2.840.113549.1.1.2 */
    CS_ALG_MD5_RSA,        /* 1.2.840.113549.1.1.4 */
    CS_ALG_SHA1_RSA,       /* 1.2.840.113549.1.1.5 */
    CS_ALG_SHA256_RSA,     /* 1.2.840.113549.1.1.11 */
    CS_ALG_SHA384_RSA,     /* 1.2.840.113549.1.1.12 */
    CS_ALG_SHA512_RSA,     /* 1.2.840.113549.1.1.13 */
    CS_ALG_SHA224_RSA,     /* 1.2.840.113549.1.1.14 */
    CS_ALG_EC_PUBLIC_KEY,  /* 1.2.840.10045.2.1 */
    CS_ALG_ECDSA_SHA1,     /* 1.2.840.10045.4.1 */
    CS_ALG_ECDSA_SHA224,   /* 1.2.840.10045.4.3.1 */
    CS_ALG_ECDSA_SHA256,   /* 1.2.840.10045.4.3.2 */
    CS_ALG_ECDSA_SHA384,   /* 1.2.840.10045.4.3.3 */
    CS_ALG_ECDSA_SHA512,   /* 1.2.840.10045.4.3.4 */
    CS_ALG_DSA,            /* 1.2.840.10040.4.1 */
    CS_ALG_DSA_SHA1,       /* 1.2.840.10040.4.3 */
    CS_ALG_DSA_SHA256,     /* 2.16.840.1.101.3.4.3.2 */
    CS_ALG_ED25519,        /* 1.3.101.112 */
    CS_ALG_ED448,          /* 1.3.101.113 */
    CS_ALG_X25519,         /* 1.3.101.110 */
    CS_ALG_X448,           /* 1.3.101.111 */
    CS_ALG_ML_DSA_44,      /* 2.16.840.1.101.3.4.3.17 */
    CS_ALG_ML_DSA_65,      /* 2.16.840.1.101.3.4.3.18 */
    CS_ALG_ML_DSA_87,      /* 2.16.840.1.101.3.4.3.19 */
    CS_ALG_ML_KEM_512,     /* 2.16.840.1.101.3.4.4.1 */
    CS_ALG_ML_KEM_768,     /* 2.16.840.1.101.3.4.4.2 */
    CS_ALG_ML_KEM_1024,    /* 2.16.840.1.101.3.4.4.3 */
    CS_ALG_GOST_2012_256,  /* 1.2.643.7.1.1.1.1 */
    CS_ALG_GOST_2012_512,  /* 1.2.643.7.1.1.1.2 */
    CS_ALG_SM2,            /* 1.2.156.10197.1.301 */
    CS_ALG_SM2_SM3,        /* 1.2.156.10197.1.501 */
    CS_ALG_RSAES_OAEP,     /* 1.2.840.113549.1.1.7 */
    CS_ALG_EC_DH,          /* 1.3.132.1.12 */
    CS_ALG_EC_MQV,         /* 1.3.132.1.13 */
    CS_ALG_DSA_SHA224,     /* 2.16.840.1.101.3.4.3.1 */
    CS_ALG_HASH_ML_DSA_44, /* 2.16.840.1.101.3.4.3.32 (id-hash-ml-dsa-44-with-sha512) */
    CS_ALG_HASH_ML_DSA_65, /* 2.16.840.1.101.3.4.3.33 */
    CS_ALG_HASH_ML_DSA_87, /* 2.16.840.1.101.3.4.3.34 */
    CS_ALG_COUNT
} cs_alg_id;

/* Named elliptic curves. */
typedef enum cs_curve_id {
    CS_CURVE_NONE = 0,
    CS_CURVE_P256,             /* 1.2.840.10045.3.1.7 */
    CS_CURVE_P384,             /* 1.3.132.0.34 */
    CS_CURVE_P521,             /* 1.3.132.0.35 */
    CS_CURVE_P224,             /* 1.3.132.0.33 */
    CS_CURVE_P192,             /* 1.2.840.10045.3.1.1 */
    CS_CURVE_SECP256K1,        /* 1.3.132.0.10 */
    CS_CURVE_BRAINPOOL_P256R1, /* 1.3.36.3.3.2.8.1.1.7 */
    CS_CURVE_BRAINPOOL_P384R1, /* 1.3.36.3.3.2.8.1.1.11 */
    CS_CURVE_BRAINPOOL_P512R1, /* 1.3.36.3.3.2.8.1.1.13 */
    CS_CURVE_SM2,              /* 1.2.156.10197.1.301 */
    CS_CURVE_OTHER,            /* a named curve certscan does not know */
    CS_CURVE_EXPLICIT,         /* explicit parameters instead of a name */
    CS_CURVE_COUNT
} cs_curve_id;

/* Extended key usage purposes. */
typedef enum cs_eku_id {
    CS_EKU_UNKNOWN = 0,
    CS_EKU_ANY,                    /* 2.5.29.37.0 */
    CS_EKU_SERVER_AUTH,            /* 1.3.6.1.5.5.7.3.1 */
    CS_EKU_CLIENT_AUTH,            /* 1.3.6.1.5.5.7.3.2 */
    CS_EKU_CODE_SIGNING,           /* 1.3.6.1.5.5.7.3.3 */
    CS_EKU_EMAIL_PROTECTION,       /* 1.3.6.1.5.5.7.3.4 */
    CS_EKU_TIME_STAMPING,          /* 1.3.6.1.5.5.7.3.8 */
    CS_EKU_OCSP_SIGNING,           /* 1.3.6.1.5.5.7.3.9 */
    CS_EKU_IPSEC_END_SYSTEM,       /* 1.3.6.1.5.5.7.3.5 */
    CS_EKU_IPSEC_TUNNEL,           /* 1.3.6.1.5.5.7.3.6 */
    CS_EKU_IPSEC_USER,             /* 1.3.6.1.5.5.7.3.7 */
    CS_EKU_CT_PRECERT_SIGNING,     /* 1.3.6.1.4.1.11129.2.4.4 */
    CS_EKU_MS_SGC,                 /* 1.3.6.1.4.1.311.10.3.3 */
    CS_EKU_NS_SGC,                 /* 2.16.840.1.113730.4.1 */
    CS_EKU_MS_DOCUMENT_SIGNING,    /* 1.3.6.1.4.1.311.10.3.12 */
    CS_EKU_MS_EFS,                 /* 1.3.6.1.4.1.311.10.3.4 */
    CS_EKU_MS_SMARTCARD_LOGON,     /* 1.3.6.1.4.1.311.20.2.2 */
    CS_EKU_ADOBE_DOCUMENT_SIGNING, /* 1.2.840.113583.1.1.5 */
    CS_EKU_DOCUMENT_SIGNING,       /* 1.3.6.1.5.5.7.3.36 */
    CS_EKU_COUNT
} cs_eku_id;

/* Other OIDs rules look for. */
typedef enum cs_misc_oid_id {
    CS_OID_UNKNOWN = 0,
    CS_OID_ANY_POLICY,           /* 2.5.29.32.0 */
    CS_OID_QT_CPS,               /* 1.3.6.1.5.5.7.2.1 */
    CS_OID_QT_UNOTICE,           /* 1.3.6.1.5.5.7.2.2 */
    CS_OID_AD_OCSP,              /* 1.3.6.1.5.5.7.48.1 */
    CS_OID_AD_CA_ISSUERS,        /* 1.3.6.1.5.5.7.48.2 */
    CS_OID_AD_CA_REPOSITORY,     /* 1.3.6.1.5.5.7.48.5 */
    CS_OID_AD_TIMESTAMPING,      /* 1.3.6.1.5.5.7.48.3 */
    CS_OID_ON_SMTP_UTF8_MAILBOX, /* 1.3.6.1.5.5.7.8.9 */
    CS_OID_ON_MS_UPN,            /* 1.3.6.1.4.1.311.20.2.3 */
    CS_OID_ON_HARDWARE_MODULE,   /* 1.3.6.1.5.5.7.8.4 */
    CS_OID_MGF1,                 /* 1.2.840.113549.1.1.8 */
    CS_OID_SHA1,                 /* 1.3.14.3.2.26 */
    CS_OID_SHA256,               /* 2.16.840.1.101.3.4.2.1 */
    CS_OID_SHA384,               /* 2.16.840.1.101.3.4.2.2 */
    CS_OID_SHA512,               /* 2.16.840.1.101.3.4.2.3 */
    CS_OID_SHA224,               /* 2.16.840.1.101.3.4.2.4 */
    CS_OID_COUNT
} cs_misc_oid_id;

cs_ext_id cs_oid_ext(cs_der oid);
/* The attribute id-at (2.5.4) `arc`, from the last octet of its OID. */
cs_attr_id cs_oid_attr_x520(uint8_t arc);
cs_attr_id cs_oid_attr(cs_der oid);
cs_alg_id cs_oid_alg(cs_der oid);
cs_curve_id cs_oid_curve(cs_der oid);
cs_eku_id cs_oid_eku(cs_der oid);
cs_misc_oid_id cs_oid_misc(cs_der oid);

/* Short names for reports, e.g. "keyUsage", "CN", "sha256WithRSAEncryption", "P-256". */
const char *cs_ext_name(cs_ext_id id);
const char *cs_attr_short_name(cs_attr_id id);
const char *cs_alg_name(cs_alg_id id);
const char *cs_curve_name(cs_curve_id id);
const char *cs_eku_name(cs_eku_id id);

/* Encoded (content) bytes of a known OID, for building test certificates and for comparisons. */
cs_der cs_ext_oid(cs_ext_id id);
cs_der cs_attr_oid(cs_attr_id id);
cs_der cs_alg_oid(cs_alg_id id);
cs_der cs_eku_oid(cs_eku_id id);
cs_der cs_misc_oid(cs_misc_oid_id id);

#endif
