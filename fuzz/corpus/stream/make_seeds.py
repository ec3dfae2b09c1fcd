#!/usr/bin/env python3
"""Writes fuzz_stream's seeds: small samples from tests/data/input (public root certificates from
corpora/, see tests/data/input/README.md) in every stream form (plain, gzip, multi-member gzip,
truncated gzip, zlib), each behind the 5 parameter bytes fuzz_stream.c reads first
(read size, window maximum, format, expansion limit, range length).

The regress-* files beside them are inputs fuzz_stream found failing, kept after the fix: an
END label judged before its closing dashes were read, and an unterminated block that a range
ending at a cut called unterminated "before the end of the input", and a block that fits the
window only without the BEGIN marker after the cut, which one pass must hold too."""
import gzip
import os
import zlib

here = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(here, "..", "..", "..", "tests", "data", "input")
samples = ["bundle.pem", "crlf.pem", "headers.pem", "trusted.pem", "bad_base64.pem",
           "unterminated.pem", "unterminated_eof.pem", "lines.b64", "concat.der", "stray.der",
           "truncated.der", "ccadb.csv", "unrecognised.bin", "ISRG_Root_X2.der"]
# (read-size index, window index, format index, ratio byte): 1-byte reads with a small window,
# odd reads with the default window, 1 MiB reads, a forced format.
headers = [bytes([0, 0, 0, 0, 3]), bytes([6, 7, 1, 0, 40]), bytes([13, 3, 2, 0, 0]),
           bytes([9, 6, 5, 200, 255])]


def gz(data):
    return gzip.compress(data, mtime=0)


for i, name in enumerate(samples):
    data = open(os.path.join(src, name), "rb").read()
    base = os.path.splitext(name)[0]
    forms = {"plain": data}
    if i % 2 == 0:
        forms["gz"] = gz(data)
    if i % 3 == 0:
        forms["zlib"] = zlib.compress(data)
    if i % 4 == 0:
        forms["multi.gz"] = gz(data[: len(data) // 2]) + gz(data[len(data) // 2:])
    if i % 5 == 0:
        forms["truncated.gz"] = gz(data)[:-9]
    for form, content in forms.items():
        header = headers[(i + len(form)) % len(headers)]
        with open(os.path.join(here, f"{base}.{form}"), "wb") as f:
            f.write(header + content)
