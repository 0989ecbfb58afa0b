"""The plan model: regions, offices, projects and KPIs as frozen records.

Pure data, no I/O: ``plan_file`` reads and validates TOML into these.

Years. Every value is kept under a Western *fiscal* year N (1 April N to 31 March N+1), whatever
period the KPI's statistic counts; the KPI's source card (``Source.basis``) says which period
that column holds (``core/periods.py`` applies the rule):

- ``fiscal`` (年度): fiscal year N is kept in column N.
- ``calendar`` (暦年): the calendar year N (January to December N) is kept in column N.
- ``point`` (時点, with its day, e.g. 4月1日現在): a count on a day D is kept in the fiscal year
  that contains D, as the plan labels its own counts (認定こども園 0か所（H26） is the count of
  1 April 2014): 2020-04-01 → FY2020; a count of 3月末 (N+1)-03-31 → FY N.
- ``cohort`` (卒業年): those who graduate in March N+1 (R2.3卒 for N = 2019) are kept in column N.
- no card, or no basis on it: the column is read as the fiscal year.
"""

# No `from __future__ import annotations` here: a NamedTuple makes a ForwardRef of each string
# annotation, compiling it, at every start (about 7 ms for these classes).
from decimal import Decimal
from typing import Literal, NamedTuple

Kind = Literal["level", "cumulative", "target_only"]
Direction = Literal["increase", "decrease"]
TargetOp = Literal["=", ">="]
Ownership = Literal["printed", "inferred"]

# Units whose values cannot be negative: counts of people, things, events, money amounts,
# quantities and shares (NFKC form; a unit ending in one of these, e.g. 万人, 千トン).
COUNT_UNITS = (
    "人",
    "件",
    "社",
    "か所",
    "箇所",
    "事業",
    "品目",
    "団体",
    "店",
    "日",
    "円",
    "トン",
    "m3",
    "%",
    "W",
    "戸",
    "校",
)

KINDS: tuple[Kind, ...] = ("level", "cumulative", "target_only")
DIRECTIONS: tuple[Direction, ...] = ("increase", "decrease")
TARGET_OPS: tuple[TargetOp, ...] = ("=", ">=")
OWNERSHIPS: tuple[Ownership, ...] = ("printed", "inferred")

Basis = Literal["", "fiscal", "calendar", "point", "cohort"]
BASES: tuple[Basis, ...] = ("fiscal", "calendar", "point", "cohort")  # "" = not known
# The fields of a source card that can be printed in a source or inferred, in the plan file's order.
SOURCE_FIELDS = (
    "statistic",
    "publisher",
    "department",
    "url",
    "definition",
    "basis",
    "as_of",
    "preliminary",
    "final",
)


class Edition(NamedTuple):
    id: str
    name: str
    start_year: int
    period_label: str = ""
    source: str = ""
    ledger: str = ""  # the edition's own ledger, relative to the plan file ("" = ledger.csv)


class Region(NamedTuple):
    id: str
    name: str
    core_city: str
    project_count: int | None
    vision: str = ""
    directions: tuple[str, ...] = ()


class Office(NamedTuple):
    id: str
    name: str
    region_id: str


class Baseline(NamedTuple):
    value: Decimal
    year: int
    label: str
    year_from: int | None = None  # set when the baseline is an average over years

    @property
    def is_average(self) -> bool:
        return self.year_from is not None


class Target(NamedTuple):
    value: Decimal
    year: int
    label: str
    op: TargetOp = "="


class Period(NamedTuple):
    start: int
    end: int
    label: str = ""


class Revision(NamedTuple):
    """A revised target, in force for as-of years from ``from_year`` on."""

    target: Target
    from_year: int
    reason: str
    revised_on: str = ""


class Source(NamedTuple):
    """A KPI's source card: where its figures come from. Every field is as printed in a source
    unless it is named in ``inferred`` (then ``note`` says why); an empty field is not known.
    An empty card (``Source()``) says nothing is recorded about the source."""

    statistic: str = ""  # the statistic, e.g. 北海道観光入込客数調査
    publisher: str = ""  # who publishes it, e.g. 北海道 経済部観光局
    department: str = ""  # 担当課: who releases or collects the figures
    url: str = ""  # only an address a source gives; never guessed
    definition: str = ""  # what is counted
    basis: Basis = ""  # the period a value counts (see the module docstring)
    as_of: str = ""  # for a point basis: the day counted, as printed, e.g. 4月1日現在, 3月末
    preliminary: str = ""  # when the 速報 comes out
    final: str = ""  # when the 確定 comes out
    inferred: tuple[str, ...] = ()  # fields of SOURCE_FIELDS not printed in a source
    note: str = ""  # why those fields are inferred

    @property
    def is_empty(self) -> bool:
        return self == Source()


class Kpi(NamedTuple):
    id: str
    name: str
    unit: str
    kind: Kind
    direction: Direction
    project_id: str
    target: Target
    baseline: Baseline | None = None
    period: Period | None = None
    ownership: Ownership = "printed"
    note: str = ""
    revisions: tuple[Revision, ...] = ()
    parts: tuple[str, ...] = ()  # 振興局 ids whose shares add up to the KPI (e.g. 渡島 + 檜山)
    parts_ownership: Ownership = "printed"  # "inferred": the plan text does not print the parts
    parts_note: str = ""
    source: Source = Source()  # the source card; empty when nothing is recorded
    # 市町村 whose printed figures add up to the KPI (a set no statistic totals, e.g. 14市町村合計):
    # kpi sums their shares when read, as it sums office shares (see ``part_ids``)
    municipalities: tuple[str, ...] = ()
    municipalities_ownership: Ownership = "printed"  # "inferred": no source prints the set
    municipalities_note: str = ""  # where the set is printed, or the evidence for it

    @property
    def part_ids(self) -> tuple[str, ...]:
        """The parts whose shares add up to the KPI: its 振興局 ids, or its 市町村 (``m:ニセコ町``)."""
        return self.parts or tuple(municipal_part(m) for m in self.municipalities)

    @property
    def parts_word(self) -> str:
        """What the parts are, as the tables say it: 振興局 or 市町村."""
        return "市町村" if self.municipalities and not self.parts else "振興局"

    def target_for(self, as_of_year: int) -> Target:
        """The target in force for an as-of year (the latest revision that applies)."""
        current = self.target
        for revision in sorted(self.revisions, key=lambda r: r.from_year):
            if revision.from_year <= as_of_year:
                current = revision.target
        return current

    def revision_for(self, as_of_year: int) -> Revision | None:
        found = None
        for revision in sorted(self.revisions, key=lambda r: r.from_year):
            if revision.from_year <= as_of_year:
                found = revision
        return found

    @property
    def may_be_negative(self) -> bool:
        """Whether a value below zero makes sense: not for counts, amounts or shares (see COUNT_UNITS)."""
        import unicodedata

        unit = unicodedata.normalize("NFKC", self.unit).split("/")[0].strip()
        return not (self.kind == "cumulative" or any(unit.endswith(u) for u in COUNT_UNITS))

    @property
    def first_year(self) -> int:
        """The first year the plan speaks of for this KPI."""
        if self.baseline is not None:
            return self.baseline.year_from or self.baseline.year
        if self.period is not None:
            return self.period.start
        return self.target.year

    @property
    def last_year(self) -> int:
        return max([self.target.year, *(r.target.year for r in self.revisions)])


class Project(NamedTuple):
    id: str
    name: str
    region_id: str
    office_ids: tuple[str, ...]
    participation: str
    policies: tuple[str, ...]
    kpis: tuple[Kpi, ...]
    note: str = ""
    lead: str = ""  # the 振興局 leading the project, if the plan says; see ``lead_office``


class RatingBands(NamedTuple):
    """Thresholds of the rating; see ``progress.rate``."""

    nearly_pace: Decimal = Decimal("0.8")


DEFAULT_BANDS = RatingBands()


class Term(NamedTuple):
    """A word of a review vocabulary: a stable ASCII code for machines, a label for people."""

    code: str
    label: str


class Vocabulary(NamedTuple):
    """The words of a project review (評価 and 今後の方向性); a plan may replace them."""

    assessments: tuple[Term, ...]
    directions: tuple[Term, ...]


# The three tiers of the prefecture's 政策評価, and its directions.
DEFAULT_VOCABULARY = Vocabulary(
    assessments=(
        Term("on_course", "概ね順調に展開"),
        Term("continue_with_issues", "課題等はあるが引き続き推進"),
        Term("needs_improvement", "遅れなどがあり改善が必要"),
    ),
    directions=(
        Term("expand", "拡充"),
        Term("continue", "継続"),
        Term("revise", "見直し"),
        Term("abolish", "廃止"),
        Term("end", "終了"),
    ),
)


class Plan(NamedTuple):
    edition: Edition
    regions: tuple[Region, ...]
    offices: tuple[Office, ...]
    projects: tuple[Project, ...]
    bands: RatingBands = DEFAULT_BANDS
    source_path: str = ""
    vocabulary: Vocabulary = DEFAULT_VOCABULARY

    @property
    def kpis(self) -> tuple[Kpi, ...]:
        return tuple(k for p in self.projects for k in p.kpis)

    def region(self, region_id: str) -> Region:
        return next(r for r in self.regions if r.id == region_id)

    def office(self, office_id: str) -> Office:
        return next(o for o in self.offices if o.id == office_id)

    def project(self, project_id: str) -> Project:
        return next(p for p in self.projects if p.id == project_id)

    def kpi(self, kpi_id: str) -> Kpi:
        return next(k for p in self.projects for k in p.kpis if k.id == kpi_id)

    @property
    def end_year(self) -> int:
        """The last target year of any KPI: the end of the plan's period."""
        years = [k.last_year for k in self.kpis]
        return max(years) if years else self.edition.start_year


def plan_span(plan: Plan) -> tuple[int, int]:
    """The fiscal years a plan speaks of: its earliest baseline year to its latest target year."""
    kpis = plan.kpis
    if not kpis:
        return plan.edition.start_year, plan.edition.start_year
    return min(k.first_year for k in kpis), max(k.last_year for k in kpis)


SHARE_MARK = "@"  # a share's ledger key: <kpi id>@<part> (ids never contain "@")
MUNICIPAL_MARK = "m:"  # a 市町村's part: m:<its name> (office ids never contain ":")


def share_key(kpi_id: str, office_id: str) -> str:
    """The ledger key of one part's share of a KPI: a 振興局's (``donan-tourists@oshima``) or a
    市町村's (``yotei-nishiiburi-tourists@m:ニセコ町``, see ``municipal_part``)."""
    return f"{kpi_id}{SHARE_MARK}{office_id}"


def municipal_part(name: str) -> str:
    """The part id of a 市町村's share: ``m:ニセコ町``. Its ledger key is ``share_key(kpi, part)``."""
    return f"{MUNICIPAL_MARK}{name}"


def municipality_of(part: str) -> str:
    """The 市町村 a part id names ("" for a 振興局's id)."""
    return part.removeprefix(MUNICIPAL_MARK) if part.startswith(MUNICIPAL_MARK) else ""


def part_name(plan: Plan, part: str) -> str:
    """A part as people read it: the 振興局's name (渡島) or the 市町村's (ニセコ町); an id the plan
    does not know, as it is."""
    town = municipality_of(part)
    if town:
        return town
    return next((o.name for o in plan.offices if o.id == part), part)


def split_key(key: str) -> tuple[str, str]:
    """A ledger key as (KPI id, part id); the part id is "" for a value of the whole KPI, an office
    id for a 振興局's share, ``m:<name>`` for a 市町村's (a half-year's mark, see ``half_key``, is left
    out)."""
    kpi_id, _, office_id = split_half(key)[0].partition(SHARE_MARK)
    return kpi_id, office_id


def ledger_keys(kpi: Kpi) -> frozenset[str]:
    """Every ledger key a KPI's values are kept under: its own, each office's share, and the half-year
    keys of each."""
    whole = (kpi.id, *(share_key(kpi.id, o) for o in kpi.part_ids))
    return frozenset({*whole, *(half_key(k, h) for k in whole for h in HALVES)})


HALVES = ("H1", "H2")  # 上期 (April-September), 下期 (October-March)
HALF_NAMES = {"H1": "上期", "H2": "下期"}
HALF_MARK = "#"


def half_key(key: str, half: str) -> str:
    """The ledger key of a half-year value of a KPI or share (``<key>#H1``): its own key, never rated."""
    return f"{key}{HALF_MARK}{half}"


def split_half(key: str) -> tuple[str, str]:
    """A ledger key as the key of the year's value and its half ("" for a year's value)."""
    base, mark, half = key.rpartition(HALF_MARK)
    return (base, half) if mark and half in HALVES else (key, "")


def lead_office(plan: Plan, project: Project) -> str:
    """The 振興局 that leads a project and supplies the values of its KPIs that are not summed over
    offices: the plan's ``lead``, else the only 振興局 of the project's 連携地域, else the first
    振興局 the plan lists for the project (the plan text does not print a lead: an inference)."""
    if project.lead:
        return project.lead
    mine = [o.id for o in plan.offices if o.region_id == project.region_id]
    if len(mine) == 1:
        return mine[0]
    return project.office_ids[0] if project.office_ids else (mine[0] if mine else "")


def owners(plan: Plan, kpi: Kpi) -> tuple[str, ...]:
    """Who supplies a KPI's values: each 振興局 its own share of a KPI summed over offices, else
    the project's lead 振興局 alone."""
    if kpi.parts:
        return kpi.parts
    return (lead_office(plan, plan.project(kpi.project_id)),)
