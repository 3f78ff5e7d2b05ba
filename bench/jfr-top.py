#!/usr/bin/env python3
"""The top of a JFR CPU profile, as markdown: where request threads spend their samples.
   python3 bench/jfr-top.py <recording.jfr> [rows]"""
import collections, re, subprocess, sys

jfr, rows = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 12
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", jfr],
                      capture_output=True, text=True, check=True).stdout
samples = text.split("jdk.ExecutionSample")[1:]
own, inner, area = collections.Counter(), collections.Counter(), collections.Counter()
AREAS = [("audit writer (JDBC, hash chain)", r"io\.novix\.core\.audit\.control\.AuditWriter|io\.novix\.audit\.proof"),
         ("JSON-P provider lookup", r"JsonProvider\.provider"),
         ("PII redaction", r"privacy\.entity\.Redactor"),
         ("upstream HTTP client (hf-client: HttpClient 5, JDK HttpClient)", r"jdk\.internal\.net\.http|org\.apache\.hc\.|io\.novix\.hf\.HfClient"),
         ("Novix pipeline stages", r"io\.novix\.core\.inference\.control\.Pipeline"),
         ("Liberty web container, security, RESTEasy, CDI", r"com\.ibm\.ws\.webcontainer|org\.jboss\.resteasy|org\.jboss\.weld")]
for s in samples:
    frames = re.findall(r"^\s+([\w$.<>/]+)\(.*?line:", s, re.M)
    if not frames:
        continue
    own[frames[0]] += 1
    inner[next((f for f in frames if f.startswith("io.novix")), "(no Novix frame)")] += 1
    joined = "\n".join(frames)
    for name, pattern in AREAS:
        if re.search(pattern, joined):
            area[name] += 1
            break
n = max(1, len(samples))
print(f"{len(samples)} samples.\n")
print("| share | area (first match, in this order) |\n|---|---|")
for name, _ in AREAS:
    print(f"| {100 * area[name] / n:.1f} % | {name} |")
print("\n| share | innermost Novix frame |\n|---|---|")
for f, c in inner.most_common(rows):
    print(f"| {100 * c / n:.1f} % | `{f}` |")
print("\n| share | hottest method (self) |\n|---|---|")
for f, c in own.most_common(rows):
    print(f"| {100 * c / n:.1f} % | `{f}` |")
