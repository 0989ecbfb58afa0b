"""The frame every page of the site shares, and the small pieces pages are made of.

Every text from the plan, the ledger or a review goes through ``esc``; every link is relative
(``link``), so the folder works from file://, a shared drive or any static host.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape
from urllib.parse import quote

from kpi_cli.core.decimals import human, percent
from kpi_cli.core.trajectory import RATING_ORDER, Rating
from kpi_cli.files import is_windows_device
from kpi_cli.render.report_html import SYMBOL
from kpi_cli.reports.site import SiteData
from kpi_cli.reports.status import as_of_rule

SAFE_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
INDEX = "index.html"
STYLE = "site.css"
REPORTING = "reporting.html"
MARKER = ".kpi-site"


def esc(text: object) -> str:
    """Text as HTML text or attribute value (quotes escaped too)."""
    return escape(str(text), quote=True)


def slug(ident: str) -> str:
    """A file name for an id: the id itself (plan ids are lower-case ASCII and hyphens), or for an
    id that is not one, a name made from its hash (never a path of its own)."""
    if re.fullmatch(SAFE_ID, ident):
        return "_" + ident if is_windows_device(ident) else ident  # (con.html is the console on Windows)
    import hashlib

    return "id-" + hashlib.sha256(ident.encode("utf-8")).hexdigest()[:16]


def region_path(region_id: str, ext: str = "html") -> str:
    return f"regions/{slug(region_id)}.{ext}"


def project_path(project_id: str) -> str:
    return f"projects/{slug(project_id)}.html"


def kpi_path(kpi_id: str, ext: str = "html") -> str:
    return f"kpis/{slug(kpi_id)}.{ext}"


def zip_name(data: SiteData) -> str:
    """The .zip of all the data, named after the edition (a plan without an edition id: kpi-data.zip)."""
    return f"data/{slug(data.plan.edition.id) if data.plan.edition.id else 'kpi'}-data.zip"


def link(here: str, target: str) -> str:
    """The relative address of ``target`` (a site path) from the page at ``here``."""
    return esc("../" * here.count("/") + quote(target))


def a(here: str, target: str, text: str) -> str:
    return f'<a href="{link(here, target)}">{esc(text)}</a>'


def rating(r: Rating) -> str:
    return f'<span class="rating {r.value}">{SYMBOL[r]} {esc(r.ja)}</span>'


def rating_bar(counts: Mapping[Rating, int]) -> str:
    """The shares of each rating as a bar (decoration), and the counts as text."""
    total = sum(counts.values()) or 1
    spans = "".join(
        f'<span class="{r.value}" style="width:{100 * n / total:.2f}%"></span>'
        for r in RATING_ORDER
        if (n := counts.get(r, 0))
    )
    items = "".join(f"<li>{rating(r)} {n}</li>" for r in RATING_ORDER if (n := counts.get(r, 0)))
    return f'<div class="bar" aria-hidden="true">{spans}</div><ul class="counts">{items}</ul>'


def progress_bar(ratio: Decimal | None) -> str:
    """A bar of the progress against the target (0 to 100 %); the figure itself is said as text."""
    if ratio is None:
        return ""
    width = max(Decimal(0), min(Decimal(1), ratio)) * 100
    return f'<div class="progress" aria-hidden="true"><span style="width:{width:.1f}%"></span></div>'


def scroll(label: str, table: str) -> str:
    """A wide table that scrolls inside the page on a narrow screen (focusable, named for screen readers)."""
    return f'<div class="scroll" role="region" tabindex="0" aria-label="{esc(label)}">{table}</div>'


def table(
    caption: str, head: Sequence[str], rows: Sequence[str], *, numeric: frozenset[int] = frozenset(), kind: str = ""
) -> str:
    """A table with a caption and a header row; ``rows`` are ready ``<tr>`` elements; ``kind`` its class."""
    cells = "".join(f'<th scope="col"{" class=num" if i in numeric else ""}>{h}</th>' for i, h in enumerate(head))
    return scroll(
        caption,
        f"<table{f' class={kind}' if kind else ''}><caption>{esc(caption)}</caption><thead><tr>{cells}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>",
    )


def amount(value: Decimal | None, unit: str) -> str:
    return "―" if value is None else f"{esc(human(value))}{esc(unit)}"


def share(ratio: Decimal | None) -> str:
    return "―" if ratio is None else esc(percent(ratio))


def page(data: SiteData, here: str, *, title: str, crumbs: Sequence[tuple[str, str]], body: str, kind: str) -> bytes:
    """A whole page: head, the site bar with the breadcrumbs, the main part and the footer.
    ``crumbs``: (label, path) of the pages above this one; the page's own title comes last."""
    edition = data.plan.edition.name
    trail = [f"<li>{a(here, path, label)}</li>" for label, path in crumbs]
    trail.append(f'<li><span aria-current="page">{esc(title)}</span></li>')
    nav = f'<nav class="crumbs" aria-label="現在位置"><ol>{"".join(trail)}</ol></nav>' if crumbs else ""
    head_title = f"{title} | {edition} KPI" if crumbs else title
    return (
        '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(head_title)}</title>\n"
        f'<link rel="stylesheet" href="{link(here, STYLE)}">\n</head>\n'
        f'<body class="{kind}-page">\n<a class="skip" href="#main">本文へ移動</a>\n'
        f'<header class="site"><div class="wrap"><p class="site-name">{a(here, INDEX, edition + " KPI")}</p>'
        f"{nav}</div></header>\n"
        f'<main id="main">\n{body}\n</main>\n{footer(data)}\n</body>\n</html>\n'
    ).encode()


def footer(data: SiteData) -> str:
    from kpi_cli.core import years as eras

    rule = as_of_rule(eras.era(data.as_of) if data.as_of is not None else None)
    updated = data.updated[:10] if data.updated else "記録なし"
    return (
        f'<footer class="site"><div class="wrap"><p>{esc(data.plan.edition.name)} · {esc(rule)}</p>'
        f"<p>台帳の最終記録: {esc(updated)} · kpi site で作成</p></div></footer>"
    )
