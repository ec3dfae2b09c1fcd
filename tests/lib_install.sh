#!/bin/sh
# libcertscan as a user gets it: `cmake --install` into a temporary prefix, then the example in
# docs/examples/ compiled against the installed header, shared library and static library with
# pkg-config, and run on a real certificate.
# usage: lib_install.sh BUILD_DIR SOURCE_DIR CC [EXTRA_LINK_FLAGS...]
set -eu
build=$1 src=$2 cc=$3
shift 3
extra="$*"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
pc=$(find "$tmp/prefix" -name certscan.pc)
libdir=$(dirname "$(dirname "$pc")")
test -f "$tmp/prefix/include/certscan.h"
test -f "$libdir/libcertscan.a"
test -f "$tmp/prefix/share/man/man1/certscan.1"
test -x "$tmp/prefix/bin/certscan"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
# A real root with two findings, as DER (the example reads DER only).
cert="$tmp/starfield.der"
sed -n '/BEGIN CERT/,/END CERT/p' "$src/corpora/roots/Starfield_Class_2_CA.crt" | grep -v -- ----- |
    base64 -d >"$cert"

# Shared: the soname is versioned and only the API is exported.
$cc -std=c17 -Wall -Werror "$src/docs/examples/lint_file.c" $(pkg-config --cflags --libs certscan) \
    -lpthread $extra -o "$tmp/lint_shared"
objdump -p "$tmp/lint_shared" | grep -q 'NEEDED *libcertscan.so.0'
if nm -D --defined-only "$libdir/libcertscan.so" | awk '{print $3}' | grep -v '^cs_lib_' | grep .; then
    echo "libcertscan.so exports symbols outside the API" >&2
    exit 1
fi
# The example exits 1 when a certificate has an error-level finding, as this one has.
rc=0
LD_LIBRARY_PATH="$libdir" "$tmp/lint_shared" "$cert" "$cert" "$cert" >"$tmp/shared.out" || rc=$?
test $rc = 1

# Static: nothing from libcertscan.so at run time.
$cc -std=c17 -Wall -Werror "$src/docs/examples/lint_file.c" $(pkg-config --cflags certscan) \
    "$libdir/libcertscan.a" -Wl,--as-needed $(pkg-config --static --libs certscan) -lpthread \
    $extra -o "$tmp/lint_static"
if objdump -p "$tmp/lint_static" | grep -q 'NEEDED *libcertscan'; then
    echo "the static example needs libcertscan.so" >&2
    exit 1
fi
rc=0
"$tmp/lint_static" "$cert" >"$tmp/static.out" || rc=$?
test $rc = 1

# The library says what the CLI says: same profile, same rules.
grep -q "profile pkix.root, 2 findings" "$tmp/static.out"
cli_rules=$("$build/certscan" lint --fail-on never --format json "$cert" |
            grep -o '"rule":"[^"]*"' | sed 's/"rule":"//; s/"//' | sort | tr '\n' ' ')
lib_rules=$(grep '^  ' "$tmp/static.out" | awk '{print $2}' | sort | tr '\n' ' ')
if [ "$cli_rules" != "$lib_rules" ]; then
    echo "CLI rules [$cli_rules] != library rules [$lib_rules]" >&2
    exit 1
fi
# Three threads on one handle agree with one another.
test "$(grep -c 'profile pkix.root' "$tmp/shared.out")" = 3
test "$(sort "$tmp/shared.out" | uniq -c | awk '$1 != 3' | wc -l)" = 0
echo "libcertscan install, shared and static example: ok"
