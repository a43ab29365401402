"""The gold sets stay valid: every line checked by annotations/gold/check_gold.py."""
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize("args", [[], ["annotations/heldout/data", "annotations/heldout/gold"],
                                  ["annotations/blind/data", "annotations/blind/gold"]])
def test_gold_files_are_valid(args):
    out = subprocess.run([sys.executable, "annotations/gold/check_gold.py", *args], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert " 0 bad" in out.stdout


@pytest.mark.parametrize("name", ["heldout", "blind"])
def test_gold_second_annotator_scores(nlp, name):
    from checker.evaluate import evaluate

    report = evaluate(nlp, ROOT / f"annotations/{name}/data", ROOT / f"annotations/{name}/gold")
    assert report.overall.precision >= 0.9 and report.overall.recall >= 0.9, report.text(verbose=True)
