"""How sure the scores are: the results CSV's ita_se, ita_low, ita_high,
p_pass, rank_low and rank_high against an independent Python computation
from the sample's answer counts and respondent counts (method 2 of
the uncertainty spec: item SE from counts, never 0, else the bound from the
tool's respondents, OIT 0; a tool's SE from its items with rho = 0.5; the
ITA's the root-sum-square over tools; 95 % interval clipped to 0-100;
P(ITA rounded >= T2)).  Shares no code with the C program: the
model and inputs are read with the csv module, the item weights come from
ita_reference, the normal quantile from Python's statistics module, the rank
intervals from a separate seeded simulation with Python's random module.
The workbooks (read back with openpyxl and from the chart XML) are checked
against the same computation: Ranking, the caterpillar chart's data, Trend
(changes and their significance, movers), the Summary sentence, the Method
section, an office's Profile line and its action plan's notes.
"""
import csv
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import tempfile
import unittest
import zipfile

import openpyxl

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
    """(SE, basis) of one item of one office (method 2)."""
    kind = model.nodes[item]["answer_type"].strip()
    if kind not in LEVELS:
        return 0.0, "exact"
    levels = LEVELS[kind]
    given = {l: c for l, c in (counts.get(item) or {}).items() if c}
    if given:
        n = sum(given.values())
        if len(given) == 1:
            # unanimous: half an answer at each end for the spread
            given = dict(given)
            given[1] = given.get(1, 0) + 0.5
            given[levels] = given.get(levels, 0) + 0.5
        m = sum(given.values())
        value = {l: 100 * (l - 1) / (levels - 1) for l in range(1, levels + 1)}
        mean = sum(c * value[l] for l, c in given.items()) / m
        var = sum(c * (value[l] - mean) ** 2 for l, c in given.items()) / (m - 1)
        return math.sqrt(var / n), "counts"
    n = respondents.get(tool_of(model, item))
    if n:
        edge = 50 / (n + 1)
        mu = min(max(float(score), edge), 100 - edge)
        return math.sqrt(mu * (100 - mu) / n), "bound"
    return None, "unknown"


RHO = 0.5


def load_answers(folder, lookup, model):
    """{year: {code: {tool: {respondent: {item: value 0..100}}}}} from the
    respondent-level answers (long and wide tables, one file)."""
    out = {}
    for name in ("synthetic_answers_long.csv", "synthetic_answers_wide.csv"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            load_answer_file(path, lookup, model, out)
    return out


def load_answer_file(path, lookup, model, out):
    with open(path, encoding="utf-8-sig", newline="") as f:
        header = None
        for row in csv.reader(f):
            if not row or not any(c.strip() for c in row):
                continue
            if row[0].strip() == "year":
                header = [c.strip() for c in row]
                continue
            r = dict(zip(header, row))
            code = ref.resolve(lookup, r["office_code"])
            people = out.setdefault(ref.year_be(r["year"]), {}).setdefault(
                code, {}).setdefault(r["tool"], {})
            answers = people.setdefault(r["respondent"], {})
            pairs = ([(r["item"], r["answer"])] if "answer" in r else
                     [(k, v) for k, v in r.items() if k in model.items])
            for item, level in pairs:
                if level.strip():
                    levels = LEVELS[model.nodes[item]["answer_type"].strip()]
                    answers[item] = 100 * (int(level) - 1) / (levels - 1)


def linearised_tool_se(model, tool, people):
    """Exact linearisation over a tool's items, w the item's share:
    u_r = sum_j w_j (n / n_j) a_rj (y_rj - ybar_j), SE^2 = sum u^2 /
    (n (n - 1))."""
    items = [i for i in model.items if tool_of(model, i) == tool
             and model.nodes[i]["answer_type"].strip() in LEVELS]
    weight = sum(float(model.item_weight(i)) for i in items)
    n = len(people)
    means, counts = {}, {}
    for i in items:
        values = [p[i] for p in people.values() if i in p]
        counts[i] = len(values)
        means[i] = sum(values) / len(values)
    total = 0.0
    for p in people.values():
        u = sum(float(model.item_weight(i)) / weight * n / counts[i] *
                (p[i] - means[i]) for i in items if i in p)
        total += u * u
    return math.sqrt(total / (n * (n - 1)))


def expected_office(model, items, counts, respondents, target=TARGET,
                    rho=RHO, answers=None):
    """ITA, SE, low, high, p_pass of one office (None where unknown):
    SE_T^2 = rho (sum w SE)^2 + (1 - rho) sum w^2 SE^2 within a tool, w
    the item's share of the tool, or the linearised SE from respondent-level
    answers; SE(ITA)^2 = sum (W_T SE_T)^2."""
    ita = float(model.score(items)["ITA"])
    by_tool = {}
    # p_pass from the published 2-decimal ITA, as the workbook's formula
    for item in model.items:
        s, _ = item_se(model, item, items[item], counts, respondents)
        if s is None:
            return ita, None, None, None, None
        by_tool.setdefault(tool_of(model, item), []).append(
            (float(model.item_weight(item)), s))
    variance = 0.0
    for tool, parts in by_tool.items():
        weight = sum(w for w, _ in parts)
        if answers and tool in answers:
            variance += (weight * linearised_tool_se(model, tool,
                                                     answers[tool])) ** 2
            continue
        linear = sum(w / weight * s for w, s in parts)
        squares = sum((w / weight * s) ** 2 for w, s in parts)
        variance += weight ** 2 * (rho * linear ** 2 + (1 - rho) * squares)
    se = math.sqrt(variance)
    low = max(0.0, ita - Z * se)
    high = min(100.0, ita + Z * se)
    return ita, se, low, high, p_pass(ref.round2(ita), se, target)


def p_pass(ita, se, target):
    """P(ITA rounded to 2 decimals >= T2), T2 = ceil(100 target) / 100."""
    t2 = math.ceil(round(100 * target, 6)) / 100
    if se == 0:
        return 1.0 if ref.round2(ita) >= t2 else 0.0
    # Phi(z) = erfc(-z / sqrt 2) / 2, exact in the far tails too
    z = (ita - (t2 - 0.005)) / se
    return 0.5 * math.erfc(-z / math.sqrt(2))


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
        draw = {c: round2(min(100.0, max(0.0, itas[c] + (
                    rng.gauss(0, ses[c]) if ses[c] else 0))))
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
        cls.answers = load_answers(INPUTS, cls.lookup, cls.model)
        # the sample as shipped, and the same without its answer counts
        cls.no_counts = os.path.join(cls.tmp.name, "no_counts")
        os.makedirs(cls.no_counts)
        for name in os.listdir(INPUTS):
            if (name.startswith("synthetic_") and "counts" not in name
                    and "answers" not in name):
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
        answers = self.answers.get(YEAR, {}) if with_counts else {}
        return {code: expected_office(self.model, items, counts.get(code, {}),
                                      self.respondents[YEAR].get(code, {}),
                                      answers=answers.get(code))
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
        # GSL maps seed 0 to its default 4357: the runs must still differ
        zero = []
        for seed in ("0", "4357"):
            out = os.path.join(self.tmp.name, "seed_z" + seed)
            proc = run([INPUTS], out, "--seed", seed, "--replicates", "200")
            self.assertEqual(proc.returncode, 0, proc.stderr)
            with open(os.path.join(out, f"results_{YEAR}.csv"), "rb") as f:
                zero.append(f.read())
        self.assertNotEqual(zero[0], zero[1])

    @unittest.skipIf("asan" in os.environ.get("BUILD", "") or
                     os.environ.get("ITABENCH_WRAP"),
                     "a sanitizer or wrapper reserves more address space "
                     "than the ulimit -v this test sets")
    def test_memory_is_bounded_whatever_the_replicates(self):
        # a million replicates of 50 offices: storing every rank would take
        # 200 MB; the tally keeps 50 x 50 counters, so 120 MB of address
        # space suffice (ulimit -v)
        out = os.path.join(self.tmp.name, "million")
        proc = subprocess.run(
            ["bash", "-c", 'ulimit -v 120000; exec "$@"', "bash",
             ref.ITABENCH, INPUTS, "-o", out, "-q", "--no-office-books",
             "--no-city-book", "--replicates", "1000000"],
            capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        rows = read_results(out)
        for code in ("1012", "1016"):
            self.assertLessEqual(abs(int(rows[code]["rank_low"]) -
                                     int(self.rows[code]["rank_low"])), 1)

    def test_bad_simulation_options_are_usage_errors(self):
        for args in (["--replicates", "0"], ["--replicates", "x"],
                     ["--seed", "-1"], ["--replicates", "1000001"],
                     ["--item-correlation", "1.5"],
                     ["--item-correlation", "-0.1"],
                     ["--item-correlation", "x"]):
            with self.subTest(args=args):
                proc = run([INPUTS], os.path.join(self.tmp.name, "bad"), *args)
                self.assertEqual(proc.returncode, 2)
                self.assertIn(args[0], proc.stderr)
                self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "bad")))

    def test_respondent_level_answers(self):
        # two offices of the sample answer person by person: their SE is
        # the exact linearisation, computed above from the answers file
        self.assertEqual(sorted(self.answers[YEAR]), ["1001", "1002"])
        for code in ("1001", "1002"):
            self.assertEqual(self.rows[code]["se_method"], "respondents")
        # no respondent id reaches any output
        out = os.path.join(self.tmp.name, "books")
        proc = subprocess.run([ref.ITABENCH, INPUTS, "-o", out, "-q",
                               "--office", "1001,1002"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        ids = re.compile(rb"(IIT|EIT)-[0-9]+")
        for root, _, files in os.walk(out):
            for name in files:
                path = os.path.join(root, name)
                blobs = [open(path, "rb").read()]
                if name.endswith(".xlsx"):
                    with zipfile.ZipFile(path) as z:
                        blobs = [z.read(n) for n in z.namelist()]
                for blob in blobs:
                    self.assertIsNone(ids.search(blob), path)

    def test_answers_that_disagree_are_errors(self):
        # one answer of 1001 moved from level 4 to 1: its item score and
        # counts no longer agree; the error names the office and the item
        folder = os.path.join(self.tmp.name, "disagree")
        shutil.copytree(INPUTS, folder)
        path = os.path.join(folder, "synthetic_answers_long.csv")
        with open(path, encoding="utf-8", newline="") as f:
            lines = f.read().split("\r\n")
        at = next(i for i, l in enumerate(lines)
                  if l.startswith("2564,1001,IIT,") and l.endswith(",4"))
        item = lines[at].split(",")[4]
        lines[at] = lines[at][:-1] + "1"
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("\r\n".join(lines))
        proc = run([folder], os.path.join(self.tmp.name, "disagree_out"))
        self.assertEqual(proc.returncode, 1)
        self.assertIn(f"synthetic_answers_long.csv:{at + 1}: error: office 1001 "
                      f"(Phra Nakhon) 2564: the respondents' answers to "
                      f"{item} give", proc.stderr)
        self.assertIn(f"respondents answered {item} at level 1", proc.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp.name,
                                                     "disagree_out")))

    def test_answers_alone_give_scores_and_counts(self):
        # 1001's answers without its item scores, counts or respondents:
        # the same results for it as with them
        folder = os.path.join(self.tmp.name, "answers_only")
        os.makedirs(folder)
        for name in os.listdir(INPUTS):
            if not name.startswith("synthetic_") or "published" in name:
                continue
            with open(os.path.join(INPUTS, name), encoding="utf-8",
                      newline="") as f:
                lines = f.read().split("\r\n")
            if "answers" not in name:
                # 1001's OIT checks stay: an assessor's, not respondents'
                lines = [l for l in lines if ",1001," not in l or
                         ("scores_2564" in name and ",Phra Nakhon,O" in l)]
            with open(os.path.join(folder, name), "w", encoding="utf-8",
                      newline="") as f:
                f.write("\r\n".join(lines))
        out = os.path.join(self.tmp.name, "answers_only_out")
        proc = run([folder], out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        row = read_results(out)["1001"]
        for column in ("ita", "iit", "eit", "ita_se", "n_iit", "n_eit",
                       "se_method"):
            self.assertEqual(row[column], self.rows["1001"][column], column)

    def test_population_and_sd_columns(self):
        # 1003 in 2564: IIT sd 20 of N = 4 n (factor sqrt(3/4)), EIT with
        # N = 2 n only (its items' SEs times sqrt(1/2)); ITA SE =
        # sqrt((W_IIT SE_IIT)^2 + (W_EIT SE_EIT)^2)
        folder = os.path.join(self.tmp.name, "population")
        shutil.copytree(INPUTS, folder)
        for name in ("synthetic_answers_long.csv", "synthetic_answers_wide.csv"):
            os.remove(os.path.join(folder, name))
        path = os.path.join(folder, "synthetic_respondents.csv")
        rows = ref.read_csv(path)
        n = {r["tool"]: int(r["n"]) for r in rows
             if r["year"] == "2564" and r["office_code"] == "1003"}
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["year", "office_code", "tool", "n", "population", "sd"])
            for r in rows:
                mine = r["year"] == "2564" and r["office_code"] == "1003"
                w.writerow([r["year"], r["office_code"], r["tool"], r["n"],
                            (4 if r["tool"] == "IIT" else 2) * int(r["n"])
                            if mine else "",
                            "20" if mine and r["tool"] == "IIT" else ""])
        out = os.path.join(self.tmp.name, "population_out")
        proc = run([folder], out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        row = read_results(out)["1003"]
        # the weakest path of the two tools names the ITA's: EIT's counts
        self.assertEqual(row["se_method"], "counts")
        model = self.model
        weight = {t: sum(float(model.item_weight(i)) for i in model.items
                         if tool_of(model, i) == t) for t in ("IIT", "EIT")}
        se_iit = math.sqrt(0.75) * 20 / math.sqrt(n["IIT"])
        items = self.items[YEAR]["1003"]
        counts = self.counts[YEAR]["1003"]
        parts = [(float(model.item_weight(i)) / weight["EIT"],
                  item_se(model, i, items[i], counts, n)[0] * math.sqrt(0.5))
                 for i in model.items if tool_of(model, i) == "EIT"]
        linear = sum(w * e for w, e in parts)
        squares = sum((w * e) ** 2 for w, e in parts)
        se_eit = math.sqrt(RHO * linear ** 2 + (1 - RHO) * squares)
        expected = math.sqrt((weight["IIT"] * se_iit) ** 2 +
                             (weight["EIT"] * se_eit) ** 2)
        self.assertAlmostEqual(float(row["ita_se"]), expected, delta=0.006)
        self.assertNotEqual(row["ita_se"], self.rows["1003"]["ita_se"])
        # a population smaller than its respondents is an error
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(f"2564,1003,EIT,{n['EIT']},{2 * n['EIT']},",
                                 f"2564,1003,EIT,{n['EIT']},{n['EIT'] - 1},"))
        proc = run([folder], os.path.join(self.tmp.name, "population_bad"))
        self.assertEqual(proc.returncode, 1)
        self.assertIn(f"office 1003 (Nong Chok) 2564: EIT has {n['EIT']} "
                      f"respondents but a population of {n['EIT'] - 1}",
                      proc.stderr)

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


def sheet_rows(ws, header_row, first_col_value=None):
    """The header names of a table and its rows below as dicts, until the
    first empty row."""
    header = [c.value for c in ws[header_row]]
    rows = []
    for r in range(header_row + 1, ws.max_row + 1):
        values = [c.value for c in ws[r]]
        if values[0] is None:
            break
        rows.append(dict(zip(header, values)))
    return rows


def find_row(ws, first_value, start=1):
    for r in range(start, ws.max_row + 1):
        if ws.cell(r, 1).value == first_value:
            return r
    raise AssertionError(f"no row starting with {first_value!r}")


def chance_text(p):
    if 0 < p < 0.005:
        return "<1%"
    if 0.995 < p < 1:
        return ">99%"
    return f"{100 * p:.0f}%"


class Workbooks(unittest.TestCase):
    """The city and office workbooks in English and Thai."""
    OFFICES = ("1012", "1016")   # counts; respondents only

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="itabench-sure-books-")
        cls.model = ref.Model()
        cls.by_code, cls.lookup = ref.districts()
        cls.items = ref.load_item_scores(INPUTS, cls.model, cls.lookup)
        cls.counts = load_counts(INPUTS, cls.lookup)
        cls.respondents = load_respondents(INPUTS, cls.lookup)
        cls.answers = load_answers(INPUTS, cls.lookup, cls.model)
        cls.expected = {}
        for year in (YEAR - 1, YEAR):
            cls.expected[year] = {
                code: expected_office(cls.model, items,
                                      cls.counts[year].get(code, {}),
                                      cls.respondents[year].get(code, {}),
                                      answers=cls.answers.get(year, {}).get(code))
                for code, items in cls.items[year].items()}
        cls.out = {}
        for lang in ("en", "th"):
            out = os.path.join(cls.tmp.name, lang)
            proc = subprocess.run(
                [ref.ITABENCH, INPUTS, "-o", out, "-q", "--lang", lang,
                 "--office", ",".join(cls.OFFICES)],
                capture_output=True, text=True)
            if proc.returncode != 0:
                raise RuntimeError(proc.stderr)
            cls.out[lang] = out
        cls.results = read_results(cls.out["en"])
        cls.city = openpyxl.load_workbook(
            os.path.join(cls.out["en"], f"ita_{YEAR}_city.xlsx"))
        cls.city_th = openpyxl.load_workbook(
            os.path.join(cls.out["th"], f"ita_{YEAR}_city.xlsx"))
        # the values cached at the run's target (chances and sentences
        # that follow Target are formulas)
        cls.city_values = openpyxl.load_workbook(
            os.path.join(cls.out["en"], f"ita_{YEAR}_city.xlsx"), data_only=True)
        cls.city_th_values = openpyxl.load_workbook(
            os.path.join(cls.out["th"], f"ita_{YEAR}_city.xlsx"), data_only=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def name_to_code(self):
        return {r["name_en"]: c for c, r in self.by_code.items()}

    def test_ranking_intervals(self):
        rows = sheet_rows(self.city_values["Ranking"], 4)
        self.assertEqual(len(rows), 50)
        for row in rows:
            code = row["Code"]
            ita, se, low, high, p = self.expected[YEAR][code]
            with self.subTest(office=code):
                self.assertAlmostEqual(row["95% interval, low"], low, delta=TOLERANCE)
                self.assertAlmostEqual(row["95% interval, high"], high, delta=TOLERANCE)
                self.assertAlmostEqual(row["Chance of reaching the target"], p,
                                       delta=TOLERANCE)
                self.assertEqual(row["Rank at best"],
                                 int(self.results[code]["rank_low"]))
                self.assertEqual(row["Rank at worst"],
                                 int(self.results[code]["rank_high"]))
                self.assertEqual(row["Interval from"],
                                 "approximate, from respondents"
                                 if code in WITHOUT_COUNTS else
                                 "respondent-level answers"
                                 if code in ("1001", "1002") else "answer counts")
                self.assertEqual(self.results[code]["se_method"],
                                 "bound" if code in WITHOUT_COUNTS else
                                 "respondents" if code in ("1001", "1002")
                                 else "counts")

    def chart_xml(self, book):
        with zipfile.ZipFile(os.path.join(self.out["en"], book)) as z:
            return [z.read(n).decode() for n in z.namelist()
                    if n.startswith("xl/charts/chart")]

    def test_caterpillar_chart_and_its_data(self):
        charts = [x for x in self.chart_xml(f"ita_{YEAR}_city.xlsx")
                  if "<c:scatterChart>" in x and "95% interval" in x]
        self.assertEqual(len(charts), 1)
        xml = charts[0]
        # gaps at empty cells and hidden data plotted: libxlsxwriter leaves
        # out both elements then (Excel's defaults), and writes them
        # otherwise
        self.assertNotIn("<c:dispBlanksAs", xml)
        self.assertNotIn("<c:plotVisOnly", xml)
        refs = re.findall(r"<c:f>([^<]*)</c:f>", xml)
        # name, x and y of three series: segments, ITA, target
        ranges = [r for r in refs if ":" in r]
        self.assertEqual(len(ranges), 6, refs)
        ws = self.city["Ranking"]

        def cells(a1):
            sheet, area = a1.split("!")
            self.assertEqual(sheet.strip("'"), "Ranking")
            return [[c.value for c in row] for row in ws[area.replace("$", "")]]

        seg_x, seg_y = cells(ranges[0]), cells(ranges[1])
        rows = sheet_rows(ws, 4)
        for i, row in enumerate(rows):
            with self.subTest(position=i + 1):
                self.assertEqual(seg_x[3 * i][0], i + 1)
                self.assertEqual(seg_x[3 * i + 1][0], i + 1)
                self.assertAlmostEqual(seg_y[3 * i][0], row["95% interval, low"],
                                       delta=0.005)
                self.assertAlmostEqual(seg_y[3 * i + 1][0],
                                       row["95% interval, high"], delta=0.005)
                if 3 * i + 2 < len(seg_y):
                    self.assertIsNone(seg_y[3 * i + 2][0])
        # the ITA points are the table's ITA column; the target follows Target
        ita_col = openpyxl.utils.get_column_letter(
            1 + [c.value for c in ws[4]].index("ITA"))
        self.assertEqual(ranges[3], f"Ranking!${ita_col}$5:${ita_col}$54")
        self.assertEqual([v[0] for v in cells(ranges[5])], ["=Target", "=Target"])
        hidden = [d for d in ws.column_dimensions.values() if d.hidden]
        self.assertTrue(hidden)
        first_hidden = openpyxl.utils.column_index_from_string(
            re.match(r"\$?([A-Z]+)", ranges[0].split("!")[1]).group(1))
        self.assertTrue(any(d.min <= first_hidden <= d.max for d in hidden))

    def test_trend_changes_and_significance(self):
        ws = self.city["Trend"]
        rows = sheet_rows(ws, 4)
        # p of every office's ITA change, then Benjamini-Hochberg over them
        deltas, ses, ps = {}, {}, {}
        for code in self.expected[YEAR]:
            before, now = self.expected[YEAR - 1][code], self.expected[YEAR][code]
            deltas[code] = ref.round2(now[0]) - ref.round2(before[0])
            ses[code] = math.sqrt(now[1] ** 2 + before[1] ** 2)
            ps[code] = math.erfc(abs(deltas[code]) / ses[code] / math.sqrt(2))
        order = sorted(ps, key=ps.get)
        m, q, running = len(order), {}, 1.0
        for k in range(m, 0, -1):
            running = min(running, ps[order[k - 1]] * m / k)
            q[order[k - 1]] = running
        checked = flagged = 0
        for row in rows:
            code = row["Code"]
            delta, se = deltas[code], ses[code]
            with self.subTest(office=code):
                self.assertAlmostEqual(row["95% interval, low"], delta - Z * se,
                                       delta=TOLERANCE)
                self.assertAlmostEqual(row["95% interval, high"], delta + Z * se,
                                       delta=TOLERANCE)
                if abs(q[code] - 0.05) > 0.001:
                    self.assertEqual(row["Significant change"],
                                     "yes" if q[code] < 0.05 else "no")
                    checked += 1
                    flagged += q[code] < 0.05
        self.assertGreater(checked, 45)
        # the movers (a sheet of their own) list the q-values, and the
        # note says what they are
        ws = self.city["Movers"]
        head = find_row(ws, "Measure")
        movers = [r for r in sheet_rows(ws, head) if r["Measure"] == "ITA"]
        names = self.name_to_code()
        for r in movers:
            self.assertAlmostEqual(r["q-value"], q[names[r["Office"]]],
                                   delta=1e-6)
            self.assertEqual(r["Significant"],
                             "yes" if q[names[r["Office"]]] < 0.05 else "no")
        text = " ".join(str(c.value) for row in ws.iter_rows() for c in row
                        if isinstance(c.value, str))
        self.assertIn("significant after allowing for testing 50 offices at "
                      "once", text)
        self.assertNotIn("1 in 20", text)
        thai = " ".join(str(c.value) for row in self.city_th[
            self.city_th.sheetnames[[n for n in self.city.sheetnames].index(
                "Movers")]].iter_rows() for c in row if isinstance(c.value, str))
        self.assertIn("มีนัยสำคัญหลังคำนึงถึงการทดสอบสำนักงานเขต 50 แห่งพร้อมกัน", thai)

    def test_trend_movers_by_ita(self):
        ws = self.city["Movers"]
        head = find_row(ws, "Measure")
        movers = [r for r in sheet_rows(ws, head) if r["Measure"] == "ITA"]
        deltas = {c: ref.round2(self.expected[YEAR][c][0]) -
                  ref.round2(self.expected[YEAR - 1][c][0])
                  for c in self.expected[YEAR]}
        ups = sorted((c for c in deltas if deltas[c] > 0),
                     key=lambda c: (-deltas[c], c))[:3]
        downs = sorted((c for c in deltas if deltas[c] < 0),
                       key=lambda c: (deltas[c], c))[:3]
        names = self.name_to_code()
        self.assertEqual([names[r["Office"]] for r in movers
                          if r["Direction"] == "up"], ups)
        self.assertEqual([names[r["Office"]] for r in movers
                          if r["Direction"] == "down"], downs)
        for r in movers:
            self.assertAlmostEqual(r["Change"], deltas[names[r["Office"]]],
                                   delta=0.005)

    def summary_text(self, wb):
        return " ".join(str(c.value) for row in wb[wb.sheetnames[0]].iter_rows()
                        for c in row if isinstance(c.value, str))

    def test_summary_sentence(self):
        rows = self.results.values()
        wide = sum(1 for r in rows
                   if int(r["rank_high"]) - int(r["rank_low"]) > 10)
        exp = self.expected[YEAR]
        in_reach = sum(1 for c, e in exp.items()
                       if ref.round2(e[0]) < TARGET and e[4] >= 0.025)
        at_risk = sum(1 for c, e in exp.items()
                      if ref.round2(e[0]) >= TARGET and e[4] <= 0.975)
        text = self.summary_text(self.city_values)
        self.assertIn(f"the 95% rank intervals of {wide} of 50 offices span "
                      f"more than 10 places", text)
        self.assertIn(f"{in_reach} offices below the target could reach it, "
                      f"and {at_risk} passing offices could miss it", text)
        self.assertIn("The intervals of 3 offices are approximate", text)
        thai = self.summary_text(self.city_th_values)
        self.assertIn(f"ช่วงอันดับ 95% ของสำนักงานเขต {wide} จาก 50 แห่ง", thai)
        self.assertNotIn("How sure", thai)

    def test_method_states_the_assumptions(self):
        def text(wb):
            ws = wb["Method" if "Method" in wb.sheetnames else "วิธีการ"]
            return " ".join(str(c.value) for row in ws.iter_rows() for c in row
                            if isinstance(c.value, str))
        en, th = text(self.city), text(self.city_th)
        for words in ("ρ = 0.50 (the default: in simulation",
                      "10000 replicates (seed 2564",
                      "respondent-level answers for 2 offices (1001, 1002)",
                      "approximate from respondents for 3 offices (1016, 1032, "
                      "1048)", "answer counts for 45 offices,",
                      "Benjamini–Hochberg", "√(1 − n/N)"):
            self.assertIn(words, en)
        for words in ("ρ = 0.50", "คำตอบรายผู้ตอบ 2 เขต (1001, 1002)",
                      "(Benjamini-Hochberg)"):
            self.assertIn(words, th)
        self.assertNotIn("conservative", en)
        self.assertNotIn("1 in 20", en)

    def office_book(self, code, lang="en"):
        folder = os.path.join(self.out[lang], "offices")
        name = [n for n in os.listdir(folder) if f"_{code}_" in n][0]
        return openpyxl.load_workbook(os.path.join(folder, name))

    def test_profile_line_and_intervals(self):
        for code in self.OFFICES:
            ita, se, low, high, p = self.expected[YEAR][code]
            r = self.results[code]
            line = (f"ITA {ref.round2(ita):.2f} (95% interval {low:.2f}–{high:.2f}); "
                    f"chance of reaching 85: {chance_text(p)}; rank {r['rank']} "
                    f"(between {r['rank_low']} and {r['rank_high']})")
            if code in WITHOUT_COUNTS:
                line += "; approximate, from respondent counts only"
            ws = self.office_book(code)["Profile"]
            texts = [c.value for row in ws.iter_rows() for c in row
                     if isinstance(c.value, str)]
            with self.subTest(office=code):
                self.assertIn(line, texts)
                head = find_row(ws, "Measure")
                ita_row = sheet_rows(ws, head)[0]
                self.assertEqual(ita_row["Measure"], "ITA")
                self.assertAlmostEqual(ita_row["95% interval, low"], low, delta=TOLERANCE)
                self.assertAlmostEqual(ita_row["95% interval, high"], high, delta=TOLERANCE)
        thai = [c.value for row in self.office_book("1012", "th")["ภาพรวม"].iter_rows()
                for c in row if isinstance(c.value, str)]
        r = self.results["1012"]
        self.assertIn(f"อันดับ {r['rank']} (อยู่ระหว่าง {r['rank_low']} ถึง "
                      f"{r['rank_high']})", " ".join(thai))
        self.assertNotIn("chance of reaching", " ".join(thai))

    def test_plan_notes_gaps_within_sampling_error(self):
        code = "1012"
        counts = self.counts[YEAR].get(code, {})
        resp = self.respondents[YEAR][code]
        items = self.items[YEAR][code]
        wb = self.office_book(code)
        ws = wb["Action plan"]
        head = find_row(ws, "Item")
        headers = [c.value for c in ws[head]]
        analysis_col = 1 + next(i for i, h in enumerate(headers)
                                if isinstance(h, str) and "analysis" in h)
        noted = {}
        for r in range(head + 1, ws.max_row + 1):
            item, analysis = ws.cell(r, 1).value, ws.cell(r, analysis_col).value
            if item in self.model.items and isinstance(analysis, str):
                # the mark "*" ends the analysis line under the question
                noted[item] = analysis.endswith(" *")
        self.assertTrue(noted)
        # and the legend under the table says what the mark means
        texts = [c.value for row in ws.iter_rows() for c in row
                 if isinstance(c.value, str)]
        self.assertTrue(any("* gap within sampling error" in t
                            for t in texts))
        for item, has_note in noted.items():
            s, basis = item_se(self.model, item, items[item], counts, resp)
            reaches = s > 0 and float(items[item]) + Z * s >= TARGET
            with self.subTest(item=item):
                self.assertEqual(has_note, reaches)
        self.assertIn(True, noted.values())
        self.assertIn(False, noted.values())


class ChancesFollowTarget(unittest.TestCase):
    """The city workbook with Target set to 90 and to 80 (openpyxl),
    recalculated by LibreOffice: every office's pass flag and chance of
    reaching the target, and the Summary's sentence on who could pass or
    fail by chance, agree cell by cell with values computed here: the
    office's ITA from the results CSV, its SE computed independently from
    the inputs (expected_office), p = Phi((ITA - (T2 - 0.005)) / SE) with
    math.erf.  At the run's own target (85) the recalculated chances equal
    the results CSV's p_pass."""

    @classmethod
    def setUpClass(cls):
        from libreoffice import error_cells, recalculate
        cls.tmp = tempfile.TemporaryDirectory(prefix="itabench-chances-")
        model = ref.Model()
        _, lookup = ref.districts()
        items = ref.load_item_scores(INPUTS, model, lookup)[YEAR]
        counts = load_counts(INPUTS, lookup).get(YEAR, {})
        resp = load_respondents(INPUTS, lookup)[YEAR]
        answers = load_answers(INPUTS, lookup, model).get(YEAR, {})
        cls.se = {c: expected_office(model, i, counts.get(c, {}),
                                     resp.get(c, {}),
                                     answers=answers.get(c))[1]
                  for c, i in items.items()}
        out = os.path.join(cls.tmp.name, "out")
        proc = subprocess.run([ref.ITABENCH, INPUTS, "-o", out, "-q",
                               "--no-office-books", "--lang", "en"],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr)
        cls.results = read_results(out)
        book = os.path.join(out, f"ita_{YEAR}_city.xlsx")
        cls.books, cls.errors = {}, {}
        for target in (85, 90, 80):
            wb = openpyxl.load_workbook(book)
            sheet, cell = list(wb.defined_names["Target"].destinations)[0]
            wb[sheet][cell.replace("$", "")].value = target
            edited = os.path.join(cls.tmp.name, f"t{target}", "city.xlsx")
            os.makedirs(os.path.dirname(edited))
            wb.save(edited)
            path = recalculate(edited, os.path.join(cls.tmp.name, f"lo{target}"),
                               os.path.join(cls.tmp.name, "profile"))
            cls.errors[target] = error_cells(path)
            cls.books[target] = openpyxl.load_workbook(path, data_only=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def expected_chance(self, code, target):
        ita = float(self.results[code]["ita"])
        se = self.se[code]
        t2 = math.ceil(round(100 * target, 6)) / 100
        if se == 0:
            return 1.0 if ita >= t2 else 0.0
        return 0.5 * (1 + math.erf((ita - (t2 - 0.005)) / se / math.sqrt(2)))

    def test_no_error_cells(self):
        for target, errors in self.errors.items():
            self.assertEqual(errors, [], target)

    def test_flags_and_chances_follow_target(self):
        for target, wb in self.books.items():
            rows = sheet_rows(wb["Ranking"], 4)
            self.assertEqual(len(rows), 50)
            for row in rows:
                code = row["Code"]
                ita = float(self.results[code]["ita"])
                with self.subTest(target=target, office=code):
                    self.assertEqual(row["Pass"], 1 if ita >= target else 0)
                    self.assertAlmostEqual(row["Chance of reaching the target"],
                                           self.expected_chance(code, target),
                                           delta=1e-9)
                    if target == 85:
                        self.assertAlmostEqual(
                            row["Chance of reaching the target"],
                            float(self.results[code]["p_pass"]), delta=5e-5)
        # a target of 90 moves chances: not the 85 ones kept
        r85 = sheet_rows(self.books[85]["Ranking"], 4)
        r90 = sheet_rows(self.books[90]["Ranking"], 4)
        moved = sum(1 for a, b in zip(r85, r90)
                    if abs(a["Chance of reaching the target"] -
                           b["Chance of reaching the target"]) > 0.01)
        self.assertGreater(moved, 5)

    def test_sentence_counts_follow_target(self):
        for target, wb in self.books.items():
            in_reach = at_risk = 0
            for code, r in self.results.items():
                p = self.expected_chance(code, target)
                if float(r["ita"]) >= target:
                    at_risk += p <= 0.975
                else:
                    in_reach += p >= 0.025
            texts = [c.value for row in wb.worksheets[0].iter_rows()
                     for c in row if isinstance(c.value, str)]
            with self.subTest(target=target):
                self.assertTrue(any(
                    f"; {in_reach} offices below the target could reach it, "
                    f"and {at_risk} passing offices could miss it, by chance "
                    f"alone" in t for t in texts), (in_reach, at_risk))


if __name__ == "__main__":
    unittest.main()
