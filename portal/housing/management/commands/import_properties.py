from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.housing.services import (
    PropertyImportError,
    decode_upload,
    property_register_import,
)


class Command(BaseCommand):
    help = (
        "Import or update the property register from a CSV file "
        "(columns: uprn, address_line_1, address_line_2, town, postcode, tenure, "
        "area, estate, block_or_street, block_or_street_kind). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path)

    def handle(self, *args, csv_file: Path, **options):
        if not csv_file.is_file():
            raise CommandError(f"No such file: {csv_file}")
        try:
            record = property_register_import(
                text=decode_upload(csv_file.read_bytes()), filename=csv_file.name
            )
        except PropertyImportError as error:
            for problem in error.problems:
                self.stderr.write(f"line {problem.line}: {problem.message}")
            raise CommandError(
                f"Nothing was imported: {len(error.problems)} problem(s) to fix."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {record.rows} rows: {record.created} new, "
                f"{record.updated} updated."
            )
        )
