"""itabench --check-model FILE (issue 20): a valid model's tree with each
node's weight normalised among its siblings and in ITA points, its source
and its grade rules in words, exit 0; an invalid one's every error with
file and line, exit 1, nothing written.  Expected weights are worked out
here from the file (ita_reference.Model), not taken from the program."""
import os
import subprocess
import tempfile
import unittest

import ita_reference as ref

TWO_PART = os.path.join(ref.REPO, "tests", "fixtures", "models",
                        "model_2566_two_part_eit.csv")


def check(path):
    return subprocess.run([ref.ITABENCH, "--check-model", path],
                          capture_output=True, text=True, cwd=ref.REPO)


class CheckModel(unittest.TestCase):
    def test_valid_model_in_words(self):
        proc = check(TWO_PART)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        out = proc.stdout
        model = ref.Model(TWO_PART)
        self.assertIn("source: " + model.source[1], out)
        # by hand: EIT 30 of 100, each part 1 of 2: 0.15 ITA points; each
        # part-1 indicator a third of that: 0.05
        for node, share, parent in (("EIT_PART1", "50.00", "EIT"),
                                    ("IND6", "33.33", "EIT_PART1"),
                                    ("IIT", "30.00", "ITA")):
            w = float(model.item_weight(node))
            self.assertIn(f"{node} ", out)
            line = next(l for l in out.splitlines()
                        if f" {node} (" in l)
            self.assertIn(f"= {share}% of {parent}, {w:.6g} ITA points", line)
        self.assertAlmostEqual(float(model.item_weight("EIT_PART1")), 0.15)
        self.assertIn("part EIT_PART1", out)
        self.assertIn("GOOD (ผ่านดี / Good pass): ITA 85 or more and every "
                      "tool 85 or more", out)
        self.assertIn("FAIL (ไม่ผ่าน / Fail): ITA 0 or more (every other "
                      "score)", out)

    def test_every_error_and_exit_1(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "broken.csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write("kind,id,parent,weight,min_score,answer_type,"
                        "label_th,label_en\n"
                        "target,TARGET,,,85,,,\n"
                        "tool,T,,1e999,,survey,,\n"
                        "indicator,A,T,1,,,,\n"
                        "item,i1,A,1,,scale4,,\n"
                        "target,TARGET,,,80,,,\n"
                        "grade,A,,,85,,,\n"
                        "grade,F,,,10,,,\n")
            proc = check(path)
            self.assertEqual(proc.returncode, 1)
            self.assertEqual(proc.stdout, "")
            for where, what in ((3, 'weight "1e999" is not a finite number'),
                                (6, "a second target row"),
                                (8, "the lowest grade F starts at 10")):
                self.assertIn(f"{path}:{where}: error: {what}", proc.stderr)
            self.assertEqual(os.listdir(tmp), ["broken.csv"])


if __name__ == "__main__":
    unittest.main()
