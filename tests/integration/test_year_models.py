"""Every year's framework: each year is scored with its own shipped model
(inputs/reference/model_<year>.csv), else the latest before it, else the
earliest, with a note; --model forces one; pass levels with tool minimums
grade by every tool."""
import csv
import os
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

import ita_reference as ref

LEVELS = os.path.join(ref.REPO, "tests", "fixtures", "models",
                      "model_2566_levels.csv")
LONG_2564 = os.path.join(ref.REPO, "inputs", "synthetic_scores_2564_long.csv")


def run(*args, out, city=False):
    extra = [] if city else ["--no-city-book"]
    return subprocess.run([ref.ITABENCH, *args, "-o", out, "--no-office-books",
                           *extra],
                          capture_output=True, text=True, cwd=ref.REPO)


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def notes(path):
    return [r["message"] for r in rows(path) if r["severity"] == "note"]


def copy_as_year(src, dst, year):
    """The long item scores of src with every year changed to `year`."""
    with open(src, encoding="utf-8-sig", newline="") as f, \
            open(dst, "w", encoding="utf-8", newline="") as g:
        reader = csv.reader(f)
        writer = csv.writer(g)
        writer.writerow(next(reader))
        for row in reader:
            writer.writerow([str(year)] + row[1:])


class YearModels(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_sample_2563_uses_the_2564_model_with_a_note(self):
        out = os.path.join(self.tmp, "out")
        proc = run("inputs/", out=out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("there is no model for 2563: it is scored with the ITA "
                      "2564 model (the earliest there is)",
                      notes(os.path.join(out, "data_quality_2564.csv")))

    def test_2565_input_is_scored_with_the_2565_model(self):
        src = os.path.join(self.tmp, "scores_2565.csv")
        copy_as_year(LONG_2564, src, 2565)
        out = os.path.join(self.tmp, "out")
        proc = run(src, "--lang", "en", out=out, city=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(
            [n for n in notes(os.path.join(out, "data_quality_2565.csv"))
             if "model" in n], [])
        wb = openpyxl.load_workbook(os.path.join(out, "ita_2565_city.xlsx"))
        texts = [str(c.value) for row in wb["Method"].iter_rows()
                 for c in row if c.value is not None]
        self.assertTrue(any(t.endswith("model_2565.csv") for t in texts),
                        texts)
        # the 2565 framework is 2564's: the same scores as the reference
        model = ref.Model()
        _, lookup = ref.districts()
        items = ref.load_item_scores(self.tmp, model, lookup)
        for row in rows(os.path.join(out, "results_2565.csv")):
            s = model.score(items[2565][row["office_code"]])
            self.assertEqual(float(row["ita"]), ref.round2(s["ITA"]))

    def test_a_later_year_uses_the_latest_model_before_it(self):
        src = os.path.join(self.tmp, "scores_2567.csv")
        copy_as_year(LONG_2564, src, 2567)
        out = os.path.join(self.tmp, "out")
        proc = run(src, out=out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("there is no model for 2567: it is scored with the ITA "
                      "2565 model (the latest before it)",
                      notes(os.path.join(out, "data_quality_2567.csv")))

    def test_pass_levels_grade_by_tool_minimums(self):
        out = os.path.join(self.tmp, "out")
        proc = run("inputs/", "--model", LEVELS, out=out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        seen = set()
        for row in rows(os.path.join(out, "results_2564.csv")):
            ita = float(row["ita"])
            tools = [float(row[t]) for t in ("iit", "eit", "oit")]
            # the levels of the fixture, applied to the published figures
            want = ("EXCELLENT" if ita >= 95 and min(tools) >= 95 else
                    "GOOD" if ita >= 85 and min(tools) >= 85 else
                    "PASS" if ita >= 85 else "FAIL")
            self.assertEqual(row["grade"], want, row["office_code"])
            seen.add(want)
        # the sample has offices over 85 with a tool under 85
        self.assertIn("PASS", seen)
        self.assertIn("GOOD", seen)


if __name__ == "__main__":
    unittest.main()
