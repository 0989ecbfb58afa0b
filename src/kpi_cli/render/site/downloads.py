"""The site's downloads: per KPI its series as CSV (for Excel: UTF-8 with BOM, CRLF, formula-like
text made inert) and JSON (with schema_version); the whole data as one .zip; an .xlsx per 連携地域.

The same inputs give the same bytes: no clock is read; a zip (the .xlsx too) has its entries
sorted, dated 1980-01-01 and with fixed permissions; an .xlsx's document properties carry the
time of the ledger's latest row, not the time it was made.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kpi_cli.core.model import Kpi, Region
from kpi_cli.files import is_windows_device
from kpi_cli.render.machine import JSON_SCHEMA_VERSION, dumps, json_value, write_delimited
from kpi_cli.reports.listing import kpi_record
from kpi_cli.reports.reviews import REVIEW_COLUMNS, review_record
from kpi_cli.reports.site import VALUE_COLUMNS, SiteData, kpi_status_record, value_record
from kpi_cli.reports.status import STATUS_COLUMNS

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# Who recorded a value or a review is the ledger's business, not the published site's.
PUBLIC_REVIEW_COLUMNS = tuple(c for c in REVIEW_COLUMNS if c != "recorded_by")


def csv_bytes(records: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> bytes:
    """CSV for Excel: UTF-8 with BOM, CRLF, text that looks like a formula made inert."""
    buffer = io.StringIO(newline="")
    write_delimited(records, columns, buffer, excel=True)
    return buffer.getvalue().encode("utf-8-sig")


def json_bytes(doc: Mapping[str, Any]) -> bytes:
    return (dumps(json_value({"schema_version": JSON_SCHEMA_VERSION, **doc}), indent=2) + "\n").encode("utf-8")


def kpi_values(data: SiteData, kpi: Kpi) -> list[dict[str, Any]]:
    return [value_record(r) for r in data.kpis[kpi.id].rows]


def kpi_csv(data: SiteData, kpi: Kpi) -> bytes:
    return csv_bytes(kpi_values(data, kpi), VALUE_COLUMNS)


def kpi_json(data: SiteData, kpi: Kpi) -> bytes:
    """The KPI as the plan has it, its status as of the site's year, the planned line and its values."""
    from kpi_cli.reports.kpi_page import chart_record

    e = data.kpis[kpi.id]
    return json_bytes(
        {
            "as_of": data.as_of,
            "kpi": kpi_record(data.plan, kpi),
            "status": kpi_status_record(data, kpi),
            "chart": chart_record(e.series, kpi),
            "values": [{c: r[c] for c in VALUE_COLUMNS} for r in kpi_values(data, kpi)],
        }
    )


def status_records(data: SiteData, kpis: Sequence[Kpi]) -> list[dict[str, Any]]:
    return [kpi_status_record(data, k) for k in kpis]


def review_records(data: SiteData, project_ids: Iterable[str]) -> list[dict[str, Any]]:
    wanted = set(project_ids)
    return [review_record(line) for pid, line in data.reviews.items() if pid in wanted]


def all_data_zip(data: SiteData, plan_bytes: bytes, plan_name: str) -> bytes:
    """Every value, status and review of the site as CSV and JSON, the plan file, and a README of the columns."""
    if is_windows_device(plan_name):  # (con.toml in the .zip: Windows cannot unpack it)
        plan_name = "_" + plan_name
    kpis = data.plan.kpis
    values = [r for k in kpis for r in kpi_values(data, k)]
    statuses = status_records(data, kpis)
    reviews = review_records(data, (p.id for p in data.plan.projects))
    doc = {
        "edition": data.plan.edition.id,
        "as_of": data.as_of,
        "status": [{c: r.get(c) for c in STATUS_COLUMNS} for r in statuses],
        "values": [{c: r[c] for c in VALUE_COLUMNS} for r in values],
        "reviews": [{c: r.get(c) for c in PUBLIC_REVIEW_COLUMNS} for r in reviews],
    }
    files = {
        "README.txt": readme(data, plan_name).replace("\n", "\r\n").encode("utf-8-sig"),
        "data.json": json_bytes(doc),
        plan_name: plan_bytes,
        "reviews.csv": csv_bytes(reviews, PUBLIC_REVIEW_COLUMNS),
        "status.csv": csv_bytes(statuses, STATUS_COLUMNS),
        "values.csv": csv_bytes(values, VALUE_COLUMNS),
    }
    return zip_bytes(files)


def zip_bytes(files: Mapping[str, bytes], *, order: Sequence[str] | None = None) -> bytes:
    """A zip whose bytes depend only on ``files``: entries sorted (or in ``order``), fixed date and mode."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name in order if order is not None else sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the platform that made it
            info.external_attr = 0o644 << 16
            z.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()


def region_xlsx(data: SiteData, region: Region, stamp: str) -> bytes:
    """A workbook of one 連携地域: 推進状況 (the status of each KPI), 実績 (the values), 評価 (the reviews)."""
    from kpi_cli.render.xlsx import Sheet, workbook_bytes
    from kpi_cli.reports.status import as_of_rule

    kpis = data.region_kpis(region.id)
    from kpi_cli.core import years as eras

    caption = f"{data.plan.edition.name} · {region.name} · " + as_of_rule(
        eras.era(data.as_of) if data.as_of is not None else None
    )
    sheets = [
        Sheet("推進状況", STATUS_COLUMNS, status_records(data, kpis), notes=(caption,)),
        Sheet("実績", VALUE_COLUMNS, [r for k in kpis for r in kpi_values(data, k)], notes=(caption,)),
        Sheet(
            "評価",
            PUBLIC_REVIEW_COLUMNS,
            review_records(data, (p.id for p in data.region_projects(region.id))),
            notes=(caption,),
        ),
    ]
    return steady_xlsx(workbook_bytes(sheets), stamp)


def steady_xlsx(book: bytes, stamp: str) -> bytes:
    """An .xlsx rewritten so that its bytes do not depend on when it was made: the document's
    created and modified times set to ``stamp`` (W3CDTF), every entry dated 1980-01-01."""
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        names = z.namelist()
        files = {n: z.read(n) for n in names}
    core = "docProps/core.xml"
    if core in files:
        text = files[core].decode("utf-8")
        for tag in ("created", "modified"):
            text = re.sub(rf"(<dcterms:{tag}\b[^>]*>)[^<]*(</dcterms:{tag}>)", rf"\g<1>{stamp}\g<2>", text)
        files[core] = text.encode("utf-8")
    return zip_bytes(files, order=names)


def w3c_stamp(recorded_at: str) -> str:
    """The ledger time of the latest row as the document time of an .xlsx (UTC), 1980 without one."""
    from datetime import UTC, datetime

    try:
        when = datetime.fromisoformat(recorded_at)
    except ValueError:
        return "1980-01-01T00:00:00Z"
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def readme(data: SiteData, plan_name: str) -> str:
    """What each file of the zip holds, and its columns (in Japanese, with the machine names)."""
    from kpi_cli.render.labels import label

    def columns(names: Sequence[str]) -> str:
        return "\n".join(f"  {c}: {label(c)}" for c in names)

    as_of = f"{data.as_of}年度時点" if data.as_of is not None else "各KPIの実績のある最新年度時点"
    return f"""{data.plan.edition.name} KPI データ（{as_of}）

このzipは kpi site が作成した静的サイトの全データです。CSV は Excel でそのまま開けます
（UTF-8 BOM付き、改行CRLF、= + - @ で始まる文字列は先頭に ' を付けて数式になりません）。
JSON の数値は正確な10進数で、schema_version を持ちます。
記録者の名前は含みません（台帳にあります）。

{plan_name}
  計画ファイル（TOML）そのもの。連携地域、振興局、プロジェクト、KPIの基準値と目標値。

values.csv（data.json の values）
  KPIの年度ごとの実績。office_id が空の行はKPIの値、空でない行はその振興局分。
  summed が true の行は振興局分の合計（台帳にKPI全体の行はありません）。
  value が空の行は、振興局分の一部だけが記録され、合計がまだ出ない年度です。
  expected は基準値から目標値への直線上のその年度の値（計画、期待値）。
{columns(VALUE_COLUMNS)}

status.csv（data.json の status）
  KPIごとの評価（kpi status と同じ列）。
{columns(STATUS_COLUMNS)}

reviews.csv（data.json の reviews）
  プロジェクトごとの最新の評価。
{columns(PUBLIC_REVIEW_COLUMNS)}
"""
