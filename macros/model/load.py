"""Loading the shared records: kilder.yaml, parter.yaml, boligomraader.yaml, plan.yaml."""

from __future__ import annotations

from pathlib import Path

from macros.core.errors import Location, PlanError, PlanErrors
from macros.core.schemawords import KnownIds
from macros.core.yamlio import LineDict, load_validated
from macros.model.records import Area, DatedFact, Department, Party, PlanFacts, Source


def named_ids(records, **fields: str) -> dict | object:
    """Id -> the fields a reference's name hint looks at (``navn="name"``: the
    data file's ``navn`` is the record's ``name``), for :meth:`KnownIds.with_ids`.
    Plain ids (a list, or a mapping of plain values) are passed through."""
    if not isinstance(records, dict):
        return records
    return {
        ident: {key: getattr(record, attr) for key, attr in fields.items() if getattr(record, attr, None)}
        for ident, record in records.items()
    }


def known_ids(sources: dict | None = None, parties: dict[str, Party] | None = None, areas: dict | None = None) -> KnownIds:
    """The shared id sets that the schemas' ``findes_i`` can name (``kilder`` with
    their ``titel``, ``parter`` with their ``type``, ``navn`` and ``kort_navn``,
    ``boligomraader`` with their ``navn``); only the ones given."""
    known = KnownIds()
    if sources is not None:
        known = known.with_ids("kilder", named_ids(sources, titel="title"))
    if parties is not None:
        known = known.with_ids(
            "parter", {p.id: {"type": p.kind, "navn": p.name, "kort_navn": p.short_name} for p in parties.values()}
        )
    if areas is not None:
        known = known.with_ids("boligomraader", named_ids(areas, navn="name"))
    return known


def load_sources(data_dir: Path) -> dict[str, Source]:
    path = data_dir / "kilder.yaml"
    items = load_validated(path, "kilder")
    return {
        i["id"]: Source(i["id"], i["titel"], i["udgiver"], i.get("dato"), i.get("aar"), i.get("url")) for i in items
    }


def load_parties(data_dir: Path) -> dict[str, Party]:
    path = data_dir / "parter.yaml"
    items = load_validated(path, "parter")
    check_party_members(path, items)
    return {
        i["id"]: Party(i["id"], i["navn"], i["kort_navn"], i["type"], tuple(i.get("medlemmer", []))) for i in items
    }


def load_areas(data_dir: Path, sources: dict | None = None, parties: dict | None = None) -> dict[str, Area]:
    path = data_dir / "boligomraader.yaml"
    known = known_ids(parties=parties or {}).with_ids("kilder", named_ids(sources, titel="title"))
    items = load_validated(path, "boligomraader", known)
    return {
        i["id"]: Area(
            i["id"], i["navn"], i["by"], tuple(i["perioder"]),
            tuple(i.get("boligorganisationer", [])),
            tuple(Department(d["navn"], d.get("nummer"), d.get("boligorganisation"), d.get("kilde"))
                  for d in i.get("afdelinger", [])),
        )
        for i in items
    }


#: plan.yaml's value for the WAS tool's statement until the real address is known.
WAS_PLACEHOLDER = "PLADSHOLDER"


def load_facts(data_dir: Path, sources: dict, parties: dict, areas: dict) -> PlanFacts:
    path = data_dir / "plan.yaml"
    raw: LineDict = load_validated(path, "plan", known_ids(sources, parties, areas))

    period = raw["periode"]
    if period["slut"] <= period["start"]:
        raise PlanError(
            Location(path, line=period.line_of("slut"), column="slut"),
            "Periodens slutdato ligger før eller på startdatoen.",
            "Ret «start» eller «slut», så slut kommer efter start.",
        )

    def dated(key: str) -> DatedFact | None:
        return DatedFact(raw[key]["dato"], raw[key]["kilde"]) if key in raw else None

    return PlanFacts(
        title=raw["titel"],
        subtitle=raw["undertitel"],
        publisher=raw["udgiver"],
        municipality=raw["kommune"],
        start=period["start"],
        end=period["slut"],
        period_note=period.get("note", ""),
        period_source_id=period["kilde"],
        lbf_approval=dated("godkendt_af_lbf"),
        effective=dated("ikrafttraeden"),
        vision=raw.get("vision", ""),
        vision_source_id=raw.get("vision_kilde"),
        area_ids=tuple(raw["boligomraader"]),
        party_ids=tuple(raw["parter"]),
        was_statement="" if raw.get("was_erklaering", WAS_PLACEHOLDER) == WAS_PLACEHOLDER else raw["was_erklaering"],
    )


def check_party_members(path: Path, items) -> None:
    """A group party (``medlemmer``) may not list itself (the schema checks that members exist)."""
    problems = [
        PlanError(
            Location(path, line=item["medlemmer"].line_of(i), column="medlemmer"),
            f"Parten «{member}» står som medlem af sig selv.",
            "Slet id'et fra «medlemmer».",
        )
        for item in items
        for i, member in enumerate(item.get("medlemmer", []))
        if member == item["id"]
    ]
    if problems:
        raise PlanErrors(problems)
