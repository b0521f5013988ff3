"""The id rule (two-digit serials) and the old one-digit ids that still resolve."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from mgf_check.catalogue.ids import padded, resolve
from mgf_check.model import Framework
from tests.conftest import ROOT, policy

CATALOGUES = ROOT / "tests" / "data" / "catalogues"
HEALTH = policy({"rights": {"health": {"status": "implemented", "scope": "regular-status"}}})


def test_every_bundled_id_has_a_two_digit_serial(frameworks: tuple[Framework, ...]) -> None:
    for framework in frameworks:
        for criterion in framework.criteria:
            assert re.fullmatch(r"[A-Z]+-[A-Za-z0-9]+\.\d{2}", criterion.id), criterion.id


def test_padded_and_resolve() -> None:
    assert padded("MIGOF-P1.1") == "MIGOF-P1.01"
    assert padded("MICIC-G06.1") == "MICIC-G06.01"
    assert padded("LMGI-D1.01") is None
    known = {"MIGOF-P1.01", "CITY-A.1"}
    assert resolve("MIGOF-P1.01", known) == ("MIGOF-P1.01", None)
    new, note = resolve("MIGOF-P1.1", known)
    assert new == "MIGOF-P1.01" and note is not None and "MIGOF-P1.01" in note
    assert resolve("CITY-A.1", known) == ("CITY-A.1", None)  # a custom id stays as written
    assert resolve("MIGOF-P9.1", known) == ("MIGOF-P9.1", None)


def _json(result: Any) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(result.stdout)
    return data


def test_old_id_in_a_waiver_still_waives(cli: Callable[..., Any],
                                         write_policy: Callable[..., Path]) -> None:
    waiver = {"criterion": "MIGOF-P1.1", "reason": "national law", "approved_by": "Council",
              "expires": "2026-06-30"}
    path = write_policy({**HEALTH, "waivers": [waiver]})
    data = _json(cli("check", str(path), "-f", "migof", "-F", "json"))
    by_id = {r["id"]: r for r in data["results"]}
    assert by_id["MIGOF-P1.01"]["status"] == "waived"
    assert any("MIGOF-P1.1 is an old criterion id" in n["message"] and "MIGOF-P1.01"
               in n["message"] for n in data["notices"])


def test_explain_accepts_an_old_id_with_a_note(cli: Callable[..., Any]) -> None:
    result = cli("explain", "MICIC-G06.1")
    assert result.exit_code == 0 and result.stdout.startswith("MICIC-G06.01 ")
    assert "old criterion id" in result.stderr and "MICIC-G06.01" in result.stderr


def test_custom_catalogue_with_old_ids(cli: Callable[..., Any],
                                       write_policy: Callable[..., Path]) -> None:
    path = write_policy(HEALTH)
    data = _json(cli("check", str(path), "-f", str(CATALOGUES / "legacy-ids.yaml"),
                     "-F", "json"))
    by_id = {r["id"]: r for r in data["results"]}
    assert by_id["MIGOF-P1.01"]["weight"] == 5 and "MIGOF-P1.02" not in by_id
    messages = " ".join(n["message"] for n in data["notices"])
    assert "MIGOF-P1.2 is an old criterion id" in messages and "MIGOF-P1.1 is" in messages
