#!/usr/bin/env bash
# Runs the libFuzzer targets for SECONDS in all (default 60), in equal shares:
#   fuzz_x509   cs_x509_parse and the extension decoders (fuzz/fuzz_x509.c);
#   fuzz_ct     the CT get-entries and tile framers and their decoding (fuzz/fuzz_ct.c);
#   fuzz_csv    the CSV row scanner and the CCADB CSV and LDIF readers (fuzz/fuzz_csv.c);
#   fuzz_stream the streaming input path: stream (plain/gzip/zlib), window, framer, decoding,
#               with differential checks of read sizes and of split ranges (fuzz/fuzz_stream.c).
#
#   fuzz/run.sh [SECONDS] [TARGET...]      # e.g. fuzz/run.sh 600 fuzz_ct
#
# Configures build-fuzz/ with clang and -DCS_FUZZ=ON, builds the targets, and runs each over a
# fresh copy of its seed corpus fuzz/corpus/<name>/ (the seeds themselves are never modified).
# Exits non-zero if a build fails or a fuzzer finds a crash, leak, timeout or sanitizer report;
# the reproducer is left in build-fuzz/artifacts/ (re-run it with build-fuzz/fuzz/<target> FILE).
set -euo pipefail

seconds=${1:-60}
case $seconds in
'' | *[!0-9]*)
    echo "usage: $0 [SECONDS] [TARGET...]" >&2
    exit 2
    ;;
esac
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(fuzz_x509 fuzz_ct fuzz_csv fuzz_stream)
fi

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz
artifacts=$build/artifacts

cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCS_FUZZ=ON -DCS_TESTS=OFF -DCS_BENCH=OFF >/dev/null
cmake --build "$build" --target "${targets[@]}" -j "$(nproc)"

# UBSan reports are fatal (the root flags leave them recoverable), so libFuzzer sees them.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

# Each target gets an equal share, at least one second.
share=$((seconds / ${#targets[@]}))
[ "$share" -ge 1 ] || share=1

failed=0
for target in "${targets[@]}"; do
    case $target in
    fuzz_x509) name=x509 max_len=8192 ;;
    fuzz_ct) name=ct max_len=65536 ;;
    fuzz_csv) name=csv max_len=4096 ;; # each input is read 1 byte at a time too
    fuzz_stream) name=stream max_len=65536 ;;
    *)
        echo "unknown target $target" >&2
        exit 2
        ;;
    esac
    work=$build/corpus-$name
    rm -rf "$work"
    mkdir -p "$work" "$artifacts"
    find "$root/fuzz/corpus/$name" -maxdepth 1 -type f ! -name '*.py' ! -name '*.md' \
        -exec cp {} "$work"/ \;
    before=$(find "$artifacts" -type f | wc -l)
    status=0
    "$build/fuzz/$target" -max_len="$max_len" -max_total_time="$share" -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$artifacts/" -print_final_stats=1 "$work" ||
        status=$?
    after=$(find "$artifacts" -type f | wc -l)
    if [ "$status" -ne 0 ] || [ "$after" -ne "$before" ]; then
        echo "$target: FAILED (exit $status); reproducers in $artifacts:" >&2
        ls -l "$artifacts" >&2
        failed=1
        continue
    fi
    echo "$target: no crash in ${share}s; corpus grew to $(find "$work" -type f | wc -l) inputs"
done
exit "$failed"
