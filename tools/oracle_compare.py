#!/usr/bin/env python3
"""Per-rule agreement between certscan and a peer linter's recorded results (an "oracle").

For every certscan rule that names a zlint lint (or a pkilint code) as its equivalent, counts the
certificates both report, only certscan reports, only the peer reports, and neither reports, and
lists the certificates behind each disagreement. certscan is run as `certscan lint --format json`
over the oracle's corpus; its lines carry the SHA-256 of each certificate's DER, which is the join
key for zlint's oracles (file name and index for pkilint's, which has no hash).

Oracles (the JSONL files of ../shared/corpora/oracles; the CCADB one is also kept in this
repository as the compact corpora/oracles/zlint-ccadb.tsv, used when ../shared is absent):
  zlint-ccadb      zlint on every CCADB certificate                 corpus: corpora/ccadb
  zlint-testdata   zlint on its own test certificates               corpus: corpora/zlint/testdata
  pkilint-smime    pkilint on zlint's S/MIME test certificates (with the S/MIME type it chose)

A zlint result of NA or NE (not applicable, not effective) counts as no finding, as does pass;
"fatal" (the lint itself failed) leaves that certificate out of that lint's comparison. zlint
applies its own effective dates, certscan judges by notBefore (or --as-of), so date gates are one
source of disagreement: run with --as-of to see them separately. pkilint gates nothing by date.

A lint named by several rules (certscan splits one zlint lint into several findings) is compared
per rule, but a certificate the peer reports and another rule naming the same lint reports is
counted as "sibling" rather than only-peer: the finding exists, under a finer name.

Deliberate and peer-side disagreements are rows of rules/DEVIATIONS.md:
  | `rule` | `lint or code` | oracle | only-certscan or only-<peer> | N | reason |
where N is at most how many certificates disagree that way; --check fails on any disagreement
not covered (tests/test_oracle_agreement.c does the same for zlint-ccadb, in-process).

usage:
  tools/oracle_compare.py [--certscan BIN] [--oracle NAME|PATH] [--corpus PATH] [--as-of DATE]
                          [--force-profile] [--rule ID] [--list N] [--all] [--json] [--check]
  tools/oracle_compare.py --agreement rules/AGREEMENT.md     (all three oracles)
  tools/oracle_compare.py --write-tsv corpora/oracles/zlint-ccadb.tsv [--oracle zlint-ccadb]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "corpora", "oracles")
DEVIATIONS = os.path.join(ROOT, "rules", "DEVIATIONS.md")

# name -> (oracle file in ../shared, corpus it was run on, peer, join key)
ORACLES = {
    "zlint-ccadb": ("zlint-ccadb.jsonl", "corpora/ccadb", "zlint", "sha256"),
    "zlint-testdata": ("zlint-on-zlint-testdata.jsonl", "corpora/zlint/testdata", "zlint",
                       "sha256"),
    "pkilint-smime": ("pkilint-on-zlint-smime.jsonl", "corpora/zlint/testdata", "pkilint", "file"),
}

# zlint results that are findings; pass/NA/NE are not, fatal is "no decision".
ZLINT_FOUND = {"error", "warn", "info", "notice"}

ROW = re.compile(r"^\| `([^`]+)` \| `([^`]+)` \| ([a-z-]+) \| (only-[a-z]+) \| (\d+) \| (.*) \|$")


def load_rules(binary):
    out = subprocess.run([binary, "rules", "--format", "json"], check=True, capture_output=True,
                         text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


class Oracle:
    """What the peer said: found[key] = {lint: result}, undecided[key] = {lint}, and the keys it
    judged at all (a certificate the peer could not parse is not judged)."""

    def __init__(self, peer):
        self.peer = peer
        self.found = collections.defaultdict(dict)
        self.undecided = collections.defaultdict(set)
        self.judged = set()
        self.unparsed = set()
        self.types = {}  # pkilint: key -> S/MIME type it determined
        self.kept = None  # TSV: the lints copied


def load_jsonl(path, peer, key):
    o = Oracle(peer)
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            k = d["sha256"] if key == "sha256" else f'{d["file"]}#{d["index"]}'
            if peer == "zlint":
                if "findings" not in d:
                    o.unparsed.add(k)
                    continue
                o.judged.add(k)
                for lint, v in d["findings"].items():
                    res = v["result"].lower()
                    if res in ZLINT_FOUND:
                        o.found[k][lint] = res
                    elif res == "fatal":
                        o.undecided[k].add(lint)
            else:
                if d.get("error") or d.get("type") is None:
                    o.unparsed.add(k)
                    continue
                o.judged.add(k)
                o.types[k] = d["type"]
                for fnd in d["findings"]:
                    o.found[k][fnd["code"]] = fnd["severity"].lower()
    return o


def load_tsv(path):
    """The compact form written by --write-tsv (see corpora/oracles/README.md)."""
    o = Oracle("zlint")
    o.judged = None  # every certificate of the corpus that is not unparsed
    o.kept = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#lint\t"):
                o.kept.add(line.rstrip("\n").split("\t")[1])
                continue
            if line.startswith("#") or not line.strip():
                continue
            sha, lint, res = line.rstrip("\n").split("\t")
            if lint == "-":
                o.unparsed.add(sha)
            elif res == "fatal":
                o.undecided[sha].add(lint)
            else:
                o.found[sha][lint] = res
    return o


def write_tsv(oracle, rules, path, source):
    named = {n for r in rules for n in r[oracle.peer]}
    rows = []
    for k in sorted(oracle.found):
        for lint, res in sorted(oracle.found[k].items()):
            if lint in named:
                rows.append((k, lint, res))
    for k in sorted(oracle.undecided):
        for lint in sorted(oracle.undecided[k]):
            if lint in named:
                rows.append((k, lint, "fatal"))
    for k in sorted(oracle.unparsed):
        rows.append((k, "-", "unparsed"))
    rows.sort()
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# Derived from {source} by tools/oracle_compare.py --write-tsv; see README.md "
                "here.\n")
        f.write(f"# certificates judged: {len(oracle.judged)}; lints kept: those some certscan "
                f"rule names ({len(named)}); results: error, warn, info, fatal; '-' = not "
                "parsed by zlint\n")
        # The lints kept, so a reader can tell "zlint found nothing" from "not copied": a rule
        # that names a lint missing here needs the file regenerated.
        for lint in sorted(named):
            f.write(f"#lint\t{lint}\n")
        f.write("# sha256\tlint\tresult\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"wrote {len(rows)} rows to {path}", file=sys.stderr)


def open_oracle(name, rules, peer_hint=None):
    """(oracle, corpus, peer, key, path) for a name of ORACLES or a path."""
    if name in ORACLES:
        fname, corpus, peer, key = ORACLES[name]
        path = os.path.join(SHARED, fname)
        # A fresh clone has no ../shared: the CCADB oracle is also kept as the compact TSV.
        if not os.path.exists(path) and name == "zlint-ccadb":
            path = os.path.join(ROOT, "corpora", "oracles", "zlint-ccadb.tsv")
    else:
        path, corpus, key = name, None, "sha256"
        peer = peer_hint or ("pkilint" if "pkilint" in os.path.basename(path) else "zlint")
        if peer == "pkilint":
            key = "file"
    if path.endswith(".tsv"):
        oracle = load_tsv(path)
        missing = sorted({n for r in rules for n in r[peer]} - oracle.kept)
        if missing:
            print(f"warning: {path} lacks lints certscan now names ({', '.join(missing)}): "
                  "regenerate it with --write-tsv from the JSONL", file=sys.stderr)
    else:
        oracle = load_jsonl(path, peer, key)
    return oracle, corpus, peer, key, path


def run_certscan(binary, target, as_of, extra=()):
    cmd = [binary, "lint", "--format", "json"]
    if as_of:
        cmd += ["--as-of", as_of]
    cmd += list(extra) + [target]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def certscan_results(binary, oracle, corpus_dir, key, as_of=None, force_profile=False):
    """key -> (input position, set of rule ids fired); the first entry of each key wins
    (CCADB lists some certificates twice)."""
    res = {}
    if key == "sha256":
        for d in run_certscan(binary, corpus_dir, as_of):
            if d["sha256"] is not None and d["sha256"] not in res:
                res[d["sha256"]] = (d["input"], {f["rule"] for f in d["findings"]})
        return res
    # pkilint: one run per file, optionally with the type pkilint chose forced.
    for k in sorted(oracle.judged):
        file, _, index = k.rpartition("#")
        extra = ("--profile", oracle.types[k]) if force_profile else ()
        for d in run_certscan(binary, os.path.join(corpus_dir, file), as_of, extra):
            if d["input"].endswith("#" + index):
                res[k] = (d["input"], {f["rule"] for f in d["findings"]})
    return res


def where(position):
    """An input position (path#index) relative to the repository, for short listings."""
    path, _, index = position.rpartition("#")
    return f"{os.path.relpath(path, ROOT)}#{index}"


def compare(rules, oracle, ours, peer):
    """Per rule: counts, the keys certscan alone reports, and per peer lint the keys the peer
    alone reports."""
    lint_rules = collections.defaultdict(set)
    for r in rules:
        for n in r[peer]:
            lint_rules[n].add(r["id"])
    judged = [k for k in ours if k not in oracle.unparsed and
              (oracle.judged is None or k in oracle.judged)]
    table = []
    for r in rules:
        lints = r[peer]
        if not lints:
            continue
        row = {"rule": r["id"], "lints": lints, "both": 0, "ours": [],
               "peer": collections.OrderedDict((n, []) for n in lints), "sibling": 0,
               "neither": 0, "undecided": 0}
        for k in judged:
            fired = ours[k][1]
            decided = [n for n in lints if n not in oracle.undecided.get(k, ())]
            if not decided:
                row["undecided"] += 1
                continue
            peer_hits = [n for n in decided if n in oracle.found.get(k, {})]
            mine = r["id"] in fired
            if mine and peer_hits:
                row["both"] += 1
            elif mine:
                row["ours"].append(k)
            elif peer_hits:
                # Another rule naming the same lint reports it: the finding is there.
                if any(s in fired for n in peer_hits for s in lint_rules[n] - {r["id"]}):
                    row["sibling"] += 1
                else:
                    for n in peer_hits:
                        row["peer"][n].append(k)
            else:
                row["neither"] += 1
        row["only_peer"] = len({k for keys in row["peer"].values() for k in keys})
        table.append(row)
    return table, len(judged)


def load_documented(oracle_name):
    """(rule, lint, side) -> [(count, reason)] from the rows of rules/DEVIATIONS.md."""
    doc = collections.defaultdict(list)
    with open(DEVIATIONS, encoding="utf-8") as f:
        for line in f:
            m = ROW.match(line.rstrip("\n"))
            if m and m.group(3) == oracle_name:
                doc[(m.group(1), m.group(2), m.group(4))].append((int(m.group(5)), m.group(6)))
    return doc


def disagreements(table, peer):
    """(rule, lint, side, keys) for every disagreement; only-certscan is the rule's, listed
    under its first lint."""
    for row in table:
        if row["ours"]:
            yield row["rule"], row["lints"][0], "only-certscan", row["ours"]
        for lint, keys in row["peer"].items():
            if keys:
                yield row["rule"], lint, "only-" + peer, keys


def documented_count(doc, rule, lint, side, lints):
    if side == "only-certscan":
        return sum(c for n in lints for c, _ in doc.get((rule, n, side), ()))
    return sum(c for c, _ in doc.get((rule, lint, side), ()))


def check(table, peer, oracle_name):
    """Prints every disagreement not covered by rules/DEVIATIONS.md; returns how many."""
    doc = load_documented(oracle_name)
    lints_of = {row["rule"]: row["lints"] for row in table}
    bad = 0
    for rule, lint, side, keys in disagreements(table, peer):
        n = documented_count(doc, rule, lint, side, lints_of[rule])
        if len(keys) > n:
            bad += 1
            print(f"UNDOCUMENTED {oracle_name}: {rule} / {lint} {side} on {len(keys)} "
                  f"certificates ({n} documented)")
    return bad


def verdict(doc, rule, lint, side, lints):
    """The verdict tag (the bold words opening the reason) of the rows covering a
    disagreement."""
    names = lints if side == "only-certscan" else [lint]
    tags = []
    for n in names:
        for _, reason in doc.get((rule, n, side), ()):
            m = re.match(r"\*\*([^*]+)\*\*", reason)
            tag = m.group(1) if m else reason.split(".")[0]
            if tag not in tags:
                tags.append(tag)
    return "; ".join(tags) if tags else "**undocumented**"


def write_agreement(path, binary):
    """rules/AGREEMENT.md: per rule, agreement with each oracle that is available."""
    rules = load_rules(binary)
    out = ["# Agreement with zlint and pkilint", "",
           "Generated by `tools/oracle_compare.py --agreement rules/AGREEMENT.md` from "
           "`certscan lint` and the peers' recorded results; do not edit by hand. Verdicts are "
           "the tags of the rows of `rules/DEVIATIONS.md` that explain each disagreement "
           "(section *Peer oracles* of each area), where the reasons and the RFC / SBR "
           "sections are. `tests/test_oracle_agreement.c` checks the CCADB table on every "
           "build; the other two need `../shared/corpora/oracles`.", "",
           "Columns: *agree* counts certificates on which certscan and the peer say the same "
           "(both report, shown in brackets, or neither does; *sibling* certificates, where the "
           "peer's finding is reported by another certscan rule naming the same check, count "
           "as agreeing); "
           "*only certscan* and *only peer* are the disagreements. A rule whose check the peer "
           "could not decide (zlint `fatal`) on a certificate leaves that certificate out.", ""]
    for name, title in (("zlint-ccadb", "zlint 3.7 on the CCADB corpus (corpora/ccadb)"),
                        ("zlint-testdata", "zlint 3.7 on its own test certificates "
                         "(corpora/zlint/testdata, every lint on every file)"),
                        ("pkilint-smime", "pkilint 0.13.3 on zlint's S/MIME test certificates "
                         "(profile as pkilint detected it, certscan judging at notBefore)")):
        try:
            oracle, corpus, peer, key, opath = open_oracle(name, rules)
        except FileNotFoundError:
            out += [f"## {title}", "", "Not available here (needs `../shared`).", ""]
            continue
        ours = certscan_results(binary, oracle, os.path.join(ROOT, corpus), key)
        table, n = compare(rules, oracle, ours, peer)
        doc = load_documented(name)
        agree_rules = sum(1 for r in table if not r["ours"] and not r["only_peer"])
        out += [f"## {title}", "",
                f"{n} certificates compared ({len(oracle.unparsed)} the peer did not judge, "
                "because it could not parse them or tell their S/MIME type, are left out); "
                f"{len(table)} rules name a {peer} equivalent, {agree_rules} of "
                "them agree on every certificate. Rules with a disagreement first.", "",
                f"| rule | {peer} check | agree | only certscan | only {peer} | verdict |",
                "|---|---|---|---|---|---|"]
        table.sort(key=lambda r: (-(len(r["ours"]) + r["only_peer"]), r["rule"]))
        for row in table:
            agree = row["both"] + row["neither"] + row["sibling"]
            verdicts = []
            if row["ours"]:
                verdicts.append("only certscan: " + verdict(doc, row["rule"], None,
                                                            "only-certscan", row["lints"]))
            for lint, keys in row["peer"].items():
                if keys:
                    v = verdict(doc, row["rule"], lint, "only-" + peer, row["lints"])
                    verdicts.append(f"only {peer}" + (f" (`{lint}`)" if len(row["lints"]) > 1
                                                      else "") + f": {v}")
            lints = ", ".join(f"`{n}`" for n in row["lints"])
            out.append(f"| `{row['rule']}` | {lints} | {agree} ({row['both']} both) | "
                       f"{len(row['ours'])} | "
                       f"{row['only_peer']} | {'; '.join(verdicts) or 'agree'} |")
        out.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--certscan", default=os.path.join(ROOT, "build", "certscan"))
    ap.add_argument("--oracle", default="zlint-ccadb",
                    help="zlint-ccadb, zlint-testdata, pkilint-smime, or a .jsonl/.tsv path")
    ap.add_argument("--corpus", help="corpus directory (default: the oracle's)")
    ap.add_argument("--peer", choices=["zlint", "pkilint"], help="for an oracle given as a path")
    ap.add_argument("--as-of", help="pass --as-of DATE to certscan")
    ap.add_argument("--force-profile", action="store_true",
                    help="pkilint-smime: judge each file as the S/MIME type pkilint chose")
    ap.add_argument("--rule", action="append", help="only these rule ids (repeatable)")
    ap.add_argument("--list", type=int, default=10,
                    help="certificates listed per disagreement (0: none, -1: all)")
    ap.add_argument("--all", action="store_true", help="also rules with no disagreement")
    ap.add_argument("--json", action="store_true", help="print the table as JSON lines")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 when a disagreement is not covered by rules/DEVIATIONS.md")
    ap.add_argument("--agreement", metavar="PATH",
                    help="write the agreement tables of all available oracles, and exit")
    ap.add_argument("--write-tsv", metavar="PATH",
                    help="write the compact oracle TSV for the lints certscan names, and exit")
    args = ap.parse_args()

    if args.agreement:
        write_agreement(args.agreement, args.certscan)
        return 0
    rules = load_rules(args.certscan)
    oracle, corpus, peer, key, path = open_oracle(args.oracle, rules, args.peer)
    if args.write_tsv:
        write_tsv(oracle, rules, args.write_tsv, os.path.basename(path))
        return 0
    corpus = args.corpus or corpus
    if corpus is None:
        ap.error("--corpus is required for an oracle given as a path")
    corpus_dir = os.path.join(ROOT, corpus) if not os.path.isabs(corpus) else corpus
    ours = certscan_results(args.certscan, oracle, corpus_dir, key, args.as_of,
                            args.force_profile)
    # Every rule takes part in the comparison (siblings need them all); --rule filters the output.
    table, n = compare(rules, oracle, ours, peer)
    if args.rule:
        table = [row for row in table if row["rule"] in args.rule]

    if args.json:
        for row in table:
            print(json.dumps({"rule": row["rule"], peer: row["lints"], "both": row["both"],
                              "only_certscan": len(row["ours"]), "only_peer": row["only_peer"],
                              "sibling": row["sibling"], "neither": row["neither"],
                              "undecided": row["undecided"], "only_certscan_keys": row["ours"],
                              "only_peer_keys": {n: k for n, k in row["peer"].items() if k}}))
        return 0

    print(f"oracle {os.path.basename(path)} ({peer}); certificates compared: {n}; "
          f"not parsed by the peer: {len(oracle.unparsed)}"
          + (f"; certscan --as-of {args.as_of}" if args.as_of else "")
          + ("; profile forced to pkilint's" if args.force_profile else ""))
    hdr = f"{'rule':52} {'both':>5} {'only-cs':>7} {'only-peer':>9} {'sibling':>7} {'neither':>7}"
    print(hdr)
    print("-" * len(hdr))
    table.sort(key=lambda r: (-(len(r["ours"]) + r["only_peer"]), r["rule"]))
    for row in table:
        if not args.all and not row["ours"] and not row["only_peer"]:
            continue
        print(f"{row['rule']:52} {row['both']:5} {len(row['ours']):7} {row['only_peer']:9} "
              f"{row['sibling']:7} {row['neither']:7}")
    agree = sum(1 for r in table if not r["ours"] and not r["only_peer"])
    print(f"\n{len(table)} rules name a {peer} equivalent; {agree} agree on every certificate.")
    if args.list != 0:
        for rule, lint, side, keys in disagreements(table, peer):
            print(f"\n== {rule}  {side}" + (f" ({lint})" if side != "only-certscan" else "")
                  + f": {len(keys)}")
            for k in keys if args.list < 0 else keys[:args.list]:
                print(f"    {k}  {where(ours[k][0])}")
    if args.check:
        name = args.oracle if args.oracle in ORACLES else os.path.basename(path).split(".")[0]
        bad = check(table, peer, name)
        print(f"\n{bad} disagreements not covered by rules/DEVIATIONS.md ({name}).")
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
