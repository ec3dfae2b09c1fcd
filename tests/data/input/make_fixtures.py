#!/usr/bin/env python3
"""Regenerates the input fixtures from the three copied root certificates.

Run from this directory: python3 make_fixtures.py. The outputs are committed; the tests assert
exact offsets and lines in them, so a change here means updating tests/test_input.c too.
"""
import base64
import subprocess

A = "Amazon_Root_CA_3"
B = "ISRG_Root_X2"
C = "ISRG_Root_X1"


def pem(name):
    return open(name + ".crt", "rb").read()


def der(name):
    return open(name + ".der", "rb").read()


def body(name):
    """The base64 lines of a certificate's PEM, without the markers."""
    lines = pem(name).split(b"\n")
    return b"\n".join(lines[1:-2]) + b"\n"


def block(label, b64):
    return b"-----BEGIN " + label + b"-----\n" + b64 + b"-----END " + label + b"-----\n"


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


# A bundle with prose between blocks and two non-certificate blocks to skip.
write("bundle.pem",
      b"# Test bundle: prose between the blocks must be ignored.\n"
      b"Subject: Amazon Root CA 3\n" + pem(A) +
      b"\nA CRL, which is not a certificate:\n" + block(b"X509 CRL", b"MAMCAQA=\n") +
      b"Subject: ISRG Root X2\n" + pem(B) +
      block(b"PRIVATE KEY", b"AAAA\n") +
      b"Subject: ISRG Root X1\n" + pem(C) + b"trailing text\n")

# CCADB "AllCertificatePEMsCSVFormat"-style export: the PEM is a quoted CSV field spanning
# lines, and other fields carry doubled quotes and commas.
write("ccadb.csv",
      b'"CA Owner","Certificate Name","Comments","X.509 Certificate (PEM)"\r\n'
      b'"Amazon","Amazon Root CA 3","a ""quoted"", comma, and -----dashes","' + pem(A).rstrip(b"\n") +
      b'"\r\n'
      b'"ISRG","ISRG Root X2","","' + pem(B).rstrip(b"\n") + b'"\r\n')

# The "PEM Info" column: the PEM wrapped in single quotes, multi-line or all on one line.
one_line = b"".join(body(C).split(b"\n"))
write("ccadb_pem_info.csv",
      b'"Certificate Name","PEM Info"\n'
      b'"ISRG Root X2","\'' + pem(B).rstrip(b"\n") + b'\'"\n'
      b'"ISRG Root X1","\'-----BEGIN CERTIFICATE-----' + one_line +
      b'-----END CERTIFICATE-----\'"\n')

write("crlf.pem", (pem(A) + pem(B)).replace(b"\n", b"\r\n"))

# RFC 1421 headers before the body, with a continuation line and the blank separator line.
write("headers.pem",
      b"-----BEGIN X509 CERTIFICATE-----\n"
      b"Proc-Type: 4,ENCRYPTED\n"
      b"DEK-Info: DES-EDE3-CBC,\n"
      b" 0123456789ABCDEF\n"
      b"\n" + body(B) + b"-----END X509 CERTIFICATE-----\n")

# BEGIN without END, followed by a good block; and one cut off by the end of the file.
b_lines = body(B).split(b"\n")
write("unterminated.pem",
      pem(A) + b"-----BEGIN CERTIFICATE-----\n" + b"\n".join(b_lines[:5]) + b"\n" + pem(C))
write("unterminated_eof.pem",
      pem(A) + b"-----BEGIN CERTIFICATE-----\n" + b"\n".join(b_lines[:5]) + b"\n")

# A '!' replacing the 10th character of the 4th body line of the first block (file line 5).
a_lines = pem(A).split(b"\n")
a_lines[4] = a_lines[4][:9] + b"!" + a_lines[4][10:]
write("bad_base64.pem", b"\n".join(a_lines) + pem(B))

write("concat.der", der(A) + der(B) + der(C))
write("truncated.der", der(A) + der(B)[:100])
write("stray.der", der(A) + b"\x00\x00garbage")

write("lines.b64",
      base64.b64encode(der(A)) + b"\n\n" +
      b"  " + base64.b64encode(der(B)) + b"  \r\n" +
      b"MIIB!AAA\n" +
      base64.b64encode(der(C)))

write("empty.bin", b"")
write("unrecognised.bin", b"\x7fELF\x02\x01\x01\x00" + bytes(range(64)))

# OpenSSL's trusted form: the certificate followed by its trust settings SEQUENCE.
subprocess.run(["openssl", "x509", "-in", B + ".crt", "-addtrust", "serverAuth", "-trustout",
                "-out", "trusted.pem"], check=True)
