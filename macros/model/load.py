"""Loading the shared records: kilder.yaml, parter.yaml, boligomraader.yaml, plan.yaml."""

from __future__ import annotations

from pathlib import Path

from macros.core.errors import Location, PlanError, PlanErrors
from macros.core.yamlio import LineDict, load_validated
from macros.model.records import Area, DatedFact, Department, Party, PlanFacts, Source
from macros.model.refs import RefChecker, check_unique_ids


def load_sources(data_dir: Path) -> dict[str, Source]:
    path = data_dir / "kilder.yaml"
    items = load_validated(path, "kilder")
    check_unique_ids(items, path, "En kilde")
    return {
        i["id"]: Source(i["id"], i["titel"], i["udgiver"], i.get("dato"), i.get("aar"), i.get("url")) for i in items
    }


def load_parties(data_dir: Path) -> dict[str, Party]:
    path = data_dir / "parter.yaml"
    items = load_validated(path, "parter")
    check_unique_ids(items, path, "En part")
    parties = {
        i["id"]: Party(i["id"], i["navn"], i["kort_navn"], i["type"], tuple(i.get("medlemmer", []))) for i in items
    }
    check_party_members(path, items, parties)
    return parties


def load_areas(data_dir: Path, sources: dict | None = None, parties: dict | None = None) -> dict[str, Area]:
    path = data_dir / "boligomraader.yaml"
    items = load_validated(path, "boligomraader")
    check_unique_ids(items, path, "Et boligområde")
    refs = RefChecker()
    orgs = [p.id for p in (parties or {}).values() if p.kind == "boligorganisation"]
    for item in items:
        for index, org in enumerate(item.get("boligorganisationer", [])):
            refs.check(org, orgs, path, item["boligorganisationer"].line_of(index), "boligorganisation",
                       "boligorganisationer")
        for dep in item.get("afdelinger", []):
            if "boligorganisation" in dep:
                refs.check(dep["boligorganisation"], orgs, path, dep.line_of("boligorganisation"), "boligorganisation",
                           "boligorganisation")
            if "kilde" in dep and sources is not None:
                refs.check(dep["kilde"], sources, path, dep.line_of("kilde"), "kilde", "kilde")
    refs.raise_if_any()
    return {
        i["id"]: Area(
            i["id"], i["navn"], i["by"], tuple(i["perioder"]),
            tuple(i.get("boligorganisationer", [])),
            tuple(Department(d["navn"], d.get("nummer"), d.get("boligorganisation"), d.get("kilde"))
                  for d in i.get("afdelinger", [])),
        )
        for i in items
    }


def load_facts(data_dir: Path, sources: dict, parties: dict, areas: dict) -> PlanFacts:
    path = data_dir / "plan.yaml"
    raw: LineDict = load_validated(path, "plan")
    refs = RefChecker()

    period = raw["periode"]
    refs.check_key(period, "kilde", sources, path)
    for key in ("godkendt_af_lbf", "ikrafttraeden"):
        if key in raw:
            refs.check_key(raw[key], "kilde", sources, path)
    refs.check_key(raw, "vision_kilde", sources, path)
    for index, area_id in enumerate(raw["boligomraader"]):
        refs.check(area_id, areas, path, raw["boligomraader"].line_of(index), "boligområde", "boligomraader")
    for index, party_id in enumerate(raw["parter"]):
        refs.check(party_id, parties, path, raw["parter"].line_of(index), "part", "parter")
    if period["slut"] <= period["start"]:
        refs.problems.append(
            PlanError(
                Location(path, line=period.line_of("slut"), column="slut"),
                "Periodens slutdato ligger før eller på startdatoen.",
                "Ret «start» eller «slut», så slut kommer efter start.",
            )
        )
    refs.raise_if_any()

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
    )


def check_party_members(path: Path, items, parties: dict[str, Party]) -> None:
    """Group parties (``medlemmer``) may only list known, non-group parties."""
    refs = RefChecker()
    for item in items:
        for i, member in enumerate(item.get("medlemmer", [])):
            refs.check(member, parties, path, item["medlemmer"].line_of(i), "part (medlem)", "medlemmer")
            if member == item["id"]:
                refs.problems.append(
                    PlanError(
                        Location(path, line=item["medlemmer"].line_of(i), column="medlemmer"),
                        f"Parten «{member}» står som medlem af sig selv.",
                        "Slet id'et fra «medlemmer».",
                    )
                )
    if refs.problems:
        raise PlanErrors(refs.problems)
