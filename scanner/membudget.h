/* scan --memory SIZE: keeping a scan's resident memory under a budget however large the corpus.
 *
 * What grows with the corpus is the table of certificates counted (certset.h: the copy key of
 * every distinct certificate and, by default, the pairing key of every final one) and the log
 * of held precertificates (aggregate.h). Everything else is bounded: the pipeline's chunks and
 * queues by -j, the aggregates by the CAs, months and rules, the surveys' key tables by
 * CS_SURVEY_KEY_LIMIT per worker.
 *
 * When every input can be read again (regular files and directories of them), the scan runs in
 * P passes: pass k counts only the certificates whose pairing key is k-1 mod P (the selection
 * of --shard k/P, so copies and precertificate/final pairs fall in one pass) and the pass
 * aggregates are merged as `certscan merge` merges shards: the result is byte for byte that of
 * one pass. P comes from the inputs' size; should a pass still outgrow the budget (a corpus of
 * unusually small entries), it is abandoned and the scan starts over with more passes. Inputs
 * that cannot be read twice (standard input, pipes) are scanned in one pass that keeps
 * counting exactly: past the budget a warning names it, and memory grows beyond it.
 * scanner/README.md ("Memory budget") has the numbers. */
#ifndef CS_MEMBUDGET_H
#define CS_MEMBUDGET_H

#include <stddef.h>
#include <stdint.h>

#define CS_MEM_DEFAULT_LIMIT ((uint64_t)512 << 20)
#define CS_MEM_MAX_PASSES    64 /* as --shard */

/* "512M", "2G", "1.5G", "300000000", "0" (no limit; suffixes K, M, G, T are powers of 1024,
 * an optional trailing "iB" or "B" is accepted). Returns 0 when the text is not a size. */
int cs_mem_parse(const char *text, uint64_t *out);
/* "512 MiB", "1.5 GiB". */
void cs_mem_format(char *buf, size_t len, uint64_t bytes);

typedef struct cs_mem_plan {
    uint64_t limit;       /* --memory; 0: none */
    uint64_t fixed;       /* what does not grow with the corpus, for these -j and options */
    uint64_t key_budget;  /* limit - fixed: key table and held precertificates of one pass */
    uint64_t input_bytes; /* regular files' sizes, directories walked */
    int rewindable;       /* every input can be read again */
    uint64_t est_certs;   /* distinct certificates the input size suggests (an upper guess) */
    unsigned passes;
} cs_mem_plan;

/* Plans the scan of `inputs` ("-" is standard input) with `jobs` workers; `passes` (--passes,
 * 0: from the size) forces the number of passes when the inputs can be read again. Returns 0
 * with a message when the limit is below what the pipeline needs at that -j. */
int cs_mem_plan_make(cs_mem_plan *p, uint64_t limit, unsigned passes, const char *const *inputs,
                     size_t n, unsigned jobs, int survey, char *errbuf, size_t errlen);
/* Passes to use after a pass of a scan in `passes` went over the budget (twice as many, at
 * most CS_MEM_MAX_PASSES). */
unsigned cs_mem_more_passes(const cs_mem_plan *p, unsigned passes);

#endif
