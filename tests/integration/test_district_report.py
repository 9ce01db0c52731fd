"""One district's report fed in through the long form: the program must
reproduce the report's ten indicators, three tools, ITA and grade to 0.01
and flag its misprinted tool score (see ../fixtures/district_report)."""
import os
import shutil
import subprocess
import tempfile
import unittest

import ita_reference as ref

FIXTURE = os.path.join("tests", "fixtures", "district_report")


class DistrictReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.proc = subprocess.run(
            [ref.ITABENCH, FIXTURE, "-o", cls.tmp, "--no-office-books",
             "--no-city-book"], capture_output=True, text=True, cwd=ref.REPO)
        cls.rows = ref.read_csv(os.path.join(cls.tmp, "results_2564.csv"))
        cls.dq = ref.read_csv(os.path.join(cls.tmp, "data_quality_2564.csv"))
        cls.published = {r["measure"]: r["value"] for r in ref.read_csv(
            os.path.join(ref.REPO, FIXTURE, "published.csv"))}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_reproduces_every_published_figure_but_the_misprint(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        self.assertEqual(len(self.rows), 1)
        row = self.rows[0]
        self.assertEqual(row["office_code"], "1015")
        for measure, value in self.published.items():
            if measure == "EIT":
                continue
            self.assertEqual(row[measure.lower()], value, measure)
        # the report's grade for 81.36 is B (75.00-84.99), and it fails 85
        self.assertEqual(row["grade"], "B")
        self.assertEqual(row["pass"], "0")
        self.assertEqual(row["gap_to_target"], "3.64")
        self.assertEqual(row["items_below_target"], "32")
        # EIT recomputed from the items is 0.40 below the printed 79.90
        self.assertEqual(row["eit"], "79.50")

    def test_flags_the_misprinted_tool_score_only(self):
        found = [r for r in self.dq if r["check"] == "published_mismatch"]
        self.assertEqual(len(found), 1, found)
        r = found[0]
        self.assertEqual(r["file"], os.path.join(FIXTURE, "published.csv"))
        self.assertEqual(r["line"], "4")
        self.assertIn("EIT 79.90", r["message"])
        self.assertIn("79.50", r["message"])
        self.assertIn(r["file"] + ":4:", self.proc.stderr)

    def test_figures_of_an_office_without_scores_are_reported(self):
        """Published figures for an office with no item scores: scored from
        them when they give an ITA (issue 20), ranked beside the office
        with items and marked; figures that give no ITA (an IIT alone) are
        a warning at their file and line, not silence."""
        with tempfile.TemporaryDirectory() as tmp:
            extra = os.path.join(tmp, "published_dusit.csv")
            with open(extra, "w", encoding="utf-8") as f:
                f.write("year,office_code,measure,value\n"
                        "2564,1015,ITA,81.36\n2564,Dusit,ITA,80.00\n"
                        "2564,1003,IIT,70.00\n")
            proc = subprocess.run(
                [ref.ITABENCH, FIXTURE, extra, "-o", os.path.join(tmp, "o"),
                 "--no-office-books", "--no-city-book"],
                capture_output=True, text=True, cwd=ref.REPO)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            dq = ref.read_csv(os.path.join(tmp, "o", "data_quality_2564.csv"))
            found = [(r["office_code"], r["line"]) for r in dq
                     if r["check"] == "no_scores"]
            self.assertEqual(found, [("1003", "4")])
            self.assertIn(extra + ":4: warning: office 1003 (Nong Chok)",
                          proc.stderr)
            results = {r["office_code"]: r for r in ref.read_csv(
                os.path.join(tmp, "o", "results_2564.csv"))}
            self.assertEqual(results["1002"]["ita"], "80.00")
            self.assertEqual(results["1002"]["scored_from"], "published: ITA")
            self.assertEqual(results["1002"]["items_below_target"], "")
            self.assertEqual(results["1015"]["scored_from"], "items")
            # 81.36 (Thon Buri's own) ranks above 80.00
            self.assertEqual(results["1015"]["rank"], "1")
            self.assertEqual(results["1002"]["rank"], "2")

if __name__ == "__main__":
    unittest.main()
