#!/usr/bin/env bash
# Installs what is missing, builds certscan (Release) and scans the bundled sample corpus:
# 10,229 CA certificates from CCADB and Debian's 148 roots, grouped by CA owner (from the bundled
# CCADB owner reports), with the survey tables and an HTML report in build/report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target certscan
./build/certscan scan --top 15 --group-by owner --html build/report.html corpora/ccadb corpora/roots \
  --ccadb corpora/ccadb/owners corpora/ccadb
echo "HTML report: build/report.html"
