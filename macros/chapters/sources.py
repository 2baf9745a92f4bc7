"""Source lists: the documents a chapter builds on, from ``data/kilder.yaml``."""

from __future__ import annotations

from macros.core.errors import PlanError, suggest
from macros.core.html import block
from macros.model.html import source_label

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/kilder.yaml",)


def render_source_list(plan, source_ids: tuple[str, ...] = ()) -> str:
    """A numbered list of sources; all sources when no ids are given."""
    ids = list(dict.fromkeys(source_ids)) or list(plan.sources)
    unknown = [i for i in ids if i not in plan.sources]
    if unknown:
        raise PlanError(
            None,
            f"Kilden «{unknown[0]}» findes ikke i data/kilder.yaml.",
            suggest(unknown[0], plan.sources),
        )
    items = "".join(f"<li>{source_label(plan.sources[i])}</li>" for i in ids)
    return block(f'<ol class="plan-kildeliste">{items}</ol>')


def blocks(plan, context) -> dict:
    return {"kildeliste": lambda *kilder: render_source_list(plan, kilder)}
