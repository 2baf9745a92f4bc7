#!/usr/bin/env python3
"""Generate the EXAMPLE beboerdata CSV files (not official figures).

The shipped files in data/beboerdata/ were written by this script. Every row
is marked ``eksempeldata=ja`` and every table is declared ``eksempeldata: true``
in tabeller.yaml, so the site labels them "Eksempeldata – ikke officielle tal".
The figures are plausible in shape (10 years, areas plus kommune and hele
landet, sums that add up, a few small counts that must be suppressed) but are
invented. Replace them with Landsbyggefonden's tables when they are at hand
(``make beboerdata-import``).

Like every file in the repository, the example tables hold only publishable
values: the generated figures go through the same disclosure control as the
import step (:mod:`macros.beboerdata.publish`), so a small count is written
«<5» and the cells that would reveal it «x».

Usage: python scripts/beboerdata_example.py [data_dir]   (overwrites the CSVs)
The synthetic benchmark plan uses :func:`write_example_data` with many areas.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.beboerdata import publish  # noqa: E402

YEARS = list(range(2015, 2025))
ELECTIONS = {"kommunalvalg": [2017, 2021], "folketingsvalg": [2015, 2019, 2022], "europaparlamentsvalg": [2019, 2024]}


@dataclass(frozen=True)
class Profile:
    """An area's (invented) character: population and how deprived it is (0–1)."""

    id: str
    population: float  # residents in the first year
    growth: float  # yearly relative change
    non_western: float  # share 0–1 in the first year
    deprivation: float  # 0 (like the country) … 1 (very deprived)
    is_area: bool = True


#: Areas around the statutory thresholds (40 %/60 %/55 %, non-western 30–55 %), kommune and country.
PROFILES = [
    Profile("ringparken", 1850, -0.004, 0.50, 0.80),
    Profile("motalavej", 1450, -0.003, 0.40, 0.88),
    Profile("sydbyen", 1250, 0.004, 0.30, 0.58),
    Profile("slagelse-kommune", 78000, 0.003, 0.07, 0.12, is_area=False),
    Profile("hele-landet", 5660000, 0.005, 0.08, 0.0, is_area=False),
]


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


class _Gen:
    def __init__(self, profile: Profile, rng: random.Random):
        self.p, self.rng = profile, rng

    def noise(self, spread: float = 0.04) -> float:
        return 1 + self.rng.uniform(-spread, spread)

    def pop(self, t: int) -> float:
        return self.p.population * (1 + self.p.growth) ** t

    def share(self, area_value: float, country_value: float, t: int, trend: float = 0.0, spread: float = 0.03) -> float:
        """A percentage between the country's value and a deprived area's, with a trend per year."""
        base = _lerp(country_value, area_value, self.p.deprivation) + trend * t
        return round(max(0.0, min(100.0, base * self.noise(spread))), 1)

    def counts(self, total: float, shares: dict[str, float], spread: float = 0.06) -> dict[str, int]:
        return {k: max(0, round(total * s * self.noise(spread))) for k, s in shares.items()}


ORIGINS = ("dansk", "indvandrere", "efterkommere")


def _population(g: _Gen, t: int) -> dict[str, int]:
    """Tabel 1 (origin × age): the population the other person tables are consistent with."""
    pop = g.pop(t)
    nw = g.p.non_western + 0.004 * t
    origins = {"dansk": 1 - nw - 0.03, "indvandrere": nw * 0.62 + 0.03, "efterkommere": nw * 0.38}
    ages = {"dansk": (0.22, 0.58, 0.20), "indvandrere": (0.15, 0.78, 0.07), "efterkommere": (0.80, 0.192, 0.008)}
    out: dict[str, int] = {}
    for origin, share in origins.items():
        cells = g.counts(pop * share, dict(zip(["0_17", "18_64", "65"], ages[origin])))
        for age, value in cells.items():
            out[f"{origin}_{age}"] = value
        out[f"{origin}_i_alt"] = sum(cells.values())
    out["i_alt"] = sum(out[f"{o}_i_alt"] for o in ORIGINS)
    return out


def _table_values(table_id: str, g: _Gen, t: int, year: int, base: dict[str, int]) -> dict[str, float]:
    p, pop = g.p, g.pop(t)
    nw = p.non_western + 0.004 * t
    d = p.deprivation
    if table_id == "1":
        return dict(base)
    if table_id == "2":
        children = sum(base[f"{o}_0_17"] for o in ORIGINS)
        adults = sum(base[f"{o}_18_64"] for o in ORIGINS)
        out = {"alder_0_5": round(children * (0.36 + 0.04 * d) * g.noise(0.03))}
        out["alder_6_17"] = children - out["alder_0_5"]
        out["alder_18_29"] = round(adults * (0.25 + 0.06 * d) * g.noise(0.03))
        out["alder_30_49"] = round(adults * 0.42 * g.noise(0.03))
        out["alder_50_64"] = adults - out["alder_18_29"] - out["alder_30_49"]
        out["alder_65"] = sum(base[f"{o}_65"] for o in ORIGINS)
        out["i_alt"] = base["i_alt"]
        out["andel_0_17"] = round(100 * children / out["i_alt"], 1)
        return out
    if table_id == "3":
        immigrants, descendants = base["indvandrere_i_alt"], base["efterkommere_i_alt"]
        western = round(immigrants * 0.03 / (nw * 0.62 + 0.03) * g.noise(0.1))
        western_desc = round(descendants * 0.008 * g.noise(0.5))
        out = {"vestlige_indvandrere": western, "ikke_vestlige_indvandrere": immigrants - western,
               "vestlige_efterkommere": western_desc, "ikke_vestlige_efterkommere": descendants - western_desc}
        out["i_alt"] = immigrants + descendants
        out["andel_af_beboere"] = round(100 * out["i_alt"] / base["i_alt"], 1)
        return out
    if table_id == "4":
        out = g.counts(pop / (2.3 - 0.3 * d), {"enlige_uden_boern": 0.40 + 0.05 * d, "par_uden_boern": 0.25 - 0.1 * d,
                                                "enlige_med_boern": 0.06 + 0.12 * d, "par_med_boern": 0.22 - 0.05 * d,
                                                "andre": 0.07 - 0.02 * d})
        out["i_alt"] = sum(out.values())
        return out
    if table_id == "5":
        children = sum(base[f"{o}_0_17"] for o in ORIGINS)
        out = {"enlig_forsoerger": round(children * (0.18 + 0.3 * d) * g.noise(0.05))}
        out["to_forsoergere"] = children - out["enlig_forsoerger"]
        out["i_alt"] = children
        out["andel_enlig_forsoerger"] = round(100 * out["enlig_forsoerger"] / out["i_alt"], 1)
        return out
    if table_id == "6":
        out = g.counts(pop * (0.055 + 0.02 * d), {"i_dagtilbud": 0.95 - 0.12 * d + 0.005 * t,
                                                   "ikke_i_dagtilbud": 0.05 + 0.12 * d - 0.005 * t})
        out["i_alt"] = sum(out.values())
        out["andel_i_dagtilbud"] = round(100 * out["i_dagtilbud"] / out["i_alt"], 1)
        return out
    if table_id in ("7", "8"):
        rate = (0.09 + 0.11 * d) * (1.04 if table_id == "8" else 1.0) * (1 - 0.01 * t)
        out = g.counts(pop * rate, {"enlige": 0.5, "par_uden_boern": 0.15, "familier_med_boern": 0.35})
        out["i_alt"] = sum(out.values())
        key = "fraflytningsprocent" if table_id == "7" else "tilflytningsprocent"
        out[key] = round(100 * out["i_alt"] / pop, 1)
        return out
    if table_id == "9":
        basic = 0.22 + 0.40 * d - 0.004 * t
        out = g.counts(pop * 0.38, {"grundskole": basic, "gymnasial": 0.07, "erhvervsfaglig": 0.40 - 0.2 * d,
                                    "videregaaende": 0.28 - 0.22 * d, "uoplyst": 0.03 + 0.05 * d})
        out["i_alt"] = sum(out.values())
        return out
    if table_id == "9a":
        with_edu = g.share(46, 76, t, 0.6)
        working = g.share(16, 14, t)
        return {"med_uddannelse": with_edu, "uden_uddannelse_i_beskaeftigelse": working,
                "uden_uddannelse_og_beskaeftigelse": round(max(0.0, 100 - with_edu - working), 1)}
    if table_id == "9b":
        return {k: round(_lerp(v, v - 0.3, d) * g.noise(0.01), 2)
                for k, v in {"social_trivsel": 4.0, "faglig_trivsel": 3.8, "ro_og_orden": 3.7}.items()}
    if table_id == "9c":
        return {"andel_mindst_2": g.share(72, 89, t, 0.5), "karaktergennemsnit": round(_lerp(7.2, 5.6, d) * g.noise(0.03), 1)}
    if table_id == "10":
        out = g.counts(pop * 0.58, {"beskaeftigede": 0.74 - 0.36 * d + 0.004 * t, "under_uddannelse": 0.10 + 0.02 * d,
                                    "arbejdsloese": 0.03 + 0.03 * d, "offentlig_forsoergelse": 0.09 + 0.25 * d - 0.004 * t,
                                    "oevrige": 0.04 + 0.06 * d})
        out["i_alt"] = sum(out.values())
        return out
    if table_id == "11":
        out = g.counts(pop * 0.8, {"under_150000": 0.2 + 0.3 * d - 0.008 * t, "fra_150000_til_224999": 0.2 + 0.08 * d,
                                   "fra_225000_til_299999": 0.2 - 0.02 * d, "fra_300000": 0.4 - 0.36 * d + 0.008 * t})
        out["i_alt"] = sum(out.values())
        return out
    if table_id == "12":
        growth = 1.025 ** t
        mean = _lerp(520000, 250000, d) * growth * g.noise(0.02)
        return {"gennemsnit": round(mean, -2), "median": round(mean * 0.86, -2)}
    if table_id == "13":
        growth = 1.025 ** t
        base = _lerp(330000, 175000, d) * growth
        return {"bosiddende": round(base * g.noise(0.02), -2), "tilflyttede": round(base * 0.88 * g.noise(0.05), -2),
                "fraflyttede": round(base * 1.08 * g.noise(0.05), -2)}
    if table_id == "14":
        share = g.share(42, 16, t, -0.5)
        return {"fuldtidspersoner": round(pop * 0.6 * share / 100), "andel_af_16_64": share}
    if table_id == "15":
        selfsupp = 0.72 - 0.36 * d + 0.003 * t
        out = g.counts(pop * 0.6, {"grad_0": selfsupp, "grad_1_49": (1 - selfsupp) * 0.3,
                                   "grad_50_99": (1 - selfsupp) * 0.25, "grad_100": (1 - selfsupp) * 0.45}, 0.03)
        out["i_alt"] = sum(out.values())
        out["andel_selvforsoergende"] = round(100 * out["grad_0"] / out["i_alt"], 1)
        return out
    if table_id == "16":
        full = pop * 0.6 * (0.16 + 0.26 * d)
        out = g.counts(full, {"bosiddende": 0.9, "tilflyttede": 0.06, "fraflyttede": 0.04 - 0.002 * t}, 0.15)
        out["i_alt"] = sum(out.values())
        return out
    if table_id == "17":
        a = g.share(4.0, 1.3, t, -0.05, 0.08)
        s = g.share(3.4, 1.2, t, -0.05, 0.08)
        return {"afgoerelse": a, "sigtelse": s, "afgoerelse_eller_sigtelse": round(max(a, s) + min(a, s) * 0.45, 1)}
    if table_id == "18":
        return {"beboere": base["i_alt"], **_criteria(g, t)}
    if table_id == "19":
        out = {}
        for election, base_country, base_area in [("kommunalvalg", 70.0, 44.0), ("folketingsvalg", 84.5, 64.0),
                                                  ("europaparlamentsvalg", 60.0, 34.0)]:
            if year in ELECTIONS[election]:
                out[election] = g.share(base_area, base_country, 0)
        return out
    if table_id == "20":
        return {"egen_laege": round(_lerp(7.4, 10.2, d) * g.noise(0.03) * (1 + 0.01 * t), 1),
                "skadestue": round(_lerp(0.22, 0.36, d) * g.noise(0.05), 1),
                "indlaeggelser": round(_lerp(0.17, 0.26, d) * g.noise(0.05), 1)}
    raise KeyError(table_id)


#: Tabel 18 per area: (first-year value, yearly trend). Chosen to sit around the statutory thresholds.
_CRITERIA = {
    "ringparken": {"uden_arbejde_uddannelse": (44.0, -0.7), "doemte": (2.8, -0.05), "kun_grundskole": (63.0, -0.5),
                   "indkomst_pct_region": (53.0, 0.3), "ikke_vestlige": (50.0, 0.5)},
    "motalavej": {"uden_arbejde_uddannelse": (47.0, -0.6), "doemte": (2.6, -0.02), "kun_grundskole": (65.0, -0.4),
                  "indkomst_pct_region": (50.0, 0.4), "ikke_vestlige": (40.0, 0.6)},
    "sydbyen": {"uden_arbejde_uddannelse": (37.0, -0.5), "doemte": (1.9, -0.04), "kun_grundskole": (56.0, -0.6),
                "indkomst_pct_region": (59.0, 0.3), "ikke_vestlige": (30.0, 0.4)},
    "slagelse-kommune": {"uden_arbejde_uddannelse": (15.5, -0.25), "doemte": (1.05, -0.02), "kun_grundskole": (29.0, -0.35),
                         "indkomst_pct_region": (94.0, 0.1), "ikke_vestlige": (6.8, 0.2)},
    "hele-landet": {"uden_arbejde_uddannelse": (13.0, -0.2), "doemte": (0.95, -0.015), "kun_grundskole": (25.0, -0.3),
                    "indkomst_pct_region": (100.0, 0.0), "ikke_vestlige": (8.0, 0.2)},
}


def _criteria(g: _Gen, t: int) -> dict[str, float]:
    p = g.p
    table = _CRITERIA.get(p.id)
    if table is None:  # synthetic areas: derive from the profile
        d = p.deprivation
        table = {"uden_arbejde_uddannelse": (_lerp(13, 50, d), -0.5), "doemte": (_lerp(0.95, 3.0, d), -0.03),
                 "kun_grundskole": (_lerp(25, 66, d), -0.4), "indkomst_pct_region": (_lerp(100, 50, d), 0.3),
                 "ikke_vestlige": (p.non_western * 100, 0.5)}
    out: dict[str, float] = {}
    for key, (start, trend) in table.items():
        spread = 0.08 if key == "doemte" else 0.025
        decimals = 2 if key == "doemte" else 1
        out[key] = round(max(0.0, min(100.0, (start + trend * t) * g.noise(spread))), decimals)
    return out


def write_example_data(data_dir: Path, profiles: list[Profile] = PROFILES, years: list[int] = YEARS, seed: int = 2025) -> None:
    """(Re)write every CSV declared in ``beboerdata/tabeller.yaml`` with example rows, disclosure-controlled."""
    folder = Path(data_dir) / "beboerdata"
    specs, suppression, rules = publish.declarations(Path(data_dir))
    tables: dict[str, list[tuple]] = {}
    declarations = yaml.safe_load((folder / "tabeller.yaml").read_text(encoding="utf-8"))
    units = declarations["enheder"]
    population = {}
    for profile in profiles:
        g = _Gen(profile, random.Random(f"{seed}-befolkning-{profile.id}"))
        population[profile.id] = [_population(g, t) for t in range(len(years))]
    for table in declarations["tabeller"]:
        rng = random.Random(f"{seed}-{table['id']}")
        comparison = set(table.get("sammenligning", []))
        order = [c["id"] for c in table["kategorier"]]
        person = {c["id"] for c in table["kategorier"] if units[c["enhed"]]["personantal"]}
        rows = []
        for profile in profiles:
            if not profile.is_area and profile.id not in comparison:
                continue
            g = _Gen(profile, rng)
            for t, year in enumerate(years):
                values = _table_values(table["id"], g, t, year, population[profile.id][t])
                for cat in order:
                    if cat not in values:
                        continue
                    if not profile.is_area and cat in person and not (table["id"] == "18" and cat == "beboere"):
                        continue  # counts are not compared; kommune/landet get shares and averages only
                    rows.append((profile.id, year, cat, values[cat]))
        position = {p.id: i for i, p in enumerate(profiles)}
        rows.sort(key=lambda r: (position[r[0]], order.index(r[2]), r[1]))
        tables[table["id"]] = rows
    values = {t: {(area, year, cat): value for area, year, cat, value in rows} for t, rows in tables.items()}
    status = publish.hide(rules, values)
    for table_id, rows in tables.items():
        spec = specs[table_id]
        text = publish.table_csv(spec, [(*row, True) for row in rows], status.get(table_id, {}), suppression)
        (folder / spec.file).write_text(text, encoding="utf-8", newline="")


if __name__ == "__main__":
    write_example_data(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data")
