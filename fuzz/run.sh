#!/usr/bin/env bash
# Fuzzes cs_x509_parse and the extension decoders (fuzz/fuzz_x509.c), or with TARGET csv the CSV
# row scanner and the CCADB CSV and LDIF readers (fuzz/fuzz_csv.c), for SECONDS (default 60).
#
#   fuzz/run.sh [SECONDS] [x509|csv]
#
# Configures build-fuzz/ with clang and -DCS_FUZZ=ON, builds the target, and runs it over a fresh
# copy of the seed corpus fuzz/corpus/x509/ (the seeds themselves are never modified). Exits
# non-zero if the build fails or the fuzzer finds a crash, leak, timeout or sanitizer report; the
# reproducer is left in build-fuzz/artifacts/ (re-run it with build-fuzz/fuzz/fuzz_x509 FILE).
set -euo pipefail

seconds=${1:-60}
target=${2:-x509}
case $target in
x509) max_len=8192 ;;
csv) max_len=4096 ;; # each input is read 1 byte at a time too
*)
    echo "usage: $0 [SECONDS] [x509|csv]" >&2
    exit 2
    ;;
esac
case $seconds in
'' | *[!0-9]*)
    echo "usage: $0 [SECONDS]" >&2
    exit 2
    ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz
seeds=$root/fuzz/corpus/$target
work=$build/corpus-$target
artifacts=$build/artifacts

cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCS_FUZZ=ON -DCS_TESTS=OFF -DCS_BENCH=OFF >/dev/null
cmake --build "$build" --target "fuzz_$target" -j "$(nproc)"

rm -rf "$work"
mkdir -p "$work" "$artifacts"
if [ "$target" = x509 ]; then cp "$seeds"/*.der "$work"/; else cp "$seeds"/* "$work"/; fi
before=$(find "$artifacts" -type f | wc -l)

# UBSan reports are fatal (the root flags leave them recoverable), so libFuzzer sees them.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

status=0
"$build/fuzz/fuzz_$target" -max_len="$max_len" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 "$work" || status=$?

after=$(find "$artifacts" -type f | wc -l)
if [ "$status" -ne 0 ] || [ "$after" -ne "$before" ]; then
    echo "fuzz_$target: FAILED (exit $status); reproducers in $artifacts:" >&2
    ls -l "$artifacts" >&2
    exit 1
fi
echo "fuzz_$target: no crash in ${seconds}s; corpus grew to $(find "$work" -type f | wc -l) inputs"
