#!/usr/bin/env python3
"""The request threads' JFR execution samples split by what they were doing: each pipeline stage (the frame
Pipeline.run called), Novix code outside the pipeline (the filter chain, the caches' reloads), Liberty's own.
Shares are of the request threads' Java samples; JFR samples only threads running Java code.
   python3 bench/probes/stage-split.py <recording.jfr> [thread-name-prefix]"""
import collections, re, subprocess, sys

jfr = sys.argv[1]
prefix = sys.argv[2] if len(sys.argv) > 2 else "Default Executor"
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "300", jfr],
                      capture_output=True, text=True, check=True).stdout
areas, inner, n = collections.Counter(), collections.defaultdict(collections.Counter), 0
for s in text.split("jdk.ExecutionSample")[1:]:
    if f'sampledThread = "{prefix}' not in s:
        continue
    frames = re.findall(r"^\s+([\w$.<>/]+)\(", s, re.M)[::-1]  # outermost first
    if not frames:
        continue
    n += 1
    run = next((i for i, f in enumerate(frames) if f.endswith("inference.control.Pipeline.run")), None)
    novix = [f for f in frames if f.startswith("io.novix")]
    if run is not None and run + 1 < len(frames):
        called = frames[run + 1]
        below = [f for f in frames[run + 1:] if f.startswith("io.novix")]
        key = "stage: " + (below[0] if below else called)
        inner[key][below[1] if len(below) > 1 else called] += 1
    elif run is not None:
        key = "stage: Pipeline.run itself"
    elif novix:
        key = "Novix outside the pipeline: " + novix[0]
    else:
        key = "Liberty, no Novix frame"
    areas[key] += 1
print(f"{n} samples on '{prefix}' threads\n")
print("| share | where |\n|---|---|")
for key, count in areas.most_common(25):
    print(f"| {100 * count / max(1, n):.1f} % | `{key}` |")
    for sub, c in inner[key].most_common(3):
        if len(inner[key]) > 1:
            print(f"| {100 * c / max(1, n):.1f} % | &nbsp;&nbsp;under it: `{sub}` |")
