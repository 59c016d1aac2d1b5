"""Loading the property register from the landlord's housing system (CSV).

Every row is checked before anything is written; one bad row rejects the whole file
with a reason per line, so the register is never half-updated. Re-importing updates
properties by UPRN.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from localflavor.gb.forms import GBPostcodeField

from portal.core.services import audit_record

from .models import Area, Estate, Property, PropertyImport, Street, Tenure

REQUIRED_COLUMNS = ["uprn", "address_line_1", "postcode", "tenure", "area", "estate"]
OPTIONAL_COLUMNS = ["address_line_2", "town", "block_or_street", "block_or_street_kind"]
UPDATED_FIELDS = [
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "tenure",
    "estate",
    "street",
]
# Housing systems spell tenures many ways; these are the ones we accept.
TENURE_ALIASES = {
    "tenant": Tenure.TENANT,
    "secure tenant": Tenure.TENANT,
    "assured tenant": Tenure.TENANT,
    "leaseholder": Tenure.LEASEHOLDER,
    "shared owner": Tenure.SHARED_OWNER,
    "shared ownership": Tenure.SHARED_OWNER,
    "sheltered": Tenure.SHELTERED,
    "sheltered resident": Tenure.SHELTERED,
    "non landlord": Tenure.NON_LANDLORD,
    "private": Tenure.NON_LANDLORD,
    "private resident": Tenure.NON_LANDLORD,
}
MAX_ROWS = 100_000
_postcode_field = GBPostcodeField()


@dataclass(frozen=True)
class ImportProblem:
    line: int
    message: str


class PropertyImportError(Exception):
    """The file was rejected; nothing was changed."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__(f"{len(problems)} problem(s) in the file")
        self.problems = problems


@dataclass
class _Row:
    line: int
    values: dict[str, str] = field(default_factory=dict)


def _normalise_header(name: str) -> str:
    return (name or "").strip().lower().replace(" ", "_").replace("-", "_")


def _tenure(value: str) -> str | None:
    key = value.strip().lower().replace("_", " ").replace("-", " ")
    return TENURE_ALIASES.get(key)


def _check_row(row: _Row, seen_uprns: dict[str, int]) -> list[ImportProblem]:
    values, line = row.values, row.line
    problems = [
        ImportProblem(line, _("%(column)s is empty.") % {"column": column})
        for column in REQUIRED_COLUMNS
        if not values.get(column)
    ]
    uprn = values.get("uprn", "")
    if uprn:
        if not (uprn.isdigit() and len(uprn) <= 12):
            problems.append(
                ImportProblem(
                    line, _("UPRN “%(uprn)s” must be up to 12 digits.") % {"uprn": uprn}
                )
            )
        elif uprn in seen_uprns:
            problems.append(
                ImportProblem(
                    line,
                    _("UPRN %(uprn)s is a duplicate of line %(first)s.")
                    % {"uprn": uprn, "first": seen_uprns[uprn]},
                )
            )
        else:
            seen_uprns[uprn] = line
    if values.get("postcode"):
        try:
            values["postcode"] = _postcode_field.clean(values["postcode"])
        except ValidationError:
            problems.append(
                ImportProblem(
                    line,
                    _("“%(postcode)s” is not a valid UK postcode.")
                    % {"postcode": values["postcode"]},
                )
            )
    if values.get("tenure"):
        tenure = _tenure(values["tenure"])
        if tenure is None:
            problems.append(
                ImportProblem(
                    line,
                    _("Unknown tenure “%(tenure)s”. Use one of: %(choices)s.")
                    % {
                        "tenure": values["tenure"],
                        "choices": ", ".join(sorted(TENURE_ALIASES)),
                    },
                )
            )
        else:
            values["tenure"] = tenure
    kind = values.get("block_or_street_kind", "").lower()
    if kind and kind not in Street.Kind.values:
        problems.append(
            ImportProblem(line, _("block_or_street_kind must be “block” or “street”."))
        )
    return problems


def parse_property_csv(text: str) -> list[_Row]:
    """Read and check every row; raise PropertyImportError listing each problem."""
    reader = csv.DictReader(io.StringIO(text))
    headers = [_normalise_header(h) for h in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if missing:
        raise PropertyImportError(
            [
                ImportProblem(
                    1,
                    _("Missing column: %(columns)s.") % {"columns": ", ".join(missing)},
                )
            ]
        )
    rows, problems, seen_uprns = [], [], {}
    for raw in reader:
        line = reader.line_num
        values = {
            _normalise_header(k): (v or "").strip()
            for k, v in raw.items()
            if k is not None
        }
        if not any(values.values()):
            continue
        row = _Row(line=line, values=values)
        problems.extend(_check_row(row, seen_uprns))
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise PropertyImportError(
                [
                    ImportProblem(
                        line,
                        _("The file has more than %(max)s rows.") % {"max": MAX_ROWS},
                    )
                ]
            )
    if not rows and not problems:
        problems.append(ImportProblem(2, _("The file has no properties in it.")))
    if problems:
        raise PropertyImportError(problems)
    return rows


def decode_upload(data: bytes) -> str:
    """Spreadsheets save CSV as UTF-8 (often with a BOM) or Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _snapshot(prop: Property) -> tuple:
    # attnames (estate_id, not estate) so no related object is loaded.
    return tuple(
        getattr(prop, Property._meta.get_field(f).attname) for f in UPDATED_FIELDS
    )


@transaction.atomic
def property_register_import(
    *, text: str, actor=None, filename: str = ""
) -> PropertyImport:
    """Check the whole file, then create and update properties in one transaction.

    Only properties whose details changed are written, so a monthly re-import of
    an unchanged register is quick."""
    rows = parse_property_csv(text)
    areas = {a.name: a for a in Area.objects.all()}
    estates = {(e.area_id, e.name): e for e in Estate.objects.all()}
    streets = {(s.estate_id, s.name): s for s in Street.objects.all()}
    existing: dict[str, Property] = {}
    uprns = [row.values["uprn"] for row in rows]
    for start in range(0, len(uprns), 900):
        for prop in Property.objects.filter(uprn__in=uprns[start : start + 900]):
            existing[prop.uprn] = prop

    to_create, to_update = [], []
    for row in rows:
        values = row.values
        area = areas.get(values["area"])
        if area is None:
            area = areas[values["area"]] = Area.objects.create(name=values["area"])
        estate = estates.get((area.pk, values["estate"]))
        if estate is None:
            estate = estates[(area.pk, values["estate"])] = Estate.objects.create(
                area=area, name=values["estate"]
            )
        street = None
        if values.get("block_or_street"):
            street = streets.get((estate.pk, values["block_or_street"]))
            if street is None:
                street = streets[(estate.pk, values["block_or_street"])] = (
                    Street.objects.create(
                        estate=estate,
                        name=values["block_or_street"],
                        kind=values.get("block_or_street_kind", "").lower()
                        or Street.Kind.STREET,
                    )
                )
        prop = existing.get(values["uprn"]) or Property(uprn=values["uprn"])
        before = _snapshot(prop) if prop.pk else None
        prop.address_line_1 = values["address_line_1"]
        prop.address_line_2 = values.get("address_line_2", "")
        prop.town = values.get("town", "")
        prop.postcode = values["postcode"]
        prop.tenure = values["tenure"]
        prop.estate = estate
        prop.street = street
        if prop.pk is None:
            to_create.append(prop)
        elif _snapshot(prop) != before:
            to_update.append(prop)

    # One upsert (INSERT … ON CONFLICT (uprn) DO UPDATE) per batch: much faster
    # than bulk_update's CASE expressions when a whole estate changes.
    Property.objects.bulk_create(
        to_create + to_update,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["uprn"],
        update_fields=[*UPDATED_FIELDS, "updated_at"],
    )
    record = PropertyImport.objects.create(
        imported_by=actor if actor is not None and actor.is_authenticated else None,
        filename=filename[:200],
        rows=len(rows),
        created=len(to_create),
        updated=len(to_update),
    )
    audit_record(
        actor=actor,
        action="property_register.imported",
        target=record,
        details={
            "rows": len(rows),
            "created": len(to_create),
            "updated": len(to_update),
        },
    )
    return record
