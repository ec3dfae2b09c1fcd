#!/bin/sh
# A CA's nightly self-audit of everything it issued (README, "Nightly self-audit"): what is new
# since last night, with the CA's waivers, in one certscan command. Exit status: certscan's
# (0 nothing new at error level, 1 new error findings not waived, 2 usage, 3 unreadable input).
#
# usage: nightly.sh ISSUED POLICY.json STATE_DIR
#   ISSUED     what the CA issued: files or a directory (PEM, DER, CT, CCADB CSV, LDIF, gzip)
#   STATE_DIR  keeps last.cbor (the baseline), and tonight's report.txt and findings.jsonl
# The first night has no baseline: every finding is new.
set -u
issued=$1 policy=$2 state=$3
certscan=${CERTSCAN:-certscan}
baseline=
if [ -f "$state/last.cbor" ]; then
    baseline="--baseline $state/last.cbor"
fi
# shellcheck disable=SC2086 # $baseline is two words or none
"$certscan" scan "$issued" --policy "$policy" $baseline --save "$state/tonight.cbor" \
    --findings "$state/findings.jsonl" --fail-on error > "$state/report.txt"
rc=$?
# Tonight becomes the baseline after any run that finished (0, 1, or 3: some input unreadable).
if [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || [ "$rc" -eq 3 ]; then
    mv "$state/tonight.cbor" "$state/last.cbor"
fi
exit "$rc"
