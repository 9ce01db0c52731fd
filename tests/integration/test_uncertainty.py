"""How sure the scores are: the results CSV's ita_se, ita_low, ita_high,
p_pass, rank_low and rank_high against an independent Python computation
from the sample's answer counts and respondent counts (the uncertainty
method: item SE from counts, else binomial from the tool's respondents,
OIT 0; SE(ITA) = sum of item weight x item SE; 95 % interval clipped to
0-100; P(ITA >= target - 0.005)).  Shares no code with the C program: the
model and inputs are read with the csv module, the item weights come from
ita_reference, the normal quantile from Python's statistics module, the rank
intervals from a separate seeded simulation with Python's random module.
"""
import csv
import math
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import unittest

import ita_reference as ref

INPUTS = os.path.join(ref.REPO, "inputs")
YEAR = 2564
TARGET = 85.0
Z = statistics.NormalDist().inv_cdf(0.975)
LEVELS = {"scale4": 4, "yesno": 2}
# Offices the sample keeps without answer counts (inputs/README.md).
WITHOUT_COUNTS = {"1016", "1032", "1048"}
# The independent simulation: replicates and seed (its own, not the C one).
PY_REPLICATES = 4000
PY_SEED = 12
TOLERANCE = 0.01


def run(inputs, out, *extra):
    proc = subprocess.run([ref.ITABENCH, *inputs, "-o", out, "-q",
                           "--no-office-books", "--no-city-book", *extra],
                          capture_output=True, text=True)
    return proc


def read_results(out):
    path = os.path.join(out, f"results_{YEAR}.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {r["office_code"]: r for r in csv.DictReader(f)}


def load_counts(folder, lookup):
    """{year: {code: {item: {level: count}}}} from answer-count files."""
    out = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not name.endswith(".csv") or not os.path.isfile(path):
            continue
        rows = ref.read_csv(path)
        if not rows or "level" not in rows[0] or "count" not in rows[0]:
            continue
        for r in rows:
            code = ref.resolve(lookup, r["office_code"])
            item = out.setdefault(ref.year_be(r["year"]), {}).setdefault(
                code, {}).setdefault(r["item"].strip(), {})
            item[int(r["level"])] = int(r["count"])
    return out


def load_respondents(folder, lookup):
    """{year: {code: {tool: n}}}."""
    out = {}
    for r in ref.read_csv(os.path.join(folder, "synthetic_respondents.csv")):
        code = ref.resolve(lookup, r["office_code"])
        out.setdefault(ref.year_be(r["year"]), {}).setdefault(code, {})[
            r["tool"].strip()] = int(r["n"])
    return out


def tool_of(model, node):
    while model.nodes[node]["parent"].strip():
        node = model.nodes[node]["parent"].strip()
    return node


def item_se(model, item, score, counts, respondents):
    """(SE, basis) of one item of one office."""
    kind = model.nodes[item]["answer_type"].strip()
    if kind not in LEVELS:
        return 0.0, "exact"
    levels = LEVELS[kind]
    given = counts.get(item)
    if given and sum(given.values()) >= 2:
        n = sum(given.values())
        value = {l: 100 * (l - 1) / (levels - 1) for l in range(1, levels + 1)}
        mean = sum(c * value[l] for l, c in given.items()) / n
        var = sum(c * (value[l] - mean) ** 2 for l, c in given.items()) / (n - 1)
        return math.sqrt(var / n), "counts"
    n = respondents.get(tool_of(model, item))
    if n:
        mu = float(score)
        return math.sqrt(mu * (100 - mu) / (levels - 1) / n), "approximate"
    return None, "unknown"


def expected_office(model, items, counts, respondents):
    """ITA, SE, low, high, p_pass of one office (None where unknown)."""
    ita = float(model.score(items)["ITA"])
    se = 0.0
    for item in model.items:
        s, _ = item_se(model, item, items[item], counts, respondents)
        if s is None:
            return ita, None, None, None, None
        se += float(model.item_weight(item)) * s
    low = max(0.0, ita - Z * se)
    high = min(100.0, ita + Z * se)
    if se == 0:
        p = 1.0 if ref.round2(ita) >= TARGET else 0.0
    else:
        p = 1 - statistics.NormalDist().cdf((TARGET - 0.005 - ita) / se)
    return ita, se, low, high, p


def round2(x):
    r = math.floor(abs(x) * 100 + 0.5) / 100
    return -r if x < 0 else r


def simulate_rank_intervals(itas, ses, replicates, seed):
    """code -> (low, high): ceil(0.025 R)-th and ceil(0.975 R)-th smallest
    of the office's competition ranks over seeded replicates."""
    rng = random.Random(seed)
    codes = sorted(itas)
    ranks = {c: [] for c in codes}
    for _ in range(replicates):
        draw = {c: round2(itas[c] + (rng.gauss(0, ses[c]) if ses[c] else 0))
                for c in codes}
        ordered = sorted(draw.values(), reverse=True)
        first = {}
        for position, v in enumerate(ordered, 1):
            first.setdefault(v, position)
        for c in codes:
            ranks[c].append(first[draw[c]])
    low_k = math.ceil(0.025 * replicates)
    high_k = math.ceil(0.975 * replicates)
    out = {}
    for c in codes:
        r = sorted(ranks[c])
        out[c] = (r[low_k - 1], r[high_k - 1])
    return out


class Uncertainty(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="itabench-sure-")
        cls.model = ref.Model()
        cls.by_code, cls.lookup = ref.districts()
        cls.items = ref.load_item_scores(INPUTS, cls.model, cls.lookup)
        cls.counts = load_counts(INPUTS, cls.lookup)
        cls.respondents = load_respondents(INPUTS, cls.lookup)
        # the sample as shipped, and the same without its answer counts
        cls.no_counts = os.path.join(cls.tmp.name, "no_counts")
        os.makedirs(cls.no_counts)
        for name in os.listdir(INPUTS):
            if name.startswith("synthetic_") and "counts" not in name:
                shutil.copy(os.path.join(INPUTS, name), cls.no_counts)
        cls.out = os.path.join(cls.tmp.name, "with")
        cls.out_resp = os.path.join(cls.tmp.name, "without")
        for inputs, out in (([INPUTS], cls.out), ([cls.no_counts], cls.out_resp)):
            proc = run(inputs, out)
            if proc.returncode != 0:
                raise RuntimeError(proc.stderr)
        cls.rows = read_results(cls.out)
        cls.rows_resp = read_results(cls.out_resp)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def expected(self, with_counts):
        counts = self.counts.get(YEAR, {}) if with_counts else {}
        return {code: expected_office(self.model, items, counts.get(code, {}),
                                      self.respondents[YEAR].get(code, {}))
                for code, items in self.items[YEAR].items()}

    def compare(self, rows, expected):
        self.assertEqual(set(rows), set(expected))
        for code, (ita, se, low, high, p) in expected.items():
            row = rows[code]
            with self.subTest(office=code):
                self.assertIsNotNone(se)
                self.assertAlmostEqual(float(row["ita_se"]), se, delta=TOLERANCE)
                self.assertAlmostEqual(float(row["ita_low"]), low, delta=TOLERANCE)
                self.assertAlmostEqual(float(row["ita_high"]), high, delta=TOLERANCE)
                self.assertAlmostEqual(float(row["p_pass"]), p, delta=TOLERANCE)
                self.assertEqual(len(row["p_pass"].split(".")[1]), 4)

    def test_sample_counts_give_the_item_scores(self):
        # each survey item's score is the mean of its counts, rounded
        checked = 0
        for year, offices in self.counts.items():
            self.assertEqual(set(self.items[year]) - set(offices),
                             WITHOUT_COUNTS)
            for code, items in offices.items():
                for item, given in items.items():
                    levels = LEVELS[self.model.nodes[item]["answer_type"]]
                    n = sum(given.values())
                    mean = ref.fractions.Fraction(
                        sum(c * 100 * (l - 1) for l, c in given.items()),
                        n * (levels - 1))
                    self.assertEqual(ref.round2(mean),
                                     float(self.items[year][code][item]),
                                     (year, code, item))
                    self.assertGreaterEqual(n, 60)
                    checked += 1
        self.assertGreater(checked, 4000)

    def test_intervals_from_counts(self):
        expected = self.expected(with_counts=True)
        self.compare(self.rows, expected)
        # the offices without counts fall back on their respondents
        approx = self.expected(with_counts=False)
        for code in WITHOUT_COUNTS:
            self.assertAlmostEqual(float(self.rows[code]["ita_se"]),
                                   approx[code][1], delta=TOLERANCE)

    def test_intervals_from_respondents_only(self):
        self.compare(self.rows_resp, self.expected(with_counts=False))

    def test_counts_are_used(self):
        # The sample's answers are binomial draws, so the approximation from
        # respondents is close to the counts' SE; still, a program that
        # ignored the counts would give the respondents' SE everywhere.
        differ = sum(1 for c in self.rows
                     if abs(float(self.rows[c]["ita_se"]) -
                            float(self.rows_resp[c]["ita_se"])) > 0.005)
        self.assertGreaterEqual(differ, 5)
        for code in WITHOUT_COUNTS:
            self.assertEqual(self.rows[code]["ita_se"],
                             self.rows_resp[code]["ita_se"])

    def test_rank_intervals_agree_with_an_independent_simulation(self):
        expected = self.expected(with_counts=True)
        itas = {c: e[0] for c, e in expected.items()}
        ses = {c: e[1] for c, e in expected.items()}
        sim = simulate_rank_intervals(itas, ses, PY_REPLICATES, PY_SEED)
        for code, (low, high) in sim.items():
            with self.subTest(office=code):
                row = self.rows[code]
                self.assertLessEqual(abs(int(row["rank_low"]) - low), 1)
                self.assertLessEqual(abs(int(row["rank_high"]) - high), 1)
                self.assertLessEqual(int(row["rank_low"]), int(row["rank"]))
                self.assertGreaterEqual(int(row["rank_high"]), int(row["rank"]))

    def test_same_seed_same_bytes_other_seed_other_ranks(self):
        outs = []
        for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
            out = os.path.join(self.tmp.name, "seed_" + name)
            proc = run([INPUTS], out, "--seed", seed, "--replicates", "200")
            self.assertEqual(proc.returncode, 0, proc.stderr)
            with open(os.path.join(out, f"results_{YEAR}.csv"), "rb") as f:
                outs.append(f.read())
        self.assertEqual(outs[0], outs[1])
        self.assertNotEqual(outs[0], outs[2])

    def test_bad_simulation_options_are_usage_errors(self):
        for args in (["--replicates", "0"], ["--replicates", "x"],
                     ["--seed", "-1"], ["--replicates", "1000001"]):
            with self.subTest(args=args):
                proc = run([INPUTS], os.path.join(self.tmp.name, "bad"), *args)
                self.assertEqual(proc.returncode, 2)
                self.assertIn(args[0], proc.stderr)
                self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "bad")))

    def test_unknown_without_counts_or_respondents(self):
        scores_only = os.path.join(self.tmp.name, "scores_only")
        os.makedirs(scores_only)
        shutil.copy(os.path.join(INPUTS, "synthetic_scores_2564_long.csv"),
                    scores_only)
        out = os.path.join(self.tmp.name, "unknown")
        proc = run([scores_only], out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        for code, row in read_results(out).items():
            for column in ("ita_se", "ita_low", "ita_high", "p_pass",
                           "rank_low", "rank_high"):
                self.assertEqual(row[column], "", (code, column))
            self.assertNotEqual(row["ita"], "")


if __name__ == "__main__":
    unittest.main()
