#!/usr/bin/python3
"""Validation of the uncertainty method by simulation (uncertainty spec,
"Checking it").

Simulates whole cities of survey respondents whose answers are correlated
within a person (a respondent-level factor: latent z = sqrt(c) f + sqrt(1 -
c) e, answers cut from z so that each item's answers keep their binomial
shape), writes the program's input files from the simulated answers for each
data path (respondent-level answers; answer counts; respondent counts only),
runs build/itabench on them, and measures against the simulated truth:

- how often the 95 % interval of the ITA covers the true ITA, and its width;
- p_pass calibration: offices given a chance in a bin reach the target
  (true ITA, 2 decimals) how often;
- how often the rank interval covers the true rank, and its width;
- false change flags per city-year when nothing changed, and the share of
  real changes found, with the Benjamini-Hochberg adjustment (the Trend
  sheet's "Significant change") and without (its 95 % interval excludes 0).

Every number comes from the program's outputs (results CSV, the city
workbook's Trend sheet); the truth comes from the simulation.  Python's
random module with a fixed seed; nothing is shared with the C code.

    tests/validate/simulate.py [--cities N] [--correlations 0,0.35,0.7]
                               [--seed S] [--keep DIR]
"""
import argparse
import csv
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
import ita_reference as ref  # noqa: E402

import openpyxl  # noqa: E402

LEVELS = {"scale4": 4, "yesno": 2}
YEARS = (2563, 2564)
TARGET = 85.0
PATHS = ("respondents", "counts", "bound")
CHANGED_OFFICES = 10        # offices whose truth moves in "change" cities
CHANGE_POINTS = 6.0         # by this many points on every survey item
BINS = ((0.0, 0.1), (0.1, 0.3), (0.3, 0.7), (0.7, 0.9), (0.9, 1.0001))
NORMAL = statistics.NormalDist()


def round2(x):
    return math.floor(x * 100 + 0.5) / 100


class World:
    """The model and the offices, read from the repository's reference
    data."""

    def __init__(self):
        self.model = ref.Model()
        by_code, _ = ref.districts()
        self.codes = sorted(by_code)
        m = self.model
        self.survey = [i for i in m.items
                       if m.nodes[i]["answer_type"].strip() in LEVELS]
        self.tool = {i: self.tool_of(i) for i in m.items}
        self.tools = sorted({self.tool[i] for i in self.survey})

    def tool_of(self, node):
        m = self.model
        while m.nodes[node]["parent"].strip():
            node = m.nodes[node]["parent"].strip()
        return node


def invent_truth(world, rng):
    """Per office: true item scores (0..100: 100 p for survey items, 0 or
    100 for OIT checks) and respondents per tool."""
    m = world.model
    item_effect = {i: rng.gauss(0, 4) for i in m.items}
    truth = {}
    for code in world.codes:
        q = rng.gauss(0, 1)
        items = {}
        for i in m.items:
            kind = m.nodes[i]["answer_type"].strip()
            if kind not in LEVELS:
                items[i] = 100.0 if rng.random() < 0.85 + 0.04 * q else 0.0
                continue
            base, spread = (86.0, 6.0) if kind == "scale4" else (90.0, 5.0)
            mean = base + spread * q + item_effect[i] + rng.gauss(0, 3)
            if world.tool[i] == "EIT":
                mean -= 5
            items[i] = min(99.0, max(3.0, mean))
        n = {t: (rng.randint(20, 120) if t == "IIT" else rng.randint(40, 200))
             for t in world.tools}
        truth[code] = {"items": items, "n": n}
    return truth


def shifted(world, truth, rng, k):
    """The same truth with k offices' survey items moved up or down by
    CHANGE_POINTS; returns (new truth, changed codes)."""
    changed = set(rng.sample(world.codes, k))
    out = {}
    for code, t in truth.items():
        items = dict(t["items"])
        if code in changed:
            sign = 1 if rng.random() < 0.5 else -1
            for i in world.survey:
                items[i] = min(99.0, max(3.0, items[i] + sign * CHANGE_POINTS))
        out[code] = {"items": items, "n": dict(t["n"])}
    return out, changed


def thresholds(p, levels):
    """Cut points on the latent normal so that the level is 1 +
    Binomial(levels - 1, p)."""
    k = levels - 1
    cum, cuts = 0.0, []
    for j in range(k):
        cum += math.comb(k, j) * p ** j * (1 - p) ** (k - j)
        cuts.append(NORMAL.inv_cdf(min(max(cum, 1e-12), 1 - 1e-12)))
    return cuts


def simulate_answers(world, truth, corr, rng):
    """{code: {tool: [ {item: level} per respondent ]}}."""
    m = world.model
    a, b = math.sqrt(corr), math.sqrt(1 - corr)
    out = {}
    for code, t in truth.items():
        by_tool = {}
        for tool in world.tools:
            items = [i for i in world.survey if world.tool[i] == tool]
            cuts = {i: thresholds(t["items"][i] / 100,
                                  LEVELS[m.nodes[i]["answer_type"].strip()])
                    for i in items}
            people = []
            for _ in range(t["n"][tool]):
                f = rng.gauss(0, 1)
                answers = {}
                for i in items:
                    z = a * f + b * rng.gauss(0, 1)
                    level = 1
                    for c in cuts[i]:
                        if z > c:
                            level += 1
                    answers[i] = level
                people.append(answers)
            by_tool[tool] = people
        out[code] = by_tool
    return out


def observed_scores(world, truth, answers):
    """Item scores as a survey platform publishes them: the mean of the
    answers (2 decimals); OIT checks as they are."""
    m = world.model
    out = {}
    for code, t in truth.items():
        items = dict(t["items"])
        for tool, people in answers[code].items():
            for i in world.survey:
                if world.tool[i] != tool:
                    continue
                levels = LEVELS[m.nodes[i]["answer_type"].strip()]
                mean = sum(100 * (p[i] - 1) / (levels - 1) for p in people) \
                    / len(people)
                items[i] = round2(mean)
        out[code] = items
    return out


def write_inputs(world, folder, path, years):
    """years: [(year, truth, answers, scores)]."""
    os.makedirs(folder)
    m = world.model
    with open(os.path.join(folder, "scores.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["year", "office_code", "item", "score"])
        for year, _, _, scores in years:
            for code in world.codes:
                for i in m.items:
                    w.writerow([year, code, i, f"{scores[code][i]:.2f}"])
    with open(os.path.join(folder, "respondents.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["year", "office_code", "tool", "n"])
        for year, truth, _, _ in years:
            for code in world.codes:
                for tool in world.tools:
                    w.writerow([year, code, tool, truth[code]["n"][tool]])
    if path == "counts":
        with open(os.path.join(folder, "counts.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["year", "office_code", "item", "level", "count"])
            for year, _, answers, _ in years:
                for code in world.codes:
                    for tool, people in answers[code].items():
                        for i in world.survey:
                            if world.tool[i] != tool:
                                continue
                            levels = LEVELS[m.nodes[i]["answer_type"].strip()]
                            counts = [0] * levels
                            for p in people:
                                counts[p[i] - 1] += 1
                            for level, c in enumerate(counts, 1):
                                w.writerow([year, code, i, level, c])
    if path == "respondents":
        with open(os.path.join(folder, "answers.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["year", "office_code", "tool", "respondent", "item",
                        "answer"])
            for year, _, answers, _ in years:
                for code in world.codes:
                    for tool, people in answers[code].items():
                        for r, p in enumerate(people, 1):
                            for i, level in p.items():
                                w.writerow([year, code, tool, f"r{r}", i, level])


def run_program(folder, out, extra=()):
    proc = subprocess.run(
        [ref.ITABENCH, folder, "-o", out, "-q", "-t", str(TARGET),
         "--model", ref.MODEL, "--districts", ref.DISTRICTS,
         "--no-office-books", "--lang", "en", "-j", "1", *extra],
        capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    with open(os.path.join(out, f"results_{YEARS[1]}.csv"),
              encoding="utf-8-sig", newline="") as f:
        results = {r["office_code"]: r for r in csv.DictReader(f)}
    wb = openpyxl.load_workbook(os.path.join(out, f"ita_{YEARS[1]}_city.xlsx"),
                                read_only=True, data_only=True)
    rows = list(wb["Trend"].iter_rows(min_row=4, values_only=True))
    header = list(rows[0])
    trend = {}
    for row in rows[1:]:
        if not row or row[0] is None:
            break
        r = dict(zip(header, row))
        trend[str(r["Code"])] = r
    wb.close()
    return results, trend


def competition_ranks(values):
    ordered = sorted(values.values(), reverse=True)
    first = {}
    for pos, v in enumerate(ordered, 1):
        first.setdefault(v, pos)
    return {c: first[v] for c, v in values.items()}


class Tally:
    def __init__(self):
        self.cover = self.n = 0
        self.width = 0.0
        self.rank_cover = self.rank_width = 0
        self.bins = [[0, 0.0, 0] for _ in BINS]   # offices, sum p, reached
        self.null_cities = self.false_bh = self.false_raw = 0
        self.change_cities = self.found_bh = self.found_raw = 0
        self.real = 0
        self.other_false_bh = self.other_false_raw = 0

    def row(self):
        def pct(a, b):
            return f"{100 * a / b:5.1f}" if b else "    -"
        cal = []
        for (lo, hi), (k, s, hit) in zip(BINS, self.bins):
            cal.append(f"{100 * s / k:3.0f}/{100 * hit / k:3.0f} ({k})" if k
                       else "   -/  - (0)")
        return [pct(self.cover, self.n), f"{self.width / max(self.n, 1):5.2f}",
                pct(self.rank_cover, self.n),
                f"{self.rank_width / max(self.n, 1):5.2f}",
                f"{self.false_bh / max(self.null_cities, 1):5.2f}",
                f"{self.false_raw / max(self.null_cities, 1):5.2f}",
                pct(self.found_bh, self.real), pct(self.found_raw, self.real),
                *cal]


def measure(world, tally, results, trend, truth_now, changed, null):
    true_ita = {c: world.model.score(truth_now[c]["items"])["ITA"]
                for c in world.codes}
    true_rank = competition_ranks({c: round2(float(v))
                                   for c, v in true_ita.items()})
    for code in world.codes:
        r = results[code]
        t = float(true_ita[code])
        low, high = float(r["ita_low"]), float(r["ita_high"])
        tally.n += 1
        tally.cover += low - 1e-9 <= t <= high + 1e-9
        tally.width += high - low
        rl, rh = int(r["rank_low"]), int(r["rank_high"])
        tally.rank_cover += rl <= true_rank[code] <= rh
        tally.rank_width += rh - rl
        p = float(r["p_pass"])
        for b, (lo, hi) in enumerate(BINS):
            if lo <= p < hi:
                tally.bins[b][0] += 1
                tally.bins[b][1] += p
                tally.bins[b][2] += round2(t) >= TARGET
    flagged_bh = {c for c, r in trend.items() if r["Significant change"] == "yes"}
    flagged_raw = {c for c, r in trend.items()
                   if r["95% interval, low"] is not None and
                   (r["95% interval, low"] > 0 or r["95% interval, high"] < 0)}
    if null:
        tally.null_cities += 1
        tally.false_bh += len(flagged_bh)
        tally.false_raw += len(flagged_raw)
    else:
        tally.change_cities += 1
        tally.real += len(changed)
        tally.found_bh += len(flagged_bh & changed)
        tally.found_raw += len(flagged_raw & changed)
        tally.other_false_bh += len(flagged_bh - changed)
        tally.other_false_raw += len(flagged_raw - changed)


def simulate(cities, correlations, seed, keep=None, paths=PATHS, log=None):
    """Runs the simulation; returns {(path, corr): Tally}."""
    world = World()
    rng = random.Random(seed)
    tallies = {(p, c): Tally() for p in paths for c in correlations}
    tmp = keep or tempfile.mkdtemp(prefix="itabench-simulate-")
    try:
        for corr in correlations:
            for city in range(cities):
                null = city % 2 == 0
                before = invent_truth(world, rng)
                now, changed = (before, set()) if null else \
                    shifted(world, before, rng, CHANGED_OFFICES)
                years = []
                for year, truth in zip(YEARS, (before, now)):
                    answers = simulate_answers(world, truth, corr, rng)
                    years.append((year, truth, answers,
                                  observed_scores(world, truth, answers)))
                for path in paths:
                    folder = os.path.join(tmp, f"c{corr}_{city}_{path}")
                    write_inputs(world, folder, path, years)
                    results, trend = run_program(folder, folder + "_out")
                    measure(world, tallies[(path, corr)], results, trend, now,
                            changed, null)
                    if not keep:
                        shutil.rmtree(folder)
                        shutil.rmtree(folder + "_out")
                if log:
                    log(f"correlation {corr}: city {city + 1} of {cities}")
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return tallies


def table(tallies):
    head = ["path", "corr", "cover%", "width", "rank%", "rwidth",
            "false/cy BH", "false/cy raw", "found% BH", "found% raw"] + \
        [f"p {int(100 * lo)}-{min(100, int(100 * hi))}%: given/reached (n)"
         for lo, hi in BINS]
    lines = ["\t".join(head)]
    for (path, corr), t in tallies.items():
        lines.append("\t".join([path, f"{corr:.2f}"] + t.row()))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cities", type=int, default=40,
                    help="city pairs of years per correlation (half without "
                         "change)")
    ap.add_argument("--correlations", default="0,0.35,0.7")
    ap.add_argument("--seed", type=int, default=2564)
    ap.add_argument("--keep", help="keep the inputs and outputs in this folder")
    args = ap.parse_args()
    corrs = [float(c) for c in args.correlations.split(",")]
    tallies = simulate(args.cities, corrs, args.seed, args.keep,
                       log=lambda s: print(s, file=sys.stderr, flush=True))
    print(f"{args.cities} simulated cities of 50 offices per correlation "
          f"(half with {CHANGED_OFFICES} offices changed by "
          f"{CHANGE_POINTS:g} points on every survey item), target {TARGET:g}, "
          f"seed {args.seed}")
    print(table(tallies))


if __name__ == "__main__":
    main()
