""""Did you mean ...": an unknown office name, item code or option gets the
nearest known one (edit distance on the normalised names, so that common
romanisations match), with the message and exit status asserted."""
import os
import shutil
import subprocess
import tempfile
import unittest

import ita_reference as ref


def run(*args, out):
    return subprocess.run([ref.ITABENCH, *args, "-o", out, "--no-office-books",
                           "--no-city-book"],
                          capture_output=True, text=True, cwd=ref.REPO)


class Suggestions(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.out = os.path.join(self.tmp, "out")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write(self, text):
        path = os.path.join(self.tmp, "scores.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_office_romanisations_and_item(self):
        path = self.write("year,office_code,item,score\n"
                          "2564,Thonburi,I1,85\n"
                          "2564,Sathorn,I1,85\n"
                          "2564,สาธร,I1,85\n"
                          "2564,1001,I100,85\n"
                          "2564,Nowhere at all,I1,85\n")
        proc = run(path, out=self.out)
        self.assertEqual(proc.returncode, 1)
        self.assertIn(f'{path}:2: error: unknown office (not a code or name '
                      'in the registry): "Thonburi" (did you mean 1015 Thon '
                      'Buri / ธนบุรี?)', proc.stderr)
        self.assertIn(f'{path}:3: error: unknown office (not a code or name '
                      'in the registry): "Sathorn" (did you mean 1028 Sathon '
                      '/ สาทร?)', proc.stderr)
        # one Thai letter wrong: ธ for ร
        self.assertIn(f'{path}:4: error: unknown office (not a code or name '
                      'in the registry): "สาธร" (did you mean 1028 Sathon / '
                      'สาทร?)', proc.stderr)
        self.assertIn(f'{path}:5: error: unknown item: "I100" (did you mean '
                      'I10?)', proc.stderr)
        # nothing near: no suggestion
        self.assertIn(f'{path}:6: error: unknown office (not a code or name '
                      'in the registry): "Nowhere at all"\n', proc.stderr)
        self.assertFalse(os.path.exists(self.out))

    def test_option(self):
        proc = run("--langg", "en", "inputs/", out=self.out)
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(proc.stderr, "itabench: unknown option --langg (did "
                         "you mean --lang?)\nTry 'itabench --help'.\n")
        proc = run("--no-city-books", "inputs/", out=self.out)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("unknown option --no-city-books (did you mean "
                      "--no-city-book?)", proc.stderr)
        proc = run("--frobnicate", "inputs/", out=self.out)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("unknown option --frobnicate\n", proc.stderr)

    def test_office_option(self):
        proc = run("--office", "Sathorn", "inputs/", out=self.out)
        self.assertEqual(proc.returncode, 2)
        self.assertIn('--office "Sathorn": no such office', proc.stderr)
        self.assertIn("(did you mean 1028 Sathon / สาทร?)", proc.stderr)


if __name__ == "__main__":
    unittest.main()
