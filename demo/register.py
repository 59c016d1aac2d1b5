"""A fictional property register of about 2,000 homes on three estates.

Written out as the CSV a housing system would export and loaded through the real
import service, so the demo exercises the same path as a landlord's upload.
"""

import csv
import io
import random

from portal.housing.services import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

# estate: (area, [(block or street, kind, homes, postcode district)])
ESTATES = {
    "Wharf Estate": (
        "Riverside North",
        [
            ("Anchor House", "block", 240, "RV1 3"),
            ("Barge House", "block", 240, "RV1 3"),
            ("Cutter House", "block", 180, "RV1 4"),
            ("Dock Street", "street", 60, "RV1 4"),
        ],
    ),
    "Millfield Estate": (
        "Riverside North",
        [
            ("Millfield Road", "street", 220, "RV2 5"),
            ("Granary Close", "street", 160, "RV2 5"),
            ("Weir Lane", "street", 200, "RV2 6"),
            ("Sluice Court", "block", 120, "RV2 6"),
        ],
    ),
    "Orchard Park": (
        "Riverside South",
        [
            ("Orchard Court", "block", 80, "RV3 7"),
            ("Pippin Way", "street", 200, "RV3 7"),
            ("Russet Road", "street", 180, "RV3 8"),
            ("Bramley Gardens", "street", 120, "RV3 8"),
        ],
    ),
}
# Orchard Court is sheltered housing; elsewhere a typical general-needs mix.
GENERAL_MIX = [
    ("Tenant", 70),
    ("Leaseholder", 15),
    ("Shared owner", 5),
    ("Sheltered", 2),
    ("Private", 8),
]
SHELTERED_MIX = [("Sheltered", 90), ("Tenant", 10)]
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def demo_register_csv(seed: str = "involve-demo") -> str:
    rng = random.Random(seed)  # noqa: S311 (repeatable demo data, not security)
    out = io.StringIO()
    # The register's own import format, as a housing system would export it.
    writer = csv.DictWriter(out, fieldnames=[*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS])
    writer.writeheader()
    uprn = 100023000000
    for estate, (area, places) in ESTATES.items():
        for name, kind, homes, district in places:
            mix = SHELTERED_MIX if name == "Orchard Court" else GENERAL_MIX
            tenures, weights = zip(*mix, strict=True)
            for number in range(1, homes + 1):
                uprn += 1
                if kind == "block":
                    line_1, line_2 = f"Flat {number}, {name}", estate
                else:
                    line_1, line_2 = f"{number} {name}", ""
                unit = UNIT_LETTERS[(number // 20) % len(UNIT_LETTERS)]
                postcode = f"{district}{unit}{UNIT_LETTERS[number % 7]}"
                tenure = rng.choices(tenures, weights)[0]
                writer.writerow(
                    {
                        "uprn": uprn,
                        "address_line_1": line_1,
                        "address_line_2": line_2,
                        "town": "Riverside",
                        "postcode": postcode,
                        "tenure": tenure,
                        "area": area,
                        "estate": estate,
                        "block_or_street": name,
                        "block_or_street_kind": kind,
                    }
                )
    return out.getvalue()
