"""The GitHub step summary: verdict, reason, one escaped row per policy, bounded in size."""

from __future__ import annotations

from mgf_check.reporters.stepsummary import MAX_ROWS, Row, render


def test_a_failed_run_says_why_and_escapes_what_came_from_the_policy() -> None:
    rows = [Row("policies/a.yaml", "A | <b>", {"MiGOF": 41.25, "MICIC": None}, 12,
                tuple(f"X-{i}" for i in range(12))),
            Row("policies/bad.yaml", error="policies/bad.yaml:3:1: not a date\n  hint: x")]
    text = render(rows, "2 criteria got worse than the baseline: X-0, X-1", gated=True)
    assert text.startswith("## mgf-check: failed\n\n**Why:** 2 criteria got worse")
    (a_row,) = [line for line in text.splitlines() if line.startswith("| policies/a.yaml")]
    assert "A \\| " in a_row and "<b>" not in a_row
    assert "MiGOF 41.2%, MICIC n/a" in a_row and "X-9 and 2 more" in a_row
    assert "invalid: policies/bad.yaml:3:1: not a date" in text


def test_a_passing_run_without_a_gate_says_so_and_long_runs_are_cut() -> None:
    text = render([Row(f"p{i}.yaml") for i in range(MAX_ROWS + 5)], "", gated=False)
    assert text.startswith("## mgf-check: passed\n\nNo threshold or baseline was set")
    # MAX_ROWS policy rows, plus the header row (`| policy |`)
    assert text.count("\n| p") == MAX_ROWS + 1 and "5 more policies are in the full report" in text
