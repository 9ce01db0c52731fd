"""The PDFs of --pdf are in the manifest, and a rerun never destroys one
signed or otherwise changed since itabench printed it (output_keep.h,
README "Running again into the same folder never destroys an edit").

One run with --pdf --office 1015 prints Thon Buri's O42 and O43 and the
city summary; each test works on a copy of that folder:

- the manifest lists each PDF with the SHA-256 of its bytes (computed here
  with hashlib), the results year, the office code (1015, or "-" for the
  city summary) and "new";
- one line appended to the O43 PDF, as a signing tool appends: the rerun
  (-q) keeps the changed file as <stem>.edited-<YYYY-MM-DD>.pdf with
  exactly the changed bytes, prints a new O43 PDF there, and stderr names
  both and says the new one is to be signed again; the unchanged O42 and summary are printed over (new files under
  the same names) without a word and without a backup; the manifest then
  lists the new PDFs' SHA-256;
- --force: the changed PDF is printed over without a backup, and stderr
  says so even with -q;
- a run without --pdf keeps the PDFs and their manifest lines (the PDFs
  are still the earlier run's outputs), so the next --pdf run prints over
  them without a backup;
- a PDF there that the manifest does not list (a manifest of an earlier
  version, which listed no PDF) is kept as the dated backup;
- the office's PDFs, listed under its office code, are never taken for
  its workbook under a former name: after the registry renames the office,
  the edits of its workbook are still carried into the workbook under the
  new name (test_keep_edits' rename, with the PDFs in the manifest).

LibreOffice is needed: a missing one fails the tests with the reason
(libreoffice.soffice), as every test of the project that drives it."""
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import ita_reference as ref
from libreoffice import soffice
from test_keep_edits import edit_first_row, plan_rows

YEAR = 2564
OFFICE = "1015"
BOOK = f"offices/ita_{YEAR}_{OFFICE}_thon-buri"
O42 = f"{BOOK}-O42.pdf"
O43 = f"{BOOK}-O43.pdf"
SUMMARY = f"ita_{YEAR}_city-summary.pdf"
# each PDF and the office code the manifest gives it
PDFS = {O42: OFFICE, O43: OFFICE, SUMMARY: "-"}
SIGNATURE = b"% signed: District Director, 2026-12-07\n"
BACKUP = re.compile(r"\.edited-\d{4}-\d{2}-\d{2}\.pdf$")


def run(out, *args, inputs="inputs/"):
    return subprocess.run([ref.ITABENCH, inputs, "-o", out, "--office",
                           OFFICE, *args],
                          cwd=ref.REPO, capture_output=True, text=True,
                          timeout=600)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def manifest(folder):
    """{file: [sha, year, office, edits]} of the folder's manifest."""
    entries = {}
    with open(os.path.join(folder, ".itabench-manifest")) as f:
        for line in f:
            if not line.startswith("#"):
                fields = line.rstrip("\n").split("\t")
                entries[fields[4]] = fields[:4]
    return entries


def pdf_backups(folder):
    """The dated backups of PDFs in folder and offices/, relative."""
    found = []
    for sub in ("", "offices"):
        for name in os.listdir(os.path.join(folder, sub)):
            if name.endswith(".pdf") and ".edited-" in name:
                found.append(os.path.join(sub, name))
    return sorted(found)


def sign(path):
    """Appends a line as a signing tool would; returns the new bytes."""
    with open(path, "ab") as f:
        f.write(SIGNATURE)
    return read_bytes(path)


class PdfKeep(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        soffice()   # the reason, when LibreOffice is missing
        cls.tmp = tempfile.mkdtemp(prefix="itabench-pdfkeep-")
        cls.first = os.path.join(cls.tmp, "first")
        cls.proc = run(cls.first, "--pdf", "-q")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def copy(self, name):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        out = os.path.join(self.tmp, name)
        shutil.copytree(self.first, out)
        return out

    def assert_listed(self, folder):
        """Each PDF listed with the SHA-256 of the bytes there."""
        listed = manifest(folder)
        for pdf, office in PDFS.items():
            digest = hashlib.sha256(
                read_bytes(os.path.join(folder, pdf))).hexdigest()
            self.assertEqual(listed.get(pdf),
                             [digest, str(YEAR), office, "new"], pdf)

    def test_the_manifest_lists_each_pdf_with_its_sha256(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        self.assertEqual(self.proc.stderr, "")
        self.assert_listed(self.first)

    def test_a_signed_pdf_is_kept_and_a_new_one_printed(self):
        out = self.copy("signed")
        signed = sign(os.path.join(out, O43))
        unchanged = {pdf: os.stat(os.path.join(out, pdf)).st_ino
                     for pdf in (O42, SUMMARY)}
        proc = run(out, "--pdf", "-q")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        backups = pdf_backups(out)
        self.assertEqual(len(backups), 1, backups)
        self.assertTrue(backups[0].startswith(BOOK + "-O43."), backups)
        self.assertRegex(backups[0], BACKUP)
        self.assertEqual(read_bytes(os.path.join(out, backups[0])), signed)
        new = read_bytes(os.path.join(out, O43))
        self.assertTrue(new.startswith(b"%PDF"))
        self.assertNotIn(SIGNATURE, new)
        # stderr names both files, and nothing else is said (-q)
        lines = proc.stderr.splitlines()
        self.assertEqual(len(lines), 1, proc.stderr)
        self.assertIn(os.path.join(out, O43) + " was changed since", lines[0])
        self.assertIn("kept as " + os.path.join(out, backups[0]), lines[0])
        self.assertIn("sign the new one again", lines[0])
        # the unchanged ones: new files under their names, no word
        for pdf, inode in unchanged.items():
            self.assertNotEqual(os.stat(os.path.join(out, pdf)).st_ino,
                                inode, pdf)
        self.assert_listed(out)

    def test_force_prints_over_a_signed_pdf_and_says_so(self):
        out = self.copy("forced")
        signed = sign(os.path.join(out, O43))
        proc = run(out, "--pdf", "-q", "--force")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(pdf_backups(out), [])
        self.assertNotEqual(read_bytes(os.path.join(out, O43)), signed)
        self.assertEqual(
            proc.stderr,
            f"itabench: --force: overwrote {os.path.join(out, O43)}, which "
            "was changed since itabench wrote it (no backup kept)\n")
        self.assert_listed(out)

    def test_a_run_without_pdf_keeps_the_pdfs_and_their_lines(self):
        out = self.copy("no_pdf")
        before = {pdf: read_bytes(os.path.join(out, pdf)) for pdf in PDFS}
        listed = {pdf: manifest(out)[pdf] for pdf in PDFS}
        proc = run(out, "-q")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        for pdf in PDFS:
            self.assertEqual(read_bytes(os.path.join(out, pdf)), before[pdf])
            self.assertEqual(manifest(out).get(pdf), listed[pdf], pdf)
        # so they are still the run's own: printed over without a backup
        proc = run(out, "--pdf", "-q")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stderr, "")
        self.assertEqual(pdf_backups(out), [])
        self.assert_listed(out)

    def test_a_pdf_the_manifest_does_not_list_is_kept(self):
        out = self.copy("unlisted")
        path = os.path.join(out, ".itabench-manifest")
        with open(path) as f:
            lines = f.readlines()
        with open(path, "w") as f:
            f.writelines(l for l in lines if not l.rstrip("\n").endswith(O42))
        old = read_bytes(os.path.join(out, O42))
        proc = run(out, "--pdf", "-q")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        backups = pdf_backups(out)
        self.assertEqual(len(backups), 1, backups)
        self.assertTrue(backups[0].startswith(BOOK + "-O42."), backups)
        self.assertEqual(read_bytes(os.path.join(out, backups[0])), old)
        self.assertIn(os.path.join(out, O42) + " was changed since",
                      proc.stderr)
        self.assert_listed(out)

    def test_the_pdfs_are_not_taken_for_a_renamed_offices_workbook(self):
        out = self.copy("renamed")
        item, _ = edit_first_row(os.path.join(out, BOOK + ".xlsx"),
                                 {"ผู้ดำเนินการ": "นาย ร"})
        # the inputs as after the rename (test_keep_edits.rename_phase)
        by_code, _ = ref.districts()
        old_name = by_code[OFFICE]["name_en"]
        inputs = os.path.join(self.tmp, "inputs_renamed")
        shutil.copytree(os.path.join(ref.REPO, "inputs"), inputs)
        for root, _, files in os.walk(inputs):
            for name in files:
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    text = f.read()
                with open(os.path.join(root, name), "w",
                          encoding="utf-8") as f:
                    f.write(text.replace(old_name, "Renamed District"))
        registry = os.path.join(inputs, "reference", "bangkok_districts.csv")
        proc = run(out, "--no-city-book", "--districts", registry,
                   inputs=inputs)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn(os.path.basename(BOOK) + ".xlsx is this office's "
                      "workbook under its former name", proc.stderr)
        renamed = os.path.join(
            out, "offices", f"ita_{YEAR}_{OFFICE}_renamed-district.xlsx")
        self.assertEqual(plan_rows(renamed)[item]["ผู้ดำเนินการ"], "นาย ร")


if __name__ == "__main__":
    unittest.main()
