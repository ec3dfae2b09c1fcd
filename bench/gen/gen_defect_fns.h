/* Internal to the defect table (gen_defect.c): the defects, grouped by file, and the helpers
 * they share. Each apply function names the requirement it breaks. */
#ifndef CS_GEN_DEFECT_FNS_H
#define CS_GEN_DEFECT_FNS_H

#include "bench/gen/gen_defect.h"

/* helpers (gen_defect.c) */
int gen_dx_smime(const gen_ctx *x);
int gen_dx_type(const gen_ctx *x);
int gen_dx_generation(const gen_ctx *x);
void gen_dx_expect(gen_ctx *x, const char *rule);
/* Expects `rule` only for S/MIME certificates. */
void gen_dx_expect_smime(gen_ctx *x, const char *rule);
int gen_dx_subject_has_mailbox(const gen_cert *c);

/* gen_defect_pkix.c: RFC 5280 family, any certificate */
int gen_a_serial_high_bit(const gen_ctx *x, const gen_cert *c);
void gen_d_serial_negative(gen_ctx *x, gen_cert *c);
void gen_d_serial_too_long(gen_ctx *x, gen_cert *c);
void gen_d_ku_not_critical(gen_ctx *x, gen_cert *c);
void gen_d_aki_missing(gen_ctx *x, gen_cert *c);
void gen_d_ski_missing(gen_ctx *x, gen_cert *c);
void gen_d_aia_critical(gen_ctx *x, gen_cert *c);
void gen_d_ski_duplicate(gen_ctx *x, gen_cert *c);
void gen_d_utc_no_seconds(gen_ctx *x, gen_cert *c);
void gen_d_generalized_before_2050(gen_ctx *x, gen_cert *c);
void gen_d_validity_negative(gen_ctx *x, gen_cert *c);
void gen_d_unknown_critical(gen_ctx *x, gen_cert *c);
int gen_a_has_subject(const gen_ctx *x, const gen_cert *c);
void gen_d_san_critical(gen_ctx *x, gen_cert *c);

/* gen_defect_names.c: subject strings and names */
int gen_a_country_no_org_id(const gen_ctx *x, const gen_cert *c);
void gen_d_country_uk(gen_ctx *x, gen_cert *c);
void gen_d_country_three_letters(gen_ctx *x, gen_cert *c);
int gen_a_has_locality(const gen_ctx *x, const gen_cert *c);
void gen_d_printable_non_ascii(gen_ctx *x, gen_cert *c);
void gen_d_utf8_invalid(gen_ctx *x, gen_cert *c);
void gen_d_insignificant_value(gen_ctx *x, gen_cert *c);
int gen_a_has_email_attr(const gen_ctx *x, const gen_cert *c);
void gen_d_email_utf8string(gen_ctx *x, gen_cert *c);
void gen_d_cn_too_long(gen_ctx *x, gen_cert *c);
void gen_d_dns_underscore(gen_ctx *x, gen_cert *c);

/* gen_defect_smime.c: S/MIME Baseline Requirements */
void gen_d_san_missing(gen_ctx *x, gen_cert *c);
void gen_d_san_dns_only(gen_ctx *x, gen_cert *c);
void gen_d_eku_server_auth(gen_ctx *x, gen_cert *c);
int gen_a_strict(const gen_ctx *x, const gen_cert *c);
void gen_d_eku_client_strict(gen_ctx *x, gen_cert *c);
void gen_d_eku_missing(gen_ctx *x, gen_cert *c);
void gen_d_ku_missing(gen_ctx *x, gen_cert *c);
void gen_d_ku_wrong_bit(gen_ctx *x, gen_cert *c);
void gen_d_validity_too_long(gen_ctx *x, gen_cert *c);
void gen_d_validity_at_max(gen_ctx *x, gen_cert *c);
int gen_a_legacy(const gen_ctx *x, const gen_cert *c);
void gen_d_legacy_after_sunset(gen_ctx *x, gen_cert *c);
void gen_d_cps_not_http(gen_ctx *x, gen_cert *c);
void gen_d_crldp_missing(gen_ctx *x, gen_cert *c);
void gen_d_crldp_https(gen_ctx *x, gen_cert *c);
int gen_a_org_id(const gen_ctx *x, const gen_cert *c);
void gen_d_org_id_missing(gen_ctx *x, gen_cert *c);
void gen_d_org_id_bad_scheme(gen_ctx *x, gen_cert *c);
int gen_a_org_id_national(const gen_ctx *x, const gen_cert *c);
void gen_d_org_id_country_mismatch(gen_ctx *x, gen_cert *c);
int gen_a_org_or_sponsor(const gen_ctx *x, const gen_cert *c);
void gen_d_lei_bad_checksum(gen_ctx *x, gen_cert *c);
int gen_a_mailbox_or_individual(const gen_ctx *x, const gen_cert *c);
void gen_d_lei_prohibited(gen_ctx *x, gen_cert *c);
int gen_a_mailbox_cn(const gen_ctx *x, const gen_cert *c);
void gen_d_mailbox_cn_not_in_san(gen_ctx *x, gen_cert *c);
int gen_a_mailbox(const gen_ctx *x, const gen_cert *c);
void gen_d_mailbox_with_org(gen_ctx *x, gen_cert *c);
int gen_a_individual(const gen_ctx *x, const gen_cert *c);
void gen_d_individual_with_org(gen_ctx *x, gen_cert *c);
int gen_a_strict_locality(const gen_ctx *x, const gen_cert *c);
void gen_d_street_in_strict(gen_ctx *x, gen_cert *c);
int gen_a_sda_prohibited(const gen_ctx *x, const gen_cert *c);
void gen_d_sda_prohibited(gen_ctx *x, gen_cert *c);
void gen_d_adobe_in_strict(gen_ctx *x, gen_cert *c);
int gen_a_rsa_key(const gen_ctx *x, const gen_cert *c);
void gen_d_rsa_1024(gen_ctx *x, gen_cert *c);
void gen_d_sha1_signature(gen_ctx *x, gen_cert *c);
int gen_a_ec_key(const gen_ctx *x, const gen_cert *c);
void gen_d_ec_point_invalid(gen_ctx *x, gen_cert *c);
int gen_a_mldsa_key(const gen_ctx *x, const gen_cert *c);
void gen_d_mldsa_key_short(gen_ctx *x, gen_cert *c);

/* gen_defect_ct.c: RFC 6962 */
int gen_a_precert(const gen_ctx *x, const gen_cert *c);
void gen_d_precert_with_scts(gen_ctx *x, gen_cert *c);
int gen_a_final_tls(const gen_ctx *x, const gen_cert *c);
void gen_d_sct_list_empty(gen_ctx *x, gen_cert *c);

#endif
