from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.housing.services import decode_upload
from portal.reach.services import ProfileImportError, resident_profile_import


class Command(BaseCommand):
    help = (
        "Import the landlord's resident profile from a CSV file (columns: area, "
        "estate, dimension, category, count). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path)

    def handle(self, *args, csv_file: Path, **options):
        if not csv_file.is_file():
            raise CommandError(f"No such file: {csv_file}")
        try:
            record = resident_profile_import(
                text=decode_upload(csv_file.read_bytes()), filename=csv_file.name
            )
        except ProfileImportError as error:
            for problem in error.problems:
                self.stderr.write(f"line {problem.line}: {problem.message}")
            raise CommandError(
                f"Nothing was imported: {len(error.problems)} problem(s) to fix."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {record.rows} rows for {record.estates} estates."
            )
        )
