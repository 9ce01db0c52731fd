"""Years of different frameworks in one run (issue 20): each year is read
and scored with its own model; changes across years compare ITA, tools and
indicators always and items only where both models have the item's id; a
run whose models do not share tools and indicators is an error naming both
model files.

The run uses a copy of itabench beside its own reference folder (the
program finds inputs/reference from where it lies), holding the shipped
model_2564.csv and, as model_2565.csv, the test fixture
tests/fixtures/models/model_other_items.csv (2564's framework without I5 and
I11, with a new I31 listed before the tools, so that every node of 2565
has another index than in 2564).  Every expected value is worked out here
with ita_reference.Model, never read from an earlier run."""
import csv
import fractions
import math
import os
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

import ita_reference as ref

REFERENCE = os.path.join(ref.REPO, "inputs", "reference")
FIXTURE = os.path.join(ref.REPO, "tests", "fixtures", "models",
                       "model_other_items.csv")
LONG_2564 = os.path.join(ref.REPO, "inputs", "synthetic_scores_2564_long.csv")
WIDE_2563 = os.path.join(ref.REPO, "inputs", "synthetic_scores_2563_wide.csv")
ONLY_2564 = {"I5", "I11"}
ONLY_2565 = {"I31"}


def install(root, model_2565):
    """itabench copied to root/build with root/inputs/reference beside it:
    the shipped registry, measures and 2564 model, and model_2565 as the
    2565 model.  Returns the program's path."""
    bindir = os.path.join(root, "build")
    refdir = os.path.join(root, "inputs", "reference")
    os.makedirs(bindir)
    os.makedirs(refdir)
    shutil.copy2(ref.ITABENCH, bindir)
    for name in ("bangkok_districts.csv", "measures.csv", "model_2564.csv"):
        shutil.copy2(os.path.join(REFERENCE, name), refdir)
    shutil.copy2(model_2565, os.path.join(refdir, "model_2565.csv"))
    return os.path.join(bindir, "itabench")


def shifted(code, item):
    """A deterministic change of an item's score from 2564 to 2565, in
    hundredths: -1.85 to +1.85 points."""
    return ((int(code) * 7 + len(item) * 13 + int(item[1:])) % 11 - 5) * 0.37


def write_2565(path, scores_2564, model_2565):
    """2565 item scores of every office for the fixture's items: 2564's
    shifted, I31 new; returns {code: {item: score}} as written (exact
    fractions, like ita_reference's)."""
    out = {}
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["year", "office_code", "item", "score"])
        for code in sorted(scores_2564):
            row = out.setdefault(code, {})
            for item in model_2565.items:
                if item in scores_2564[code]:
                    v = float(scores_2564[code][item]) + shifted(code, item)
                    v = min(100.0, max(0.0, v))
                else:
                    v = 80.0 + int(code) % 15
                text = "%.2f" % v
                row[item] = ref.num(text)  # exactly as typed
                w.writerow(["2565", code, item, text])
    return out


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def table_below(ws, header):
    """The rows under the row whose first cells are header, to the first
    empty row."""
    found, out = False, []
    for row in ws.iter_rows(values_only=True):
        if found:
            if row[0] is None:
                break
            out.append(row)
        elif list(row[:len(header)]) == header:
            found = True
    return out


class Frameworks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.exe = install(os.path.join(cls.tmp, "bin"), FIXTURE)
        cls.data = os.path.join(cls.tmp, "data")
        os.makedirs(cls.data)
        shutil.copy2(LONG_2564, cls.data)
        # a wide file of 2563 (scored with the 2564 model: the earliest
        # there is) with I5 and I11 columns, items the 2565 model that
        # reads the headers does not have
        shutil.copy2(WIDE_2563, cls.data)
        cls.m2564 = ref.Model(os.path.join(REFERENCE, "model_2564.csv"))
        cls.m2565 = ref.Model(FIXTURE)
        cls.by_code, lookup = ref.districts()
        cls.items = ref.load_item_scores(cls.data, cls.m2564, lookup)
        cls.items[2565] = write_2565(os.path.join(cls.data, "s_2565.csv"),
                                     cls.items[2564], cls.m2565)
        cls.out = os.path.join(cls.tmp, "out")
        proc = subprocess.run([cls.exe, cls.data, "-o", cls.out, "--lang",
                               "en", "--no-office-books", "-q"],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        book = openpyxl.load_workbook(
            os.path.join(cls.out, "ita_2565_city.xlsx"))
        # the movers and the item changes have sheets of their own
        # the chart and the paired t-test have a sheet of their own
        cls.city_trend = book["City trend"]
        cls.movers = book["Movers"]
        cls.item_changes = book["Item changes"]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def scores(self, year):
        model = self.m2565 if year == 2565 else self.m2564
        return {code: model.score(items)
                for code, items in self.items[year].items()}

    def test_each_year_is_scored_with_its_own_model(self):
        for year in (2563, 2564, 2565):
            out = os.path.join(self.tmp, "year%d" % year)
            proc = subprocess.run([self.exe, self.data, "-o", out, "-y",
                                   str(year), "--no-office-books",
                                   "--no-city-book", "-q"],
                                  capture_output=True, text=True)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            model = self.m2565 if year == 2565 else self.m2564
            want = self.scores(year)
            got = rows(os.path.join(out, "results_%d.csv" % year))
            self.assertEqual(len(got), 50)
            for row in got:
                s = want[row["office_code"]]
                for node in ["ITA"] + model.tools + model.indicators:
                    self.assertEqual(float(row[node.lower()]),
                                     ref.round2(s[node]),
                                     (year, row["office_code"], node))
                self.assertEqual(row["grade"],
                                 model.grade(ref.round2(s["ITA"])))

    def test_changes_of_ita_tools_and_indicators(self):
        before, now = self.scores(2564), self.scores(2565)
        name = {r["name_en"]: c for c, r in self.by_code.items()}
        movers = table_below(self.movers, ["Measure", "Office", "Direction",
                                          "Change"])
        measures = {r[0] for r in movers}
        self.assertEqual(measures, {"ITA"} | set(self.m2564.tools) |
                         set(self.m2564.indicators))
        for measure, office, _, change, *_ in movers:
            code = name[office]
            want = (ref.round2(now[code][measure]) -
                    ref.round2(before[code][measure]))
            self.assertAlmostEqual(change, ref.round2(want), places=9,
                                   msg=(measure, office))

    def test_mean_change_of_ita(self):
        before, now = self.scores(2564), self.scores(2565)
        deltas = [ref.round2(now[c]["ITA"]) - ref.round2(before[c]["ITA"])
                  for c in now]
        rows_ = {r[0]: r[1] for r in self.city_trend.iter_rows(values_only=True)
                 if r[0] is not None}
        self.assertAlmostEqual(rows_["Mean change (points)"],
                               sum(deltas) / len(deltas), places=9)

    def test_items_of_one_framework_are_in_no_item_comparison(self):
        changes = table_below(self.item_changes, ["Item", "Question",
                                           "Mean change"])
        self.assertTrue(changes)
        before, now = self.items[2564], self.items[2565]
        for item, _, mean, *rest in changes:
            self.assertNotIn(item, ONLY_2564 | ONLY_2565)
            want = sum(ref.round2(now[c][item]) - ref.round2(before[c][item])
                       for c in now) / len(now)
            self.assertAlmostEqual(mean, ref.round2(want), places=9, msg=item)

    def test_a_note_names_the_items_of_one_framework(self):
        notes = [r["message"] for r in
                 rows(os.path.join(self.out, "data_quality_2565.csv"))
                 if r["check"] == "framework"]
        self.assertEqual(len(notes), 1, notes)
        self.assertIn("2564 and 2565 are scored with different frameworks",
                      notes[0])
        self.assertIn("items only in the later model: 1 (I31); only in the "
                      "earlier model: 2 (I5, I11)", notes[0])

    def test_the_note_in_thai(self):
        out = os.path.join(self.tmp, "thai")
        proc = subprocess.run([self.exe, self.data, "-o", out,
                               "--no-office-books", "-q"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        wb = openpyxl.load_workbook(os.path.join(out, "ita_2565_city.xlsx"))
        texts = [v for ws in wb.worksheets
                 for row in ws.iter_rows(values_only=True) for v in row
                 if isinstance(v, str) and "ใช้กรอบการประเมินต่างกัน" in v]
        self.assertEqual(len(texts), 1, texts)
        self.assertIn("มีเฉพาะในกรอบปี 2565: 1 ข้อ (I31); มีเฉพาะในกรอบปี "
                      "2564: 2 ข้อ (I5, I11)", texts[0])

    def test_plans_of_an_earlier_framework(self):
        # the shipped measures library has no I31: it fits 2564's framework,
        # the one of the year reported on, not 2565's
        out = os.path.join(self.tmp, "plans2564")
        proc = subprocess.run([self.exe, self.data, "-o", out, "-y", "2564",
                               "--office", "1001", "--no-city-book", "-q"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        books = os.listdir(os.path.join(out, "offices"))
        self.assertEqual(len(books), 1, books)
        wb = openpyxl.load_workbook(os.path.join(out, "offices", books[0]))
        texts = {v for ws in wb.worksheets
                 for row in ws.iter_rows(values_only=True) for v in row
                 if isinstance(v, str)}
        self.assertNotIn("I31", texts)

    def test_a_value_under_another_frameworks_item_is_an_error(self):
        # one wide header may serve both frameworks: an empty I5 cell in a
        # 2565 row is fine (the file's first row), a value is not
        path = os.path.join(self.tmp, "wide_mixed.csv")
        items = self.m2565.items + ["I5"]
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["year", "office_code"] + items)
            for code, i5 in (("1001", ""), ("1002", "50")):
                w.writerow(["2565", code] + ["90"] * len(self.m2565.items) +
                           [i5])
        proc = subprocess.run([self.exe, path, "-o",
                               os.path.join(self.tmp, "mixed_out"),
                               "--no-office-books"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        errors = [l for l in proc.stderr.splitlines() if ": error: " in l]
        self.assertEqual(errors, [
            '%s:3: error: item not in the 2565 model (%s), another '
            'framework\'s: "I5"' % (path, os.path.join(
                os.path.realpath(os.path.dirname(os.path.dirname(self.exe))),
                "inputs", "reference", "model_2565.csv"))])

    def test_models_not_sharing_indicators_are_an_error(self):
        bad = os.path.join(self.tmp, "model_bad.csv")
        with open(FIXTURE, encoding="utf-8") as f:
            text = f.read()
        # IND3 renamed: its items move with it
        with open(bad, "w", encoding="utf-8") as f:
            f.write(text.replace(",IND3,", ",IND3X,"))
        root = os.path.join(self.tmp, "bad")
        exe = install(root, bad)
        proc = subprocess.run([exe, self.data, "-o",
                               os.path.join(self.tmp, "bad_out"),
                               "--no-office-books"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        errors = [l for l in proc.stderr.splitlines() if "error:" in l]
        first = os.path.join(root, "inputs", "reference", "model_2564.csv")
        second = os.path.join(root, "inputs", "reference", "model_2565.csv")
        for ind in ("indicator IND3 is in", "indicator IND3X is in"):
            hits = [l for l in errors if ind in l]
            self.assertEqual(len(hits), 1, errors)
            self.assertIn(os.path.realpath(first), hits[0])
            self.assertIn(os.path.realpath(second), hits[0])
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "bad_out",
                                                     "results_2565.csv")))


TWO_PART = os.path.join(ref.REPO, "tests", "fixtures", "models",
                        "model_2566_two_part_eit.csv")


def bound_se(mean, n):
    """uncertainty.md: the largest SE an item with this mean can have
    among n respondents, kept off the edges."""
    edge = 100 * 0.5 / (n + 1)
    mu = min(max(mean, edge), 100 - edge)
    return math.sqrt(mu * (100 - mu) / n)


def combine(w, se, rho=0.5):
    """uncertainty.md: items of one group with a common correlation rho."""
    linear = sum(a * b for a, b in zip(w, se))
    squares = sum((a * b) ** 2 for a, b in zip(w, se))
    return math.sqrt(rho * linear ** 2 + (1 - rho) * squares)


class PartsRespondents(unittest.TestCase):
    """A tool answered in two parts (the FY2566 EIT), each part by its own
    respondents: the respondents file names the parts, the results say
    each part's count, and the tool's SE combines the parts' SEs as
    independent, each from its own respondents."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.model = ref.Model(TWO_PART)
        _, lookup = ref.districts()
        base = ref.load_item_scores(os.path.dirname(LONG_2564) + "/",
                                    ref.Model(), lookup)[2564]
        cls.items, cls.n = {}, {}
        cls.scores = os.path.join(cls.tmp, "scores.csv")
        cls.resp = os.path.join(cls.tmp, "respondents.csv")
        with open(cls.scores, "w", newline="") as f, \
                open(cls.resp, "w", newline="") as g:
            ws, wr = csv.writer(f), csv.writer(g)
            ws.writerow(["year", "office_code", "item", "score"])
            wr.writerow(["year", "office_code", "tool", "n"])
            for code in sorted(base):
                row = cls.items.setdefault(code, {})
                for item in cls.model.items:
                    v = base[code].get(item)
                    if v is None:  # part 2's E<k>_2: part 1's, shifted
                        v = max(0, base[code][item[:-2]] -
                                ref.num("%.2f" % shifted(code, item)) - 3)
                    text = "%.2f" % v
                    row[item] = ref.num(text)
                    ws.writerow(["2566", code, item, text])
                # part 1 has few respondents, part 2 many
                n = {"IIT": 60 + int(code) % 40,
                     "EIT_PART1": 20 + int(code) % 7,
                     "EIT_PART2": 300 + 5 * (int(code) % 11)}
                cls.n[code] = n
                for group, count in n.items():
                    wr.writerow(["2566", code, group, count])
        cls.out = os.path.join(cls.tmp, "out")
        proc = subprocess.run([ref.ITABENCH, cls.scores, cls.resp, "-o",
                               cls.out, "--model", TWO_PART,
                               "--no-office-books", "--no-city-book", "-q"],
                              capture_output=True, text=True, cwd=ref.REPO)
        assert proc.returncode == 0, proc.stderr
        cls.rows = rows(os.path.join(cls.out, "results_2566.csv"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def group_se(self, code, group):
        m = self.model
        under = [i for i in m.items if self.in_group(i, group)]
        w = [float(m.item_weight(i) / m.item_weight(group)) for i in under]
        se = [bound_se(float(self.items[code][i]), self.n[code][group])
              for i in under]
        return combine(w, se)

    def in_group(self, item, group):
        """True when group (a tool or part) is item's or above it."""
        node = item
        while node:
            if node == group:
                return True
            node = self.model.nodes[node]["parent"].strip()
        return False

    def test_results_give_each_parts_respondents(self):
        self.assertIn("n_eit_part1", self.rows[0])
        self.assertNotIn("n_eit", self.rows[0])
        for row in self.rows:
            for group in ("IIT", "EIT_PART1", "EIT_PART2"):
                self.assertEqual(int(row["n_" + group.lower()]),
                                 self.n[row["office_code"]][group])

    def test_ita_se_from_each_parts_own_respondents(self):
        m = self.model
        for row in self.rows:
            code = row["office_code"]
            iit = self.group_se(code, "IIT")
            # the parts answered by different people: independent
            eit = math.sqrt(sum((float(m.item_weight(p) / m.item_weight("EIT"))
                                 * self.group_se(code, p)) ** 2
                                for p in ("EIT_PART1", "EIT_PART2")))
            ita = math.sqrt((float(m.item_weight("IIT")) * iit) ** 2 +
                            (float(m.item_weight("EIT")) * eit) ** 2)
            self.assertEqual(row["se_method"], "bound")
            self.assertAlmostEqual(float(row["ita_se"]), ita, delta=0.0051,
                                   msg=code)

    def test_check_model_names_the_respondent_groups(self):
        proc = subprocess.run([ref.ITABENCH, "--check-model", TWO_PART],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("respondents counted apart (the respondents file's "
                      "tool column): IIT, EIT_PART1, EIT_PART2\n",
                      proc.stdout)

    def test_population_per_part(self):
        # N per part: part 2's 300-odd people cannot come from 100, part
        # 1's 20-odd can; the error names the part
        path = os.path.join(self.tmp, "population.csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["year", "office_code", "tool", "n", "population"])
            for code, n in sorted(self.n.items()):
                for group, count in n.items():
                    w.writerow(["2566", code, group, count,
                                100 if group != "IIT" else ""])
        proc = subprocess.run([ref.ITABENCH, self.scores, path, "-o",
                               os.path.join(self.tmp, "pop"), "--model",
                               TWO_PART, "--no-office-books", "-q"],
                              capture_output=True, text=True, cwd=ref.REPO)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        errors = [l for l in proc.stderr.splitlines() if ": error: " in l]
        self.assertEqual(len(errors), 50, errors[:3])
        self.assertTrue(all(": EIT_PART2 has " in l for l in errors),
                        errors[:3])

    def test_respondents_of_a_tool_in_parts_are_an_error(self):
        bad = os.path.join(self.tmp, "bad_respondents.csv")
        with open(bad, "w", newline="") as f:
            f.write("year,office_code,tool,n\n2566,1001,EIT,80\n")
        proc = subprocess.run([ref.ITABENCH, self.scores, bad, "-o",
                               os.path.join(self.tmp, "bad"), "--model",
                               TWO_PART, "--no-office-books", "-q"],
                              capture_output=True, text=True, cwd=ref.REPO)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("bad_respondents.csv:2: error: respondents of EIT for "
                      "office 1001 in 2566: EIT is answered in parts, each "
                      "by its own respondents: give n per part (EIT_PART1, "
                      "EIT_PART2)", proc.stderr)


class PartsAnswers(unittest.TestCase):
    """Respondent-level answers to a tool in two parts: each person answers
    one part (the answers' tool column names the part), so each part's
    respondents are counted apart and its SE is the exact linearisation
    over its own people (uncertainty.md), the tool's from its parts as
    independent samples."""

    PEOPLE = {"IIT": 5, "EIT_PART1": 4, "EIT_PART2": 7}

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.model = m = ref.Model(TWO_PART)
        cls.answers = {}  # group -> [respondent][item] = points
        answers = os.path.join(cls.tmp, "answers.csv")
        scores = os.path.join(cls.tmp, "oit.csv")
        with open(answers, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["year", "office_code", "tool", "respondent", "item",
                        "answer"])
            for group, people in cls.PEOPLE.items():
                items = [i for i in m.items if PartsRespondents.in_group(
                    cls, i, group)]
                cls.answers[group] = []
                for r in range(people):
                    given = {}
                    for k, item in enumerate(items):
                        levels = 2 if m.nodes[item]["answer_type"] == \
                            "yesno" else 4
                        level = 1 + (3 * r + 5 * k + len(group)) % levels
                        given[item] = fractions.Fraction(100 * (level - 1)) / \
                            (levels - 1)
                        w.writerow(["2566", "1001", group,
                                    "%s-%d" % (group, r), item, level])
                    cls.answers[group].append(given)
        with open(scores, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["year", "office_code", "item", "score"])
            for item in m.items:
                if m.nodes[item]["answer_type"] == "published":
                    w.writerow(["2566", "1001", item, "100"])
        out = os.path.join(cls.tmp, "out")
        proc = subprocess.run([ref.ITABENCH, answers, scores, "-o", out,
                               "--model", TWO_PART, "--no-office-books",
                               "--no-city-book", "-q"],
                              capture_output=True, text=True, cwd=ref.REPO)
        assert proc.returncode == 0, proc.stderr
        cls.row = rows(os.path.join(out, "results_2566.csv"))[0]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def linearised(self, group):
        """SE of a group from its people: the sd of their weighted scores
        over sqrt(n) (every item answered, no population)."""
        m = self.model
        z = [sum(float(m.item_weight(i) / m.item_weight(group)) * float(y)
                 for i, y in person.items())
             for person in self.answers[group]]
        mean = sum(z) / len(z)
        var = sum((v - mean) ** 2 for v in z) / (len(z) - 1)
        return math.sqrt(var / len(z))

    def test_each_part_counts_its_own_people(self):
        for group, people in self.PEOPLE.items():
            self.assertEqual(int(self.row["n_" + group.lower()]), people)

    def test_scores_and_se_from_the_answers(self):
        m = self.model
        items = {}
        for group in self.answers:
            for item in self.answers[group][0]:
                vals = [p[item] for p in self.answers[group]]
                items[item] = sum(vals) / len(vals)
        for item in m.items:
            items.setdefault(item, fractions.Fraction(100))
        want = m.score(items)
        self.assertEqual(float(self.row["ita"]), ref.round2(want["ITA"]))
        eit = math.sqrt(sum((float(m.item_weight(p) / m.item_weight("EIT")) *
                             self.linearised(p)) ** 2
                            for p in ("EIT_PART1", "EIT_PART2")))
        ita = math.sqrt((float(m.item_weight("IIT")) *
                         self.linearised("IIT")) ** 2 +
                        (float(m.item_weight("EIT")) * eit) ** 2)
        self.assertEqual(self.row["se_method"], "respondents")
        self.assertAlmostEqual(float(self.row["ita_se"]), ita, delta=0.0051)


if __name__ == "__main__":
    unittest.main()
