"""Custom catalogues: the worked donor example of docs/catalogue-format.md runs; mistyped ids
get suggestions; explain and docs work on custom catalogues; editions are never inherited."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT

DOC = ROOT / "docs" / "catalogue-format.md"


@pytest.fixture(scope="module")
def donor(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- donor-example:start -->\n```yaml\n(.*?)```\n"
                      r"<!-- donor-example:end -->", text, re.S)
    assert block, "the worked donor example is missing from docs/catalogue-format.md"
    path = tmp_path_factory.mktemp("donor") / "coastal-fund.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    return path


def test_the_documented_donor_example_runs(cli: Callable[..., Any], donor: Path) -> None:
    result = cli("check", str(ROOT / "examples" / "riverton.yaml"), "-f", str(donor),
                 "-F", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (fw,) = data["frameworks"]
    assert fw["id"] == "coastal-fund" and fw["edition"].startswith("Coastal Resilience Fund")
    assert [g["id"] for g in fw["groups"]] == ["D1", "D5", "CF"]
    ids = {r["id"]: r for r in data["results"]}
    assert "LMGI-D1.20" not in ids and "LMGI-D2.01" not in ids
    assert ids["LMGI-D5.03"]["weight"] == 5 and ids["LMGI-D5.03"]["priority"] == "core"
    assert ids["CF-1.01"]["status"] in ("met", "unmet", "partial", "not-stated")


def test_explain_and_docs_on_a_custom_catalogue(cli: Callable[..., Any], donor: Path,
                                                tmp_path: Path) -> None:
    result = cli("explain", "CF-1.01", "-f", str(donor))
    assert result.exit_code == 0, result.output
    assert "Early warnings reach migrants" in result.stdout
    result = cli("explain", "LMGI-D5.03", "-f", str(donor))
    assert "weight: 5" in result.stdout and "priority: core" in result.stdout
    result = cli("docs", "-f", str(donor), "-o", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "coastal-fund.md").read_text(encoding="utf-8")
    assert "CF-1.01" in page and "Coastal Resilience Fund 2026" in page
    assert cli("docs", "-f", str(donor)).exit_code == 2  # where to? -o is required
    listed = cli("frameworks", "-f", str(donor)).stdout
    assert listed.startswith("coastal-fund") and "Fund requirements" in listed


def _custom(tmp_path: Path, extra: dict[str, Any]) -> Path:
    data = {"catalogue_version": 1, "extends": "local-mgi",
            "framework": {"id": "mine", "title": "My programme"}, **extra}
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_unknown_ids_get_did_you_mean_with_padding(cli: Callable[..., Any],
                                                   tmp_path: Path) -> None:
    example = str(ROOT / "examples" / "riverton.yaml")
    path = _custom(tmp_path, {"drop": {"criteria": ["LMGI-D5.3x"]}})
    result = cli("check", example, "-f", str(path))
    assert result.exit_code == 2 and "did you mean LMGI-D5.03" in result.stderr
    path = _custom(tmp_path, {"override": {"LMGI-D05.003": {"weight": 2}}})
    result = cli("check", example, "-f", str(path))
    assert result.exit_code == 2 and "did you mean LMGI-D5.03" in result.stderr
    path = _custom(tmp_path, {"drop": {"groups": ["D7"]}})
    result = cli("check", example, "-f", str(path))
    assert result.exit_code == 2 and "D1, D2, D3, D4, D5, D6" in result.stderr
    result = cli("explain", "LMGI-D5.3x")
    assert result.exit_code == 2 and "did you mean LMGI-D5.03" in result.stderr


def test_a_custom_catalogue_never_inherits_an_edition(cli: Callable[..., Any],
                                                      tmp_path: Path) -> None:
    path = _custom(tmp_path, {})
    result = cli("check", str(ROOT / "examples" / "riverton.yaml"), "-f", str(path), "-F",
                 "json")
    (fw,) = json.loads(result.stdout)["frameworks"]
    assert fw["title"] == "My programme"
    assert fw["edition"].startswith("custom catalogue based on Local MGI")
