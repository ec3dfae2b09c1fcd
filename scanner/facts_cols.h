/* Fact column ranges. Each area of rules owns a range and declares its columns in its own header
 * (facts_<area>.h), so areas can grow independently. Column 0 ends a rule's column list. */
#ifndef CS_FACTS_COLS_H
#define CS_FACTS_COLS_H

#define CS_COL_NONE         0
#define CS_COL_EXT_PRESENT  1   /* + cs_ext_id: the extension is present */
#define CS_COL_EXT_CRITICAL 65  /* + cs_ext_id: the extension is present and critical */
#define CS_COL_CORE_BASE    129 /* facts.h: structure, serial, version, validity, kinds */
#define CS_COL_NAMES_BASE   192 /* facts_names.h: issuer/subject names and strings */
#define CS_COL_EXTS_BASE    320 /* facts_exts.h: key ids, key usage, constraints, policies, CT */
#define CS_COL_GNAMES_BASE  448 /* facts_gnames.h: SAN/IAN, name constraints, CRLDP, AIA/SIA */
#define CS_COL_ALGS_BASE    576 /* facts_algs.h: algorithms and keys */
#define CS_COL_SMIME_BASE   704 /* S/MIME facts, in three areas: */
#define CS_COL_SMEXT_BASE   704 /* facts_smext.h: extensions, KU, EKU, policies, validity */
#define CS_COL_SMSUBJ_BASE  800 /* facts_smsubj.h: subject DN, SAN mailboxes, identifiers */
#define CS_COL_SMALG_BASE   928 /* facts_smalg.h: algorithms, keys, S/MIME CA certificates */
#define CS_COL_COUNT        1024

#define CS_FACT_WORDS (CS_COL_COUNT / 64)

#endif
