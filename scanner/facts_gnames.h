/* Facts about extensions made of GeneralNames: subjectAltName, issuerAltName, nameConstraints,
 * cRLDistributionPoints, freshestCRL, authority/subject information access.
 *
 * The extractor walks every GeneralName of these extensions once and sets one column per kind of
 * problem, per extension: rules are predicates over these columns (and the extension present /
 * critical columns of facts_cols.h). The checks behind each column are in scanner/gn_syntax.h. */
#ifndef CS_FACTS_GNAMES_H
#define CS_FACTS_GNAMES_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_GNAMES_FIRST_ = CS_COL_GNAMES_BASE - 1,
    CS_COL_GN_SUBJECT_EMPTY, /* the subject is an empty SEQUENCE (no RDN) */

    /* subjectAltName */
    CS_COL_SAN_NO_ENTRIES,         /* an empty GeneralNames SEQUENCE */
    CS_COL_SAN_EMPTY_NAME,         /* a GeneralName with an empty value */
    CS_COL_SAN_DNS_NOT_IA5,        /* dNSName with an octet above 0x7F */
    CS_COL_SAN_DNS_SPACE,          /* dNSName " " */
    CS_COL_SAN_DNS_EMPTY_LABEL,    /* dNSName with an empty label */
    CS_COL_SAN_DNS_LABEL_TOO_LONG, /* dNSName label over 63 octets */
    CS_COL_SAN_DNS_TOO_LONG,       /* dNSName over 253 octets */
    CS_COL_SAN_DNS_HYPHEN,         /* dNSName label starting or ending with '-' */
    CS_COL_SAN_DNS_UNDERSCORE,     /* dNSName label with '_' */
    CS_COL_SAN_DNS_BAD_CHAR,       /* dNSName with another character outside LDH (or a bad '*') */
    CS_COL_SAN_DNS_BAD_A_LABEL,    /* dNSName "xn--" label that is not a valid A-label */
    CS_COL_SAN_RFC822_INVALID,     /* rfc822Name that is not a bare Mailbox */
    CS_COL_SAN_URI_NOT_IA5,        /* URI with an octet above 0x7F */
    CS_COL_SAN_URI_RELATIVE,       /* URI without a scheme */
    CS_COL_SAN_URI_INVALID,        /* URI with no scheme-specific part or bad RFC 3986 syntax */
    CS_COL_SAN_URI_HOST,           /* URI authority whose host is not an FQDN or IP address */
    CS_COL_SAN_IP_LENGTH,          /* iPAddress neither 4 nor 16 octets */

    /* issuerAltName */
    CS_COL_IAN_NO_ENTRIES,
    CS_COL_IAN_EMPTY_NAME,
    CS_COL_IAN_DNS_NOT_IA5,
    CS_COL_IAN_DNS_SPACE,
    CS_COL_IAN_DNS_INVALID, /* any preferred-name-syntax or A-label problem */
    CS_COL_IAN_RFC822_INVALID,
    CS_COL_IAN_URI_NOT_IA5,
    CS_COL_IAN_URI_RELATIVE,
    CS_COL_IAN_URI_INVALID,
    CS_COL_IAN_URI_HOST,
    CS_COL_IAN_IP_LENGTH,

    /* SmtpUTF8Mailbox otherName in subjectAltName or issuerAltName (RFC 9598) */
    CS_COL_SMTP_NOT_UTF8,
    CS_COL_SMTP_SYNTAX,
    CS_COL_SMTP_ASCII_LOCAL,
    CS_COL_SMTP_BOM,
    CS_COL_SMTP_UPPERCASE,
    CS_COL_SMTP_BAD_DOMAIN,

    /* nameConstraints */
    CS_COL_NC_EMPTY,           /* neither permittedSubtrees nor excludedSubtrees */
    CS_COL_NC_EMPTY_SUBTREES,  /* a GeneralSubtrees field with no subtree */
    CS_COL_NC_MIN_NONZERO,     /* minimum other than 0 */
    CS_COL_NC_MIN_ENCODED,     /* minimum encoded with its DEFAULT value 0 */
    CS_COL_NC_MAX_PRESENT,     /* maximum present */
    CS_COL_NC_X400,            /* an x400Address subtree */
    CS_COL_NC_EDI,             /* an ediPartyName subtree */
    CS_COL_NC_REGISTERED_ID,   /* a registeredID subtree */
    CS_COL_NC_IP_LENGTH,       /* iPAddress neither 8 nor 32 octets */
    CS_COL_NC_IP_NOT_CIDR,     /* iPAddress mask not contiguous, or address bits outside it */
    CS_COL_NC_URI_NOT_FQDN,    /* URI constraint that is not a host or .domain FQDN */
    CS_COL_NC_DNS_LEADING_DOT, /* dNSName constraint starting with '.' */
    CS_COL_NC_DNS_INVALID,     /* dNSName constraint otherwise not in preferred name syntax */
    CS_COL_NC_RFC822_MAILBOX,  /* rfc822Name constraint holding '@' (a full mailbox) */
    CS_COL_NC_RFC822_INVALID,  /* rfc822Name constraint that is no mailbox, host or .domain */

    /* cRLDistributionPoints; freshestCRL has the same layout from CS_COL_FRESHEST_FIRST */
    CS_COL_CRLDP_FIRST,
    CS_COL_CRLDP_NO_ENTRIES = CS_COL_CRLDP_FIRST, /* no DistributionPoint */
    CS_COL_CRLDP_INCOMPLETE,       /* a DistributionPoint without distributionPoint and cRLIssuer */
    CS_COL_CRLDP_EMPTY_NAMES,      /* an empty fullName or cRLIssuer */
    CS_COL_CRLDP_NO_HTTP_LDAP,     /* a distributionPoint without an http:// or ldap:// URI */
    CS_COL_CRLDP_URI_INVALID,      /* a URI that is not a valid absolute URI */
    CS_COL_CRLDP_LDAP_INCOMPLETE,  /* an LDAP URI without dn or with other than one attribute */
    CS_COL_CRLDP_LDAP_NO_HOST,     /* an LDAP URI without host */
    CS_COL_CRLDP_ISSUER_NOT_DN,    /* a cRLIssuer entry other than a directoryName */
    CS_COL_CRLDP_ISSUER_IS_ISSUER, /* a cRLIssuer equal to the certificate's issuer */
    CS_COL_CRLDP_RELATIVE_NAME,    /* nameRelativeToCRLIssuer used */
    CS_COL_CRLDP_RELATIVE_MULTI,   /* nameRelativeToCRLIssuer with several cRLIssuer DNs */
    CS_COL_CRLDP_NO_ALL_REASONS,   /* every DistributionPoint limited to some reasons */
    CS_COL_CRLDP_END_,
    CS_COL_FRESHEST_FIRST = CS_COL_CRLDP_END_,
    CS_COL_FRESHEST_END_ = CS_COL_FRESHEST_FIRST + (CS_COL_CRLDP_END_ - CS_COL_CRLDP_FIRST) - 1,

    /* authorityInfoAccess; subjectInfoAccess has the same layout from CS_COL_SIA_FIRST */
    CS_COL_AIA_FIRST,
    CS_COL_AIA_NO_ENTRIES = CS_COL_AIA_FIRST,
    CS_COL_AIA_NO_HTTP_LDAP,    /* caIssuers (SIA: caRepository) without an http/ldap URI */
    CS_COL_AIA_URI_INVALID,     /* an accessLocation URI that is not a valid absolute URI */
    CS_COL_AIA_LDAP_INCOMPLETE, /* caIssuers (caRepository) LDAP URI without dn or attributes */
    CS_COL_AIA_LDAP_NO_HOST,    /* caIssuers (caRepository) LDAP URI without host */
    CS_COL_AIA_END_,
    CS_COL_SIA_FIRST = CS_COL_AIA_END_,
    CS_COL_SIA_END_ = CS_COL_SIA_FIRST + (CS_COL_AIA_END_ - CS_COL_AIA_FIRST) - 1,

    CS_COL_GNAMES_END_
};
_Static_assert(CS_COL_GNAMES_END_ <= CS_COL_ALGS_BASE, "too many gnames columns");

/* freshestCRL and subjectInfoAccess columns: the same fact as for cRLDistributionPoints and
 * authorityInfoAccess, from their own base. */
#define CS_COL_FRESHEST(crldp_col) ((crldp_col)-CS_COL_CRLDP_FIRST + CS_COL_FRESHEST_FIRST)
#define CS_COL_SIA(aia_col)        ((aia_col)-CS_COL_AIA_FIRST + CS_COL_SIA_FIRST)

/* SAN rfc822Names whose cs_mailbox_check flags are kept for the S/MIME subject area. */
#define CS_GN_SAN_MBX_KEEP 4

/* Decoded values other areas read (kept so that nothing is checked again). */
typedef struct cs_facts_gnames {
    /* The check flags of the first SAN rfc822Names, by where their value lies in the
     * certificate: the S/MIME subject area walks the same names and reads them here instead of
     * checking them again. */
    const uint8_t *san_mbx_ptr[CS_GN_SAN_MBX_KEEP];
    uint32_t san_mbx_len[CS_GN_SAN_MBX_KEEP];
    uint32_t san_mbx_flags[CS_GN_SAN_MBX_KEEP];
    uint8_t num_san_mbx;
    /* What the S/MIME CA checks (scanner/facts_smalg.c) ask of cRLDistributionPoints,
     * authorityInfoAccess and nameConstraints, found in this area's walk of the same values
     * (CS_GN_SMCA_* bits), with the extension each belongs to: the first of its type, which is
     * the one those checks read. A NULL extension means not judged here. */
    const void *smca_crldp_ext, *smca_aia_ext, *smca_nc_ext;
    uint8_t smca_crldp, smca_aia, smca_nc;
} cs_facts_gnames;

/* The value decoded; without it no other bit is set. */
#define CS_GN_SMCA_VALID 0x01u
/* cRLDistributionPoints: a fullName URI starting "http://" (any case). */
#define CS_GN_SMCA_CRLDP_HTTP 0x02u
/* authorityInfoAccess: a caIssuers URI starting "http://" (any case). */
#define CS_GN_SMCA_AIA_HTTP_ISSUERS 0x02u
/* nameConstraints permittedSubtrees: an rfc822Name, a directoryName, an rfc822Name with '@'. */
#define CS_GN_SMCA_NC_RFC822  0x02u
#define CS_GN_SMCA_NC_DIR     0x04u
#define CS_GN_SMCA_NC_MAILBOX 0x08u

/* 1 when the URI starts "http://" (scheme in any case) and has more after it. */
int cs_gn_uri_is_http(const uint8_t *p, size_t n);

/* The kept cs_mailbox_check flags of the SAN rfc822Name whose value is exactly `p`/`n` (the
 * same bytes of the same certificate), or computes them. */
uint32_t cs_gn_san_mailbox_flags(const cs_facts_gnames *g, const uint8_t *p, size_t n);

/* Sets this area's columns and values for one certificate. */
void cs_facts_extract_gnames(const cs_x509 *x509, struct cs_facts *out);

#endif
