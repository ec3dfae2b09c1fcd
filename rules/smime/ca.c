/* SBR 7.1.2.1 (Root CA), 7.1.2.2 (Subordinate CA), 7.1.4.3.1, 7.1.5 and 7.1.6.3: S/MIME CA
 * certificates.
 *
 * Which CA certificates are S/MIME CA certificates (interpretation, see
 * rules/DEVIATIONS.md, S/MIME CA certificates): a CA or root certificate whose extKeyUsage lists
 * emailProtection, or whose certificatePolicies carry a reserved SBR policy OID 2.23.140.1.5.x.y. A
 * CA without either states no S/MIME purpose, so it is not judged here. The rules apply to
 * certificates with notBefore on or after 2023-09-01; older CAs are "Extant S/MIME CAs" (Appendix
 * B) whose profile the SBR does not prescribe. */
#include <stdio.h>

#include "rules/rule.h"

#define SBR         "CA/B Forum S/MIME BR"
#define V100        "2023-09-01"
#define CA_AND_ROOT (CS_APPLIES_CA | CS_APPLIES_ROOT)

/* One rule per requirement; the macro keeps the metadata one block each. */
#define SMALG_CA_RULE(name, rid, sev, cite, desc, kinds, ...)                                      \
    CS_RULE(name) = {                                                                              \
        .id = rid,                                                                                 \
        .severity = sev,                                                                           \
        .source = SBR,                                                                             \
        .citation = cite,                                                                          \
        .description = desc,                                                                       \
        .effective = V100,                                                                         \
        .applies = kinds,                                                                          \
        __VA_ARGS__,                                                                               \
    }

static void ext_detail(const cs_cert_ctx *c, char *buf, size_t len, cs_ext_id id,
                       const char *what) {
    (void)c;
    snprintf(buf, len, "%s %s", cs_ext_name(id), what);
}

#define DETAIL(fn, id, what)                                                                       \
    static void fn(const cs_cert_ctx *c, char *buf, size_t len) {                                  \
        ext_detail(c, buf, len, id, what);                                                         \
    }

DETAIL(bc_not_critical_detail, CS_EXT_BASIC_CONSTRAINTS, "is not marked critical")
SMALG_CA_RULE(smime_ca_bc_not_critical, "smime.ca.bc_not_critical", CS_SEV_ERROR,
              "7.1.2.1 (a), 7.1.2.2 (d)",
              "basicConstraints of an S/MIME CA certificate SHALL be marked critical.", CA_AND_ROOT,
              .when = {.all = {CS_COL_SMALG_SMIME_CA,
                               CS_COL_EXT_PRESENT + CS_EXT_BASIC_CONSTRAINTS},
                       .none = {CS_COL_EXT_CRITICAL + CS_EXT_BASIC_CONSTRAINTS}},
              .detail = bc_not_critical_detail);

static void path_len_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "basicConstraints has pathLenConstraint %llu",
             (unsigned long long)c->facts->bc.path_len);
}
SMALG_CA_RULE(smime_ca_root_path_len, "smime.ca.root_path_len", CS_SEV_WARNING, "7.1.2.1 (a)",
              "basicConstraints of an S/MIME Root CA certificate SHOULD NOT contain "
              "pathLenConstraint.",
              CS_APPLIES_ROOT, .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_BC_PATH_LEN}},
              .detail = path_len_detail);

DETAIL(ku_missing_detail, CS_EXT_KEY_USAGE, "is absent")
SMALG_CA_RULE(smime_ca_ku_missing, "smime.ca.ku_missing", CS_SEV_ERROR, "7.1.2.1 (b), 7.1.2.2 (e)",
              "keyUsage SHALL be present in an S/MIME CA certificate.", CA_AND_ROOT,
              .when = {.all = {CS_COL_SMALG_SMIME_CA},
                       .none = {CS_COL_EXT_PRESENT + CS_EXT_KEY_USAGE}},
              .detail = ku_missing_detail);

DETAIL(ku_not_critical_detail, CS_EXT_KEY_USAGE, "is not marked critical")
SMALG_CA_RULE(smime_ca_ku_not_critical, "smime.ca.ku_not_critical", CS_SEV_ERROR,
              "7.1.2.1 (b), 7.1.2.2 (e)",
              "keyUsage of an S/MIME CA certificate SHALL be marked critical.", CA_AND_ROOT,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_EXT_PRESENT + CS_EXT_KEY_USAGE},
                       .none = {CS_COL_EXT_CRITICAL + CS_EXT_KEY_USAGE}},
              .detail = ku_not_critical_detail);

static void ku_bits_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    unsigned bits = c->facts->ku.bits;
    snprintf(buf, len, "keyUsage lacks %s%s%s", (bits & CS_KU_KEY_CERT_SIGN) ? "" : "keyCertSign",
             (bits & (CS_KU_KEY_CERT_SIGN | CS_KU_CRL_SIGN)) == 0 ? " and " : "",
             (bits & CS_KU_CRL_SIGN) ? "" : "cRLSign");
}
SMALG_CA_RULE(smime_ca_ku_cert_crl_sign, "smime.ca.ku_cert_crl_sign", CS_SEV_ERROR,
              "7.1.2.1 (b), 7.1.2.2 (e)",
              "keyUsage of an S/MIME CA certificate SHALL set keyCertSign and cRLSign.",
              CA_AND_ROOT,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_CA_KU_SIGN_BITS_MISSING}},
              .detail = ku_bits_detail);

DETAIL(root_cp_detail, CS_EXT_CERTIFICATE_POLICIES, "is present in a Root CA certificate")
SMALG_CA_RULE(
    smime_ca_root_policies_present, "smime.ca.root_policies_present", CS_SEV_WARNING, "7.1.2.1 (c)",
    "certificatePolicies SHOULD NOT be present in an S/MIME Root CA certificate.", CS_APPLIES_ROOT,
    .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_EXT_PRESENT + CS_EXT_CERTIFICATE_POLICIES}},
    .detail = root_cp_detail);

DETAIL(root_eku_detail, CS_EXT_EXT_KEY_USAGE, "is present in a Root CA certificate")
SMALG_CA_RULE(smime_ca_root_eku_present, "smime.ca.root_eku_present", CS_SEV_ERROR, "7.1.2.1 (d)",
              "extKeyUsage SHALL NOT be present in an S/MIME Root CA certificate.", CS_APPLIES_ROOT,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_EXT_PRESENT + CS_EXT_EXT_KEY_USAGE}},
              .detail = root_eku_detail);

DETAIL(ski_missing_detail, CS_EXT_SUBJECT_KEY_ID, "is absent")
SMALG_CA_RULE(smime_ca_ski_missing, "smime.ca.ski_missing", CS_SEV_ERROR,
              "7.1.2.1 (e), 7.1.2.2 (i)",
              "subjectKeyIdentifier SHALL be present in an S/MIME CA certificate.", CA_AND_ROOT,
              .when = {.all = {CS_COL_SMALG_SMIME_CA},
                       .none = {CS_COL_EXT_PRESENT + CS_EXT_SUBJECT_KEY_ID}},
              .detail = ski_missing_detail);

DETAIL(ski_critical_detail, CS_EXT_SUBJECT_KEY_ID, "is marked critical")
SMALG_CA_RULE(smime_ca_ski_critical, "smime.ca.ski_critical", CS_SEV_ERROR,
              "7.1.2.1 (e), 7.1.2.2 (i)",
              "subjectKeyIdentifier of an S/MIME CA certificate SHALL NOT be marked critical.",
              CA_AND_ROOT,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_EXT_CRITICAL + CS_EXT_SUBJECT_KEY_ID}},
              .detail = ski_critical_detail);

static void subject_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    int cn = 0, o = 0, country = 0;
    const cs_x509_name *n = &c->x509->subject;
    for (unsigned i = 0; i < n->num_attrs; i++) {
        cn |= n->attr[i].id == CS_ATTR_COMMON_NAME;
        o |= n->attr[i].id == CS_ATTR_ORGANIZATION;
        country |= n->attr[i].id == CS_ATTR_COUNTRY;
    }
    snprintf(buf, len, "subject lacks%s%s%s", cn ? "" : " commonName", o ? "" : " organizationName",
             country ? "" : " countryName");
}
SMALG_CA_RULE(smime_ca_subject_incomplete, "smime.ca.subject_incomplete", CS_SEV_ERROR, "7.1.4.3.1",
              "The subject of an S/MIME CA certificate SHALL contain commonName, "
              "organizationName and countryName.",
              CA_AND_ROOT,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_CA_SUBJECT_INCOMPLETE}},
              .detail = subject_detail);

DETAIL(cp_missing_detail, CS_EXT_CERTIFICATE_POLICIES, "is absent")
SMALG_CA_RULE(smime_ca_policies_missing, "smime.ca.policies_missing", CS_SEV_ERROR, "7.1.2.2 (a)",
              "certificatePolicies SHALL be present in an S/MIME Subordinate CA certificate.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA},
                       .none = {CS_COL_EXT_PRESENT + CS_EXT_CERTIFICATE_POLICIES}},
              .detail = cp_missing_detail);

DETAIL(cp_critical_detail, CS_EXT_CERTIFICATE_POLICIES, "is marked critical")
SMALG_CA_RULE(smime_ca_policies_critical, "smime.ca.policies_critical", CS_SEV_WARNING,
              "7.1.2.2 (a)",
              "certificatePolicies of an S/MIME Subordinate CA certificate SHOULD NOT be marked "
              "critical.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA,
                               CS_COL_EXT_CRITICAL + CS_EXT_CERTIFICATE_POLICIES}},
              .detail = cp_critical_detail);

DETAIL(cp_no_oid_detail, CS_EXT_CERTIFICATE_POLICIES,
       "has neither a reserved SBR policy OID (2.23.140.1.5.x.y) nor anyPolicy")
SMALG_CA_RULE(
    smime_ca_policies_no_smime_oid, "smime.ca.policies_no_smime_oid", CS_SEV_ERROR, "7.1.6.3",
    "certificatePolicies of an S/MIME Subordinate CA certificate SHALL include a reserved "
    "SBR policy identifier (or, for an Affiliate, anyPolicy).",
    CS_APPLIES_CA, .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_CA_CP_NO_SBR_OID}},
    .detail = cp_no_oid_detail);

DETAIL(cp_any_detail, CS_EXT_CERTIFICATE_POLICIES,
       "includes anyPolicy, which only a Subordinate CA that is an Affiliate of its issuer may "
       "carry")
SMALG_CA_RULE(smime_ca_policies_any_policy, "smime.ca.policies_any_policy", CS_SEV_NOTICE,
              "7.1.6.3",
              "anyPolicy SHALL NOT appear in an S/MIME Subordinate CA certificate issued to a "
              "non-Affiliate; affiliation is not visible in the certificate, so this is a notice.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_CA_CP_ANY_POLICY}},
              .detail = cp_any_detail);

DETAIL(cp_qualifier_detail, CS_EXT_CERTIFICATE_POLICIES,
       "has a CPS qualifier that is not an HTTP(S) URL, or a userNotice with noticeRef or without "
       "explicitText")
SMALG_CA_RULE(smime_ca_policies_qualifier, "smime.ca.policies_qualifier", CS_SEV_ERROR,
              "7.1.2.2 (a)",
              "In an S/MIME CA certificate a CPS qualifier SHALL be an HTTP or HTTPS URL and a "
              "userNotice SHALL contain explicitText and SHALL NOT contain noticeRef.",
              CA_AND_ROOT,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_CA_CP_QUALIFIER_BAD}},
              .detail = cp_qualifier_detail);

DETAIL(crldp_missing_detail, CS_EXT_CRL_DISTRIBUTION_POINTS, "is absent")
SMALG_CA_RULE(smime_ca_crldp_missing, "smime.ca.crldp_missing", CS_SEV_ERROR, "7.1.2.2 (b)",
              "cRLDistributionPoints SHALL be present in an S/MIME Subordinate CA certificate.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA},
                       .none = {CS_COL_EXT_PRESENT + CS_EXT_CRL_DISTRIBUTION_POINTS}},
              .detail = crldp_missing_detail);

DETAIL(crldp_critical_detail, CS_EXT_CRL_DISTRIBUTION_POINTS, "is marked critical")
SMALG_CA_RULE(smime_ca_crldp_critical, "smime.ca.crldp_critical", CS_SEV_ERROR, "7.1.2.2 (b)",
              "cRLDistributionPoints of an S/MIME Subordinate CA certificate SHALL NOT be marked "
              "critical.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA,
                               CS_COL_EXT_CRITICAL + CS_EXT_CRL_DISTRIBUTION_POINTS}},
              .detail = crldp_critical_detail);

DETAIL(crldp_http_detail, CS_EXT_CRL_DISTRIBUTION_POINTS, "has no http:// URI")
SMALG_CA_RULE(smime_ca_crldp_no_http, "smime.ca.crldp_no_http", CS_SEV_ERROR, "7.1.2.2 (b)",
              "cRLDistributionPoints of an S/MIME Subordinate CA certificate SHALL contain the "
              "HTTP URL of the CA's CRL service.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_CA_CRLDP_NO_HTTP}},
              .detail = crldp_http_detail);

DETAIL(aia_missing_detail, CS_EXT_AUTHORITY_INFO_ACCESS, "is absent")
SMALG_CA_RULE(smime_ca_aia_missing, "smime.ca.aia_missing", CS_SEV_WARNING, "7.1.2.2 (c)",
              "authorityInformationAccess SHOULD be present in an S/MIME Subordinate CA "
              "certificate.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA},
                       .none = {CS_COL_EXT_PRESENT + CS_EXT_AUTHORITY_INFO_ACCESS}},
              .detail = aia_missing_detail);

DETAIL(aia_critical_detail, CS_EXT_AUTHORITY_INFO_ACCESS, "is marked critical")
SMALG_CA_RULE(smime_ca_aia_critical, "smime.ca.aia_critical", CS_SEV_ERROR, "7.1.2.2 (c)",
              "authorityInformationAccess of an S/MIME Subordinate CA certificate SHALL NOT be "
              "marked critical.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA,
                               CS_COL_EXT_CRITICAL + CS_EXT_AUTHORITY_INFO_ACCESS}},
              .detail = aia_critical_detail);

DETAIL(aia_issuers_detail, CS_EXT_AUTHORITY_INFO_ACCESS, "has no caIssuers http:// URI")
SMALG_CA_RULE(smime_ca_aia_no_http_ca_issuers, "smime.ca.aia_no_http_ca_issuers", CS_SEV_WARNING,
              "7.1.2.2 (c)",
              "authorityInformationAccess of an S/MIME Subordinate CA certificate SHOULD contain "
              "the HTTP URL of the issuing CA's certificate (caIssuers).",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_CA_AIA_NO_HTTP_ISSUERS}},
              .detail = aia_issuers_detail);

DETAIL(nc_detail, CS_EXT_NAME_CONSTRAINTS, "is not marked critical")
SMALG_CA_RULE(smime_ca_nc_not_critical, "smime.ca.nc_not_critical", CS_SEV_WARNING, "7.1.2.2 (f)",
              "nameConstraints of an S/MIME Subordinate CA certificate SHOULD be marked critical.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_EXT_PRESENT + CS_EXT_NAME_CONSTRAINTS},
                       .none = {CS_COL_EXT_CRITICAL + CS_EXT_NAME_CONSTRAINTS}},
              .detail = nc_detail);

DETAIL(eku_missing_detail, CS_EXT_EXT_KEY_USAGE, "is absent")
SMALG_CA_RULE(smime_ca_eku_missing, "smime.ca.eku_missing", CS_SEV_ERROR, "7.1.2.2 (g)",
              "extKeyUsage SHALL be present in an S/MIME Subordinate CA certificate other than a "
              "Cross Certificate sharing subject and key with a Root CA (not visible in one "
              "certificate: such cross certificates are reported too).",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA},
                       .none = {CS_COL_EXT_PRESENT + CS_EXT_EXT_KEY_USAGE}},
              .detail = eku_missing_detail);

DETAIL(eku_critical_detail, CS_EXT_EXT_KEY_USAGE, "is marked critical")
SMALG_CA_RULE(smime_ca_eku_critical, "smime.ca.eku_critical", CS_SEV_WARNING, "7.1.2.2 (g)",
              "extKeyUsage of an S/MIME Subordinate CA certificate SHOULD NOT be marked critical.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_EXT_CRITICAL + CS_EXT_EXT_KEY_USAGE}},
              .detail = eku_critical_detail);

DETAIL(eku_email_detail, CS_EXT_EXT_KEY_USAGE, "lacks id-kp-emailProtection")
SMALG_CA_RULE(smime_ca_eku_no_email_protection, "smime.ca.eku_no_email_protection", CS_SEV_ERROR,
              "7.1.2.2 (g)",
              "extKeyUsage of a Subordinate CA certificate that issues S/MIME certificates (it "
              "carries a reserved SBR policy OID) SHALL include id-kp-emailProtection.",
              CS_APPLIES_CA, .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_CA_EKU_NO_EMAIL}},
              .detail = eku_email_detail);

static void eku_prohibited_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    uint32_t m = c->facts->eku_mask;
    snprintf(buf, len, "extKeyUsage includes%s%s%s%s",
             (m >> CS_EKU_SERVER_AUTH) & 1 ? " serverAuth" : "",
             (m >> CS_EKU_CODE_SIGNING) & 1 ? " codeSigning" : "",
             (m >> CS_EKU_TIME_STAMPING) & 1 ? " timeStamping" : "",
             (m >> CS_EKU_ANY) & 1 ? " anyExtendedKeyUsage" : "");
}
SMALG_CA_RULE(smime_ca_eku_prohibited, "smime.ca.eku_prohibited", CS_SEV_ERROR, "7.1.2.2 (g)",
              "extKeyUsage of an S/MIME Subordinate CA certificate SHALL NOT include serverAuth, "
              "codeSigning, timeStamping or anyExtendedKeyUsage.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_CA_EKU_PROHIBITED}},
              .detail = eku_prohibited_detail);

DETAIL(aki_missing_detail, CS_EXT_AUTHORITY_KEY_ID, "is absent")
SMALG_CA_RULE(smime_ca_aki_missing, "smime.ca.aki_missing", CS_SEV_ERROR, "7.1.2.2 (h)",
              "authorityKeyIdentifier SHALL be present in an S/MIME Subordinate CA certificate.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA},
                       .none = {CS_COL_EXT_PRESENT + CS_EXT_AUTHORITY_KEY_ID}},
              .detail = aki_missing_detail);

DETAIL(aki_critical_detail, CS_EXT_AUTHORITY_KEY_ID, "is marked critical")
SMALG_CA_RULE(smime_ca_aki_critical, "smime.ca.aki_critical", CS_SEV_ERROR, "7.1.2.2 (h)",
              "authorityKeyIdentifier of an S/MIME Subordinate CA certificate SHALL NOT be "
              "marked critical.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA,
                               CS_COL_EXT_CRITICAL + CS_EXT_AUTHORITY_KEY_ID}},
              .detail = aki_critical_detail);

DETAIL(aki_key_id_detail, CS_EXT_AUTHORITY_KEY_ID, "has no keyIdentifier")
SMALG_CA_RULE(smime_ca_aki_no_key_id, "smime.ca.aki_no_key_id", CS_SEV_ERROR, "7.1.2.2 (h)",
              "authorityKeyIdentifier of an S/MIME Subordinate CA certificate SHALL contain "
              "keyIdentifier.",
              CS_APPLIES_CA, .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_AKI_NO_KEY_ID}},
              .detail = aki_key_id_detail);

DETAIL(aki_issuer_detail, CS_EXT_AUTHORITY_KEY_ID,
       "has authorityCertIssuer or authorityCertSerialNumber")
SMALG_CA_RULE(smime_ca_aki_issuer_serial, "smime.ca.aki_issuer_serial", CS_SEV_ERROR, "7.1.2.2 (h)",
              "authorityKeyIdentifier of an S/MIME Subordinate CA certificate SHALL NOT contain "
              "authorityCertIssuer or authorityCertSerialNumber.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_CA_AKI_ISSUER_SERIAL}},
              .detail = aki_issuer_detail);

DETAIL(tc_detail, CS_EXT_NAME_CONSTRAINTS,
       "does not constrain both rfc822Name and directoryName in permittedSubtrees")
SMALG_CA_RULE(smime_ca_tc_name_constraints, "smime.ca.tc_name_constraints", CS_SEV_NOTICE, "7.1.5",
              "A Subordinate CA with emailProtection and nameConstraints is Technically "
              "Constrained only if its permittedSubtrees constrain rfc822Name and directoryName; "
              "otherwise it is audited as unconstrained (a notice, not a violation).",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_CA_TC_NC_INCOMPLETE}},
              .detail = tc_detail);

DETAIL(tc_mailbox_detail, CS_EXT_NAME_CONSTRAINTS,
       "permits an rfc822Name subtree that is a full email address")
SMALG_CA_RULE(smime_ca_tc_rfc822_mailbox, "smime.ca.tc_rfc822_mailbox", CS_SEV_ERROR, "7.1.5 (1)",
              "An rfc822Name in the permittedSubtrees of an emailProtection Subordinate CA SHALL "
              "be a FQDN or \".\" followed by a FQDN, never an email address.",
              CS_APPLIES_CA,
              .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_CA_TC_NC_MAILBOX}},
              .detail = tc_mailbox_detail);

static void sha1_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "signed with %s and valid on or after 2026-09-15",
             cs_alg_name((cs_alg_id)c->x509->tbs_sig_alg.id));
}
/* Judged whatever the notBefore: the requirement is about CA certificates that are still valid
 * at the SMC016 deadline, however old they are. */
CS_RULE(smime_ca_sha1_unexpired) = {
    .id = "smime.ca.sha1_unexpired",
    .severity = CS_SEV_ERROR,
    .source = SBR,
    .citation = "7.1.3.2 (SMC016)",
    .description = "S/MIME Subordinate CA certificates signed with SHA-1 and not expired by "
                   "2026-09-15 SHALL be revoked before that date (SMC016; from a ballot summary, "
                   "the 1.0.14 text was not available).",
    .applies = CS_APPLIES_CA,
    .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_SHA1_UNEXPIRED}},
    .detail = sha1_detail,
};
