"""A value against a threshold, as the law and LBF's rules compare them.

Shared by the statutory criteria and the budget's co-financing rule: the
comparison operators, their Danish words, the three outcomes and the badge
that shows an outcome as icon and word (never colour alone).
"""

from __future__ import annotations

import enum

from macros.core.html import esc

#: Values are compared after rounding to this many decimals, so that an average
#: like (40.1 + 39.9) / 2 counts as exactly 40 (floating point would say 39.999…).
PRECISION = 9

#: The operators in the rule files, as the law words them.
OPERATOR_WORDS = {
    ">": "overstiger",
    ">=": "mindst",
    "<": "mindre end",
    "<=": "højst",
}


class Status(enum.Enum):
    MET = "opfyldt"
    NOT_MET = "ikke opfyldt"
    UNKNOWN = "kan ikke vurderes"

    @property
    def label(self) -> str:
        return {"opfyldt": "Opfyldt", "ikke opfyldt": "Ikke opfyldt", "kan ikke vurderes": "Kan ikke vurderes"}[
            self.value
        ]

    @property
    def icon(self) -> str:
        return {"opfyldt": "✔", "ikke opfyldt": "✖", "kan ikke vurderes": "?"}[self.value]

    @property
    def css(self) -> str:
        return {"opfyldt": "opfyldt", "ikke opfyldt": "ikke-opfyldt", "kan ikke vurderes": "ukendt"}[self.value]


def compare(operator: str, value: float, threshold: float) -> bool:
    """The law's comparison, exact at the boundary ("overstiger 40 %" is false at 40)."""
    difference = round(value - threshold, PRECISION)
    if operator == ">":
        return difference > 0
    if operator == ">=":
        return difference >= 0
    if operator == "<":
        return difference < 0
    if operator == "<=":
        return difference <= 0
    raise ValueError(f"unknown operator {operator!r}")


def status_badge(status: Status, text: str | None = None) -> str:
    """A status as icon + word (never colour alone)."""
    return (
        f'<span class="plan-status plan-status--{status.css}">'
        f'<span aria-hidden="true">{status.icon}</span>\u00a0{esc(text or status.label)}</span>'
    )
