"""-j N: office workbooks written by N worker processes.

- the sample's outputs are the same bytes with -j 1 (no worker process),
  -j 2 and -j 3 (shares of 17, 17 and 16 offices);
- a worker that cannot write a workbook ends the run with exit 3, the
  path and the reason on stderr, no temporary left anywhere, and the other
  worker stopped long before the end of its share; the same when the city
  workbook, written meanwhile, fails;
- -j takes a number of processes from 1 to 256.

No timing here: how much faster -j 2 is, is for `make bench` to show.
"""
import hashlib
import os
import shlex
import shutil
import subprocess
import tempfile
import unittest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("BUILD", "build")
ITABENCH = os.path.join(REPO, BUILD, "itabench")
WRAP = shlex.split(os.environ.get("ITABENCH_WRAP", ""))
INPUTS = os.path.join(REPO, "inputs")
TEMP_MARK = ".itabench-tmp-"
ITAGEN = os.path.join(REPO, BUILD, "itagen")
# Workbooks are committed in batches of 32 per worker: with this many
# offices, a failed commit comes long before the other worker's end.
OFFICES = 200
# the workbook of the first synthetic office: in worker 0's first batch
BLOCKED = "ita_2564_100000_synthetic-office-1.xlsx"


def run(*args):
    return subprocess.run(WRAP + [ITABENCH, INPUTS, "-q", *args], cwd=REPO,
                          capture_output=True, text=True)


def tree(folder):
    """relative path -> SHA-256 of every file under folder."""
    out = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, folder)] = \
                    hashlib.sha256(f.read()).hexdigest()
    return out


class Jobs(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="itabench-jobs-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_same_bytes_for_any_number_of_jobs(self):
        trees = {}
        for jobs in (1, 2, 3):
            out = os.path.join(self.tmp, f"j{jobs}")
            proc = run("-o", out, "-j", str(jobs))
            self.assertEqual(proc.returncode, 0, proc.stderr)
            trees[jobs] = tree(out)
        books = [p for p in trees[1] if p.startswith("offices" + os.sep)]
        self.assertEqual(len(books), 50)
        self.assertEqual(trees[2], trees[1])
        self.assertEqual(trees[3], trees[1])

    def test_a_failing_worker_ends_the_run_with_exit_3(self):
        inputs = os.path.join(self.tmp, "inputs")
        subprocess.run([ITAGEN, "--offices", str(OFFICES), "--out", inputs],
                       check=True, capture_output=True)
        registry = os.path.join(inputs, "reference", f"offices_{OFFICES}.csv")
        out = os.path.join(self.tmp, "out")
        # a folder where the first office's workbook must go: refused
        # before anything is written (output_check), no worker left behind
        blocked = os.path.join(out, "offices", BLOCKED)
        os.makedirs(os.path.join(blocked, "keep"))
        proc = subprocess.run(
            WRAP + [ITABENCH, inputs, "--districts", registry, "-o", out,
                    "-q", "--no-city-book", "-j", "2"],
            cwd=REPO, capture_output=True, text=True)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn(f"cannot write {blocked}: the name holds a folder, "
                      "not a file", proc.stderr)
        self.assertTrue(os.path.isdir(os.path.join(blocked, "keep")))
        left = [p for p in tree(out) if os.path.basename(p).startswith(TEMP_MARK)]
        self.assertEqual(left, [])
        # worker 1 alone would write OFFICES / 2 workbooks: it was stopped
        books = [p for p in tree(out) if p.endswith(".xlsx")]
        self.assertLess(len(books), OFFICES // 2)

    def test_a_failing_city_workbook_stops_the_workers(self):
        # the city workbook is written while the workers write the office
        # workbooks; its failure ends the run and leaves no temporary
        out = os.path.join(self.tmp, "out")
        blocked = os.path.join(out, "ita_2564_city.xlsx")
        os.makedirs(os.path.join(blocked, "keep"))
        proc = run("-o", out, "-j", "2")
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn(f"cannot write {blocked}", proc.stderr)
        self.assertTrue(os.path.isdir(os.path.join(blocked, "keep")))
        left = [p for p in tree(out) if os.path.basename(p).startswith(TEMP_MARK)]
        self.assertEqual(left, [])

    def test_jobs_must_be_a_number_of_processes(self):
        for bad in ("0", "-1", "257", "two", ""):
            with self.subTest(jobs=bad):
                proc = run("-o", os.path.join(self.tmp, "x"), "-j", bad)
                self.assertEqual(proc.returncode, 2, proc.stderr)
                self.assertIn("--jobs", proc.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "x")))


if __name__ == "__main__":
    unittest.main()
