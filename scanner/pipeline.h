/* The multi-core scan: a walker thread, reader threads, worker threads and the calling thread
 * as writer, joined by bounded lock-free queues (scanner/README.md has the diagram, the queue
 * sizes and who owns which buffer when).
 */
#ifndef CS_PIPELINE_H
#define CS_PIPELINE_H

#include "scanner/scan.h"

/* Runs the scan with options->jobs workers (at least 2). Same contract as cs_scan_paths. */
int cs_pipeline_run(const char *const *paths, size_t num_paths, const cs_scan_options *options,
                    cs_scan_totals *totals, char *errbuf, size_t errlen);

/* Chunks each reader owns: enough that every worker has one in hand and one waiting. */
unsigned cs_pipeline_chunks_per_reader(unsigned jobs, unsigned readers);

#endif
