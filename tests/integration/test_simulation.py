"""The uncertainty method checked by simulation, short version
(tests/validate/simulate.py; `make validate` runs the long one and prints
its table).  Four cities of 50 offices at an inter-item correlation of 0.35
(two in which nothing changed, two in which 10 offices changed by 6 points
on every survey item), fixed seed, every data path: respondent-level
answers, answer counts, respondent counts only.  Bounds are loose enough for
200 office-years per path, tight enough that SEs a third too small or too
large, or a change test without the adjustment, fail."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "validate"))
import simulate  # noqa: E402


class Simulation(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tallies = simulate.simulate(cities=4, correlations=[0.35],
                                        seed=22)

    def tally(self, path):
        return self.tallies[(path, 0.35)]

    def test_exact_path_covers_about_95_percent(self):
        t = self.tally("respondents")
        self.assertEqual(t.n, 200)
        # 95 % of 200: 190, sd about 3
        self.assertGreaterEqual(t.cover, 180)
        self.assertLessEqual(t.cover, 199)

    def test_assumed_correlation_paths_cover_at_least_93_percent(self):
        for path in ("counts", "bound"):
            with self.subTest(path=path):
                self.assertGreaterEqual(self.tally(path).cover, 186)

    def test_intervals_are_not_needlessly_wide(self):
        # the exact path is the narrowest; the bound the widest
        widths = {p: self.tally(p).width / self.tally(p).n
                  for p in simulate.PATHS}
        self.assertLess(widths["respondents"], widths["counts"])
        self.assertLess(widths["counts"], widths["bound"])
        self.assertLess(widths["respondents"], 4)

    def test_rank_intervals_cover_the_true_rank(self):
        for path in simulate.PATHS:
            with self.subTest(path=path):
                self.assertGreaterEqual(self.tally(path).rank_cover, 180)

    def test_few_false_changes_after_the_adjustment(self):
        for path in simulate.PATHS:
            t = self.tally(path)
            with self.subTest(path=path):
                self.assertEqual(t.null_cities, 2)
                # well under one per city-year (both cities together)
                self.assertLessEqual(t.false_bh, 1)
                self.assertLessEqual(t.false_bh, t.false_raw)

    def test_real_changes_are_found(self):
        t = self.tally("respondents")
        self.assertEqual(t.real, 20)
        self.assertGreaterEqual(t.found_bh, 10)


if __name__ == "__main__":
    unittest.main()
