#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test:
#  1. gcc, Debug, AddressSanitizer + UndefinedBehaviorSanitizer: the Criterion tests (ctest);
#  2. clang, Release, -Werror: the same tests, so both compilers stay warning-free;
#  3. clang, ThreadSanitizer: the threaded tests (queue, pipeline) and the certscan binary;
#  4. the libFuzzer target on its seed corpus for a short run (FUZZ_SECONDS, default 60);
#  5. formatting (clang-format).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
jobs=$(nproc)

echo "== gcc, Debug, ASan+UBSan"
CC=gcc cmake -S . -B build-test-gcc -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCS_SANITIZE=ON >/dev/null
cmake --build build-test-gcc -j "$jobs"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
ctest --test-dir build-test-gcc --output-on-failure -j "$jobs" | tee -a "$log"

echo "== clang, Release"
CC=clang cmake -S . -B build-test-clang -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-test-clang -j "$jobs"
ctest --test-dir build-test-clang --output-on-failure -j "$jobs" | tee -a "$log"

echo "== clang, ThreadSanitizer"
# Only what runs threads: the library and certscan, then the two threaded test files. Criterion
# cannot start under TSan (its BoxFort arena finds no free address space in TSan's layout:
# Snaipe/Criterion#274), so those files are built against tests/tsan/criterion/criterion.h, a
# stand-in for the part of Criterion they use, and linked with the TSan build's objects.
CC=clang cmake -S . -B build-test-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCS_TSAN=ON \
  -DCS_TESTS=OFF -DCS_BENCH=OFF >/dev/null
cmake --build build-test-tsan -j "$jobs" --target certscan
mapfile -t tsan_objs < <(find build-test-tsan/CMakeFiles/cscore.dir -name '*.o' | sort)
for t in queue pipeline split progress; do
  # shellcheck disable=SC2046
  clang -std=c17 -O1 -g -fsanitize=thread -fno-omit-frame-pointer -Wall -Wextra -Werror \
    -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
    -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DCS_SOURCE_DIR="\"$PWD\"" \
    -DCS_CERTSCAN_BIN="\"$PWD/build-test-tsan/certscan\"" -Itests/tsan -I. \
    "tests/test_$t.c" tests/support/shell.c "${tsan_objs[@]}" -o "build-test-tsan/test_$t" \
    $(pkg-config --libs libxxhash libcrypto zlib libcbor jansson) -lm -pthread
done
# A race fails its test at once. zlint's 1,400 files cost a minute under TSan for little more
# than CCADB's run checks: that comparison runs in the two stages above.
export TSAN_OPTIONS=halt_on_error=1
build-test-tsan/test_queue | tee -a "$log"
for filter in pipeline/ progress/ pipeline_cli/ccadb; do
  build-test-tsan/test_pipeline --filter "$filter" | tee -a "$log"
done
build-test-tsan/test_split | tee -a "$log"
build-test-tsan/test_progress | tee -a "$log"
unset TSAN_OPTIONS

if [ -f fuzz/run.sh ]; then
  echo "== fuzzing for ${FUZZ_SECONDS:-60} s"
  bash fuzz/run.sh "${FUZZ_SECONDS:-60}"
fi

echo "== formatting"
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find . -name '*.[ch]' -not -path './build*')
clang-format --dry-run -Werror $files
echo "formatting: ok"

# One closing line for every run (ctest and the TSan tests stop the script on any failure above).
total=$(grep -o 'tests failed out of [0-9]*' "$log" | awk '{s += $5} END {print s + 0}')
tsan=$(grep -o '^Synthesis: Tested: [0-9]*' "$log" | awk '{s += $3} END {print s + 0}')
total=$((total + tsan))
echo "certscan: $total passed, 0 failed"
