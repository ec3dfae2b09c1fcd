#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test:
#  1. gcc, Debug, AddressSanitizer + UndefinedBehaviorSanitizer: the Criterion tests (ctest);
#  2. clang, Release, -Werror: the same tests, so both compilers stay warning-free;
#  3. the libFuzzer target on its seed corpus for a short run (FUZZ_SECONDS, default 60);
#  4. formatting (clang-format).
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

if [ -f fuzz/run.sh ]; then
  echo "== fuzzing for ${FUZZ_SECONDS:-60} s"
  bash fuzz/run.sh "${FUZZ_SECONDS:-60}"
fi

echo "== formatting"
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find . -name '*.[ch]' -not -path './build*')
clang-format --dry-run -Werror $files
echo "formatting: ok"

# One closing line for both ctest runs (ctest stops the script on any failure above).
total=$(grep -o 'tests failed out of [0-9]*' "$log" | awk '{s += $5} END {print s + 0}')
echo "certscan: $total passed, 0 failed"
