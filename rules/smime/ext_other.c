/* SBR 7.1.2.3 (d), (i)-(m) and 7.1.2.4: basicConstraints, smimeCapabilities,
 * subjectDirectoryAttributes, qcStatements, LEI and LEI Role, the Adobe extensions, and
 * extensions 7.1.2.3 does not specify. */
#include <stdio.h>

#include "rules/rule.h"

#define SMEXT_DETAIL(name, text)                                                                   \
    static void name(const cs_cert_ctx *c, char *buf, size_t len) {                                \
        (void)c;                                                                                   \
        snprintf(buf, len, "%s", text);                                                            \
    }

SMEXT_DETAIL(bc_path_len_detail, "basicConstraints holds pathLenConstraint")
SMEXT_DETAIL(smime_caps_critical_detail, "smimeCapabilities is marked critical")
SMEXT_DETAIL(sda_detail, "subjectDirectoryAttributes is present")
SMEXT_DETAIL(sda_critical_detail, "subjectDirectoryAttributes is marked critical")
SMEXT_DETAIL(qc_critical_detail, "qcStatements is marked critical")
SMEXT_DETAIL(lei_detail, "the LEI extension (1.3.6.1.4.1.52266.1) is present")
SMEXT_DETAIL(lei_critical_detail, "the LEI extension is marked critical")
SMEXT_DETAIL(lei_role_detail, "the LEI Role extension (1.3.6.1.4.1.52266.2) is present")
SMEXT_DETAIL(lei_role_critical_detail, "the LEI Role extension is marked critical")
SMEXT_DETAIL(adobe_ts_detail, "the Adobe Time-stamp extension is present")
SMEXT_DETAIL(adobe_ts_critical_detail, "the Adobe Time-stamp extension is marked critical")
SMEXT_DETAIL(adobe_ari_detail, "the Adobe ArchiveRevInfo extension is present")
SMEXT_DETAIL(adobe_ari_critical_detail, "the Adobe ArchiveRevInfo extension is marked critical")

static void unspecified_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    static const uint64_t specified =
        (uint64_t)1 << CS_EXT_CERTIFICATE_POLICIES | (uint64_t)1 << CS_EXT_CRL_DISTRIBUTION_POINTS |
        (uint64_t)1 << CS_EXT_AUTHORITY_INFO_ACCESS | (uint64_t)1 << CS_EXT_BASIC_CONSTRAINTS |
        (uint64_t)1 << CS_EXT_KEY_USAGE | (uint64_t)1 << CS_EXT_EXT_KEY_USAGE |
        (uint64_t)1 << CS_EXT_AUTHORITY_KEY_ID | (uint64_t)1 << CS_EXT_SUBJECT_ALT_NAME |
        (uint64_t)1 << CS_EXT_SMIME_CAPABILITIES |
        (uint64_t)1 << CS_EXT_SUBJECT_DIRECTORY_ATTRIBUTES | (uint64_t)1 << CS_EXT_QC_STATEMENTS |
        (uint64_t)1 << CS_EXT_LEI | (uint64_t)1 << CS_EXT_LEI_ROLE |
        (uint64_t)1 << CS_EXT_ADOBE_TIMESTAMP | (uint64_t)1 << CS_EXT_ADOBE_ARCHIVE_REV_INFO |
        (uint64_t)1 << CS_EXT_SUBJECT_KEY_ID;
    const cs_x509 *x = c->x509;
    for (unsigned i = 0; i < x->num_exts; i++) {
        const cs_x509_ext *e = &x->ext[i];
        if (e->id == CS_EXT_UNKNOWN) {
            snprintf(buf, len,
                     "an extension 7.1.2.3 does not specify (unrecognised OID) is present");
            return;
        }
        if (!(specified & ((uint64_t)1 << e->id))) {
            snprintf(buf, len, "%s, an extension 7.1.2.3 does not specify, is present",
                     cs_ext_name((cs_ext_id)e->id));
            return;
        }
    }
    snprintf(buf, len, "an extension 7.1.2.3 does not specify is present");
}

#define OTHER_COMMON                                                                               \
    .source = "CA/B Forum S/MIME BR", .effective = "2023-09-01", .applies = CS_APPLIES_SUBSCRIBER

#define PRESENT(ext)  (CS_COL_EXT_PRESENT + (ext))
#define CRITICAL(ext) (CS_COL_EXT_CRITICAL + (ext))

CS_RULE(smime_ext_bc_path_len) = {
    .id = "smime.ext.bc_path_len",
    .severity = CS_SEV_ERROR,
    OTHER_COMMON,
    .citation = "7.1.2.3 (d)",
    .description = "basicConstraints, if present, SHALL NOT contain pathLenConstraint.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("pkix.basic_constraints_has_pathlen_for_non_ca"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CS_COL_BC_PATH_LEN}},
    .detail = bc_path_len_detail,
};

CS_RULE(smime_ext_smime_capabilities_critical) = {
    .id = "smime.ext.smime_capabilities_critical",
    .severity = CS_SEV_ERROR,
    OTHER_COMMON,
    .citation = "7.1.2.3 (i)",
    .description = "smimeCapabilities, if present, SHALL NOT be marked critical.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("pkix.smime_capabilities_extension_critical"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CRITICAL(CS_EXT_SMIME_CAPABILITIES)}},
    .detail = smime_caps_critical_detail,
};

/* Prohibited in Strict and Multipurpose by the table, and in Mailbox-validated Legacy by reading:
 * a mailbox-validated subject has no verified identity attributes to carry (matrix §3 interp.,
 * as pkilint). */
CS_RULE(smime_ext_sda_prohibited) = {
    .id = "smime.ext.sda_prohibited",
    .severity = CS_SEV_ERROR,
    OTHER_COMMON,
    .citation = "7.1.2.3 (j)",
    .description = "subjectDirectoryAttributes SHALL NOT be present in Strict and Multipurpose "
                   "certificates, nor (reading) in Mailbox-validated Legacy ones.",
    .profiles = CS_SMEXT_STRICT | CS_SMEXT_MULTIPURPOSE |
                CS_SMEXT_P(CS_SMIME_MAILBOX, CS_SMIME_LEGACY),
    .pkilint = CS_NAMES("cabf.smime.subject_directory_attributes_extension_prohibited"),
    .zlint = CS_NAMES("e_strict_multipurpose_smime_ext_subject_directory_attr"),
    .when = {.all = {CS_COL_SMEXT_SMIME, PRESENT(CS_EXT_SUBJECT_DIRECTORY_ATTRIBUTES)}},
    .detail = sda_detail,
};

CS_RULE(smime_ext_sda_critical) = {
    .id = "smime.ext.sda_critical",
    .severity = CS_SEV_ERROR,
    OTHER_COMMON,
    .citation = "7.1.2.3 (j)",
    .description = "subjectDirectoryAttributes, if present, SHALL NOT be marked critical.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("pkix.subject_directory_attributes_extension_critical"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CRITICAL(CS_EXT_SUBJECT_DIRECTORY_ATTRIBUTES)}},
    .detail = sda_critical_detail,
};

CS_RULE(smime_ext_qc_statements_critical) = {
    .id = "smime.ext.qc_statements_critical",
    .severity = CS_SEV_ERROR,
    OTHER_COMMON,
    .citation = "7.1.2.3 (k)",
    .description = "qcStatements, if present, SHALL NOT be marked critical.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.qc_statements_extension_critical"),
    .zlint = CS_NAMES("e_smime_qc_statements_must_not_be_critical"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CRITICAL(CS_EXT_QC_STATEMENTS)}},
    .detail = qc_critical_detail,
};

CS_RULE(smime_ext_lei_prohibited) = {
    .id = "smime.ext.lei_prohibited",
    .severity = CS_SEV_ERROR,
    OTHER_COMMON,
    .citation = "7.1.2.3 (l)",
    .description = "The LEI extension SHALL NOT be present in Mailbox- or "
                   "Individual-validated certificates.",
    .profiles = CS_SMEXT_MAILBOX | CS_SMEXT_INDIVIDUAL,
    .pkilint = CS_NAMES("cabf.smime.lei_extension_prohibited"),
    .zlint = CS_NAMES("e_legal_entity_identifier"),
    .when = {.all = {CS_COL_SMEXT_SMIME, PRESENT(CS_EXT_LEI)}},
    .detail = lei_detail,
};

CS_RULE(smime_ext_lei_critical) = {
    .id = "smime.ext.lei_critical",
    .severity = CS_SEV_ERROR,
    OTHER_COMMON,
    .citation = "7.1.2.3 (l)",
    .description = "The LEI extension, if present, SHALL NOT be marked critical.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.lei_extension_critical"),
    .zlint = CS_NAMES("e_legal_entity_identifier"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CRITICAL(CS_EXT_LEI)}},
    .detail = lei_critical_detail,
};

CS_RULE(smime_ext_lei_role_prohibited) = {
    .id = "smime.ext.lei_role_prohibited",
    .severity = CS_SEV_ERROR,
    OTHER_COMMON,
    .citation = "7.1.2.3 (l)",
    .description = "The LEI Role extension SHALL NOT be present except in Sponsor-validated "
                   "certificates.",
    .profiles = CS_SMEXT_MAILBOX | CS_SMEXT_ORGANIZATION | CS_SMEXT_INDIVIDUAL,
    .pkilint = CS_NAMES("cabf.smime.lei_role_extension_prohibited"),
    .zlint = CS_NAMES("e_legal_entity_identifier"),
    .when = {.all = {CS_COL_SMEXT_SMIME, PRESENT(CS_EXT_LEI_ROLE)}},
    .detail = lei_role_detail,
};

CS_RULE(smime_ext_lei_role_critical) = {
    .id = "smime.ext.lei_role_critical",
    .severity = CS_SEV_ERROR,
    OTHER_COMMON,
    .citation = "7.1.2.3 (l)",
    .description = "The LEI Role extension, if present, SHALL NOT be marked critical.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.lei_role_extension_critical"),
    .zlint = CS_NAMES("e_legal_entity_identifier"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CRITICAL(CS_EXT_LEI_ROLE)}},
    .detail = lei_role_critical_detail,
};

CS_RULE(smime_ext_adobe_timestamp_prohibited) = {
    .id = "smime.ext.adobe_timestamp_prohibited",
    .severity = CS_SEV_ERROR,
    OTHER_COMMON,
    .citation = "7.1.2.3 (m)",
    .description = "The Adobe Time-stamp extension SHALL NOT be present in Strict certificates.",
    .profiles = CS_SMEXT_STRICT,
    .pkilint = CS_NAMES("cabf.smime.adobe_timestamp_extension_prohibited"),
    .zlint = CS_NAMES("e_adobe_extensions_strict_presence"),
    .when = {.all = {CS_COL_SMEXT_SMIME, PRESENT(CS_EXT_ADOBE_TIMESTAMP)}},
    .detail = adobe_ts_detail,
};

CS_RULE(smime_ext_adobe_archive_prohibited) = {
    .id = "smime.ext.adobe_archive_prohibited",
    .severity = CS_SEV_ERROR,
    OTHER_COMMON,
    .citation = "7.1.2.3 (m)",
    .description = "The Adobe ArchiveRevInfo extension SHALL NOT be present in Strict "
                   "certificates.",
    .profiles = CS_SMEXT_STRICT,
    .pkilint = CS_NAMES("cabf.smime.adobe_archive_revinfo_extension_prohibited"),
    .zlint = CS_NAMES("e_adobe_extensions_strict_presence"),
    .when = {.all = {CS_COL_SMEXT_SMIME, PRESENT(CS_EXT_ADOBE_ARCHIVE_REV_INFO)}},
    .detail = adobe_ari_detail,
};

CS_RULE(smime_ext_adobe_timestamp_critical) = {
    .id = "smime.ext.adobe_timestamp_critical",
    .severity = CS_SEV_ERROR,
    OTHER_COMMON,
    .citation = "7.1.2.3 (m)",
    .description = "The Adobe Time-stamp extension, if present, SHALL NOT be marked critical.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.adobe_timestamp_extension_critical"),
    .zlint = CS_NAMES("e_adobe_extensions_legacy_multipurpose_criticality"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CRITICAL(CS_EXT_ADOBE_TIMESTAMP)}},
    .detail = adobe_ts_critical_detail,
};

CS_RULE(smime_ext_adobe_archive_critical) = {
    .id = "smime.ext.adobe_archive_critical",
    .severity = CS_SEV_ERROR,
    OTHER_COMMON,
    .citation = "7.1.2.3 (m)",
    .description = "The Adobe ArchiveRevInfo extension, if present, SHALL NOT be marked "
                   "critical.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.adobe_archive_revinfo_extension_critical"),
    .zlint = CS_NAMES("e_adobe_extensions_legacy_multipurpose_criticality"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CRITICAL(CS_EXT_ADOBE_ARCHIVE_REV_INFO)}},
    .detail = adobe_ari_critical_detail,
};

/* 7.1.2.4 lets the CA include other extensions when it "is aware of a reason" and documents it,
 * so an unlisted extension is a notice (matrix §2 reading), not an error. */
CS_RULE(smime_ext_unspecified) = {
    .id = "smime.ext.unspecified",
    .severity = CS_SEV_NOTICE,
    OTHER_COMMON,
    .citation = "7.1.2.4",
    .description = "An extension 7.1.2.3 does not specify SHALL NOT be included unless the CA "
                   "documents a reason (reported as a notice).",
    .profiles = CS_PROFILES_SMIME_ALL,
    .when = {.all = {CS_COL_SMEXT_UNSPECIFIED_EXT}},
    .detail = unspecified_detail,
};
