/* Walking a static-ct-api log's tile tree on disk (tile/data/<N>[.p/<W>], issuer/<sha256>,
 * tile/<L>/… hash tiles, checkpoint): only data tiles hold entries, so only they are yielded,
 * in the order of their tile index N, one file per N: the full tile when it is there, else the
 * widest partial tile (a partial tile is a prefix of the wider ones and of the full one, so
 * reading several would read the same entries twice). Hash tiles, the checkpoint and other
 * files are not entries and are passed over; issuers are read by the tile framer (--chains).
 */
#ifndef CS_IO_CT_TREE_H
#define CS_IO_CT_TREE_H

#include "io/input.h"

/* The data-tile folder of a tree when `dir` is a tree's root (it has tile/data/), its tile/
 * folder, or that data folder itself (its path ends in tile/data): a malloc'd path, else NULL. */
char *cs_ct_tree_data_dir(const char *dir);

/* Yields the data tiles under data_dir as described above; returns 0 when fn asked to stop. */
int cs_ct_tree_walk(const char *data_dir, cs_path_fn fn, cs_path_error_fn on_error, void *ctx);

#endif
