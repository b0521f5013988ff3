"""Shared builders for the unit tests: a small in-memory catalogue and criteria made to order."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from mgf_check.catalogue.compile import compile_framework
from mgf_check.conditions.combinators import compile_condition
from mgf_check.loading.yamlsource import load_text
from mgf_check.model import Conditions, Criterion, Framework, Priority, Status

#: A minimal catalogue with every required field: one group, criteria for each status path.
CATALOGUE = """\
catalogue_version: 1
framework:
  id: tiny
  title: A tiny test framework
groups:
  - id: G1
    title: First group
  - id: G2
    title: Second group
criteria:
  - id: TINY-1
    group: G1
    title: Health care for everyone
    question: Can every resident use primary health care?
    priority: core
    weight: 2
    competence: health
    subject: /rights/health
    met:
      all:
        - {path: /rights/health/status, in: [implemented]}
        - {path: /rights/health/scope, equals: everyone}
    met_means: Implemented, for everyone.
    partial:
      any:
        - {path: /rights/health/status, in: [implemented, adopted, pilot]}
    partial_means: Some access exists.
    recommendation: Open primary care to every resident.
    derived_from:
      framework: Test
      element: Principle 1
      document: A test document
      year: 2024
      basis: L2
    refs:
      gcm: [O15, O16]
      sdg: ["3.8"]
    examples:
      met: {rights: {health: {status: implemented, scope: everyone}}}
      partial: {rights: {health: {status: pilot}}}
      unmet: {rights: {health: {status: none}}}
  - id: TINY-2
    group: G2
    title: A migrant office
    question: Does the city run an office for migrants?
    priority: recommended
    weight: 1
    subject: /governance/migrant_office
    met: {path: /governance/migrant_office/status, equals: implemented}
    met_means: The office is open.
    recommendation: Open a one-stop office for newcomers.
    derived_from:
      framework: Test
      element: Principle 2
      document: A test document
      year: 2024
      basis: framework-text
    refs:
      gcm: [O15]
      sdg: ["10.7"]
    examples:
      met: {governance: {migrant_office: {status: implemented}}}
      unmet: {governance: {migrant_office: {status: none}}}
"""

#: One letter per status, for tables of statuses in tests (O for out-of-competence).
M, P, U, N = Status.MET, Status.PARTIAL, Status.UNMET, Status.NOT_STATED
W, O, A = Status.WAIVED, Status.OUT_OF_COMPETENCE, Status.NOT_APPLICABLE


@functools.cache
def tiny_framework() -> Framework:
    """The compiled in-memory catalogue (frozen, so shared)."""
    return compile_framework(load_text(CATALOGUE, "tiny.yaml"))


def criterion(cid: str = "T-1", *, group: str = "G1", weight: float = 1.0,
              priority: str = "core", refs: Mapping[str, tuple[str, ...]] | None = None,
              framework: str = "tiny", met: Any = None, subject: str = "/x") -> Criterion:
    """A criterion made to order, for scoring and exit-code tests."""
    return Criterion(
        id=cid, framework=framework, group=group, title="t", question="q?",
        priority=Priority(priority), weight=weight, subject=subject,
        conditions=Conditions(compile_condition(met or {"path": subject, "exists": True})),
        met_means="m", partial_means="", recommendation="r", practice="", competence=None,
        derived_from={}, refs=dict(refs or {"gcm": ("O15",)}),
    )
