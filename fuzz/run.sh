#!/usr/bin/env bash
# Fuzzes cs_x509_parse and the extension decoders (fuzz/fuzz_x509.c), then the CT framers and
# decoding (fuzz/fuzz_ct.c), for SECONDS each (default 60).
#
#   fuzz/run.sh [SECONDS]
#
# Configures build-fuzz/ with clang and -DCS_FUZZ=ON, builds the targets, and runs each over a
# fresh copy of its seed corpus fuzz/corpus/<target>/ (the seeds themselves are never modified). Exits
# non-zero if the build fails or the fuzzer finds a crash, leak, timeout or sanitizer report; the
# reproducer is left in build-fuzz/artifacts/ (re-run it with build-fuzz/fuzz/fuzz_x509 FILE).
set -euo pipefail

seconds=${1:-60}
case $seconds in
'' | *[!0-9]*)
    echo "usage: $0 [SECONDS]" >&2
    exit 2
    ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz
artifacts=$build/artifacts

cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCS_FUZZ=ON -DCS_TESTS=OFF -DCS_BENCH=OFF >/dev/null
cmake --build "$build" --target fuzz_x509 fuzz_ct -j "$(nproc)"

# UBSan reports are fatal (the root flags leave them recoverable), so libFuzzer sees them.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

# fuzz_one TARGET SEEDS MAX_LEN: runs build-fuzz/fuzz/fuzz_TARGET over a fresh copy of the seeds.
fuzz_one() {
    local name=$1 seeds=$2 max_len=$3
    local work=$build/corpus-$name
    rm -rf "$work"
    mkdir -p "$work" "$artifacts"
    find "$seeds" -maxdepth 1 -type f ! -name '*.md' -exec cp {} "$work"/ \;
    local before after status=0
    before=$(find "$artifacts" -type f | wc -l)
    "$build/fuzz/fuzz_$name" -max_len="$max_len" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$artifacts/" -print_final_stats=1 "$work" || status=$?
    after=$(find "$artifacts" -type f | wc -l)
    if [ "$status" -ne 0 ] || [ "$after" -ne "$before" ]; then
        echo "fuzz_$name: FAILED (exit $status); reproducers in $artifacts:" >&2
        ls -l "$artifacts" >&2
        exit 1
    fi
    echo "fuzz_$name: no crash in ${seconds}s; corpus grew to $(find "$work" -type f | wc -l) inputs"
}

fuzz_one x509 "$root/fuzz/corpus/x509" 8192
fuzz_one ct "$root/fuzz/corpus/ct" 65536
