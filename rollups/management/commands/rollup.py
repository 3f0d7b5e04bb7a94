from django.core.management.base import BaseCommand, CommandError

from rollups import registry
from rollups.engine import run_rollup


class Command(BaseCommand):
    help = "Compute all roll-ups synchronously (the nightly job, run now)."

    def add_arguments(self, parser):
        parser.add_argument("--indicator", action="append", help="only this indicator (repeatable)")
        parser.add_argument("--area", action="append", type=int, help="incremental: only these area ids")

    def handle(self, *args, **options):
        codes = options["indicator"]
        unknown = sorted(set(codes or []) - set(registry.catalogue()))
        if unknown:
            raise CommandError(f"unknown indicator(s): {', '.join(unknown)}")
        stats = run_rollup(codes=codes, area_ids=options["area"])
        self.stdout.write(
            f"{stats.indicators} indicators rolled up in {stats.seconds:.2f} s, {stats.changed} figures changed."
        )
