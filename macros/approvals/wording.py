"""The approval status in plain Danish: one wording for site, PDF and meeting packs.

Pure functions of plain values, so every state can be tested without git.
Two things are said separately:

* the plan's **legal status** (from data/plan.yaml): approved by
  Landsbyggefonden and in force, or still a draft;
* the **review status** of the text: approved by a body, corrected since, or
  never approved;

and the **version** in words people can read ("Version 2026.1 + 2 rettelser
(1. december 2026)"), with the content id and commit only in small print.
"""

from __future__ import annotations

import datetime as dt

from macros.core import danish

#: Party types whose short name is a common noun ("Bestyrelsen" → "bestyrelsen" in a sentence).
COMMON_NOUN_KINDS = ("organ", "politisk")


def body_in_sentence(name: str, kind: str) -> str:
    """``Bestyrelsen`` → ``bestyrelsen`` mid-sentence; names and abbreviations stay as they are."""
    if kind in COMMON_NOUN_KINDS and name[:1].isupper() and name[1:2].islower() and " " not in name:
        return name[:1].lower() + name[1:]
    return name


def genitive(name: str) -> str:
    """``bestyrelsen`` → ``bestyrelsens``, ``LBF`` → ``LBF's``, ``Slagelse Kommune`` → ``Slagelse Kommunes``."""
    if name.isupper():
        return name + "'s"
    if name[-1:].lower() in ("s", "x", "z"):
        return name + "'"
    return name + "s"


# --- legal status ---------------------------------------------------------------------

NOT_APPROVED_BY_LBF = "ikke-godkendt-af-lbf"
NOT_YET_IN_FORCE = "endnu-ikke-i-kraft"
IN_FORCE = "i-kraft"
ENDED = "afsluttet"


def legal_state(lbf_approved: dt.date | None, effective: dt.date | None, end: dt.date, today: dt.date) -> str:
    if lbf_approved is None or effective is None:
        return NOT_APPROVED_BY_LBF
    if today < effective:
        return NOT_YET_IN_FORCE
    if today > end:
        return ENDED
    return IN_FORCE


def legal_sentence(state: str, effective: dt.date | None, end: dt.date) -> str:
    if state == NOT_APPROVED_BY_LBF:
        return "Udkast: Planen er endnu ikke godkendt af Landsbyggefonden."
    if state == ENDED:
        return (
            f"Planen var godkendt af Landsbyggefonden og gjaldt fra {danish.date_long(effective)} "
            f"til {danish.date_long(end)}."
        )
    return f"Planen er godkendt af Landsbyggefonden og gælder fra {danish.date_long(effective)}."


def legal_short(state: str, effective: dt.date | None, end: dt.date) -> str:
    if state == NOT_APPROVED_BY_LBF:
        return "Udkast: endnu ikke godkendt af Landsbyggefonden."
    if state == ENDED:
        return f"Planen gjaldt til {danish.date_long(end)}."
    return f"Planen gælder fra {danish.date_long(effective)}."


# --- review status of the text ------------------------------------------------------------

APPROVED = "godkendt"
CHANGED = "rettet"
NEVER = "forslag"
UNKNOWN = "ukendt"


def endorsements_phrase(endorsements) -> str:
    """``bestyrelsen 30. november 2026 og Byrådet 5. december 2026``."""
    parts = [f"{body_in_sentence(e.body_name, e.body_kind)} {danish.date_long(e.date)}" for e in endorsements]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]


def review_sentence(state: str, version=None) -> str:
    """The text's review status, without the closing full stop (a link may follow)."""
    if state == APPROVED:
        return f"Teksten er godkendt af {endorsements_phrase(version.endorsements)}"
    if state == CHANGED:
        latest = version.latest
        body = genitive(body_in_sentence(latest.body_name, latest.body_kind))
        return f"Teksten er rettet siden {body} godkendelse {danish.date_long(latest.date)}"
    if state == NEVER:
        return "Teksten er et forslag og er endnu ikke godkendt af planens bestyrelse"
    return "Det kan ikke afgøres, om teksten er godkendt, fordi udgaven er bygget uden for git"


def review_short(state: str, version=None) -> str:
    if state == APPROVED:
        return f"Teksten er godkendt {danish.date_long(version.latest.date)}"
    if state == CHANGED:
        return f"Teksten er rettet siden godkendelsen {danish.date_long(version.latest.date)}"
    if state == NEVER:
        return "Teksten er endnu ikke godkendt"
    return "Godkendelsen kan ikke afgøres"


#: What the link to the change log says after the review sentence.
LINK_TEXT = {
    APPROVED: "se godkendelsen",
    CHANGED: "se hvad der er ændret",
    NEVER: "se hvad der er ændret",
    UNKNOWN: "læs mere",
}


# --- version ----------------------------------------------------------------------------------


def corrections_phrase(count: int) -> str:
    return "1 rettelse" if count == 1 else f"{danish.number(count)} rettelser"


def version_label(state: str, version=None, corrections: int | None = None, changed_on: dt.date | None = None) -> str:
    """``Version 2026.1``, ``Version 2026.1 + 2 rettelser (1. december 2026)``,
    ``Forslag til godkendelse, 1. december 2026``."""
    if state == APPROVED:
        return f"Version {version.name}"
    if state == CHANGED:
        count = corrections_phrase(corrections) if corrections else "rettelser"
        when = f" ({danish.date_long(changed_on)})" if changed_on else ""
        return f"Version {version.name} + {count}{when}"
    if state == NEVER:
        return "Forslag til godkendelse" + (f", {danish.date_long(changed_on)}" if changed_on else "")
    return "Ukendt version (bygget uden for git)"


def small_print(content_id: str, commit: str | None, dirty: bool) -> str:
    """``Versions-id 3f9a1c07b2 · commit d3966d6``: for traceability, never a headline."""
    parts = [f"Versions-id {content_id}"]
    if commit:
        parts.append(f"commit {commit}" + (" med lokale ændringer" if dirty else ""))
    return " · ".join(parts)
