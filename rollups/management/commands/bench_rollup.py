"""Province-scale benchmark of the roll-ups (`make bench`).

Generates ≈10 cities, 100 districts, 1,500 streets, 15,000 communities, 150,000 grids with a grid
worker each, 60,000 compounds and 600,000 buildings with a building head each, set-based in
PostgreSQL; then times (a) the same aggregates written as plain SQL GROUP BYs, (b) the full roll-up,
cold and again with nothing changed, (c) an incremental run for one community. Prints a Markdown
table for README.md. Generated rows carry codes starting with "BENCH" and is_generated = true.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from grids.models import Area, Level
from rollups import registry
from rollups.engine import run_rollup
from rollups.models import IndicatorValue

SCALE = {"cities": 10, "districts": 10, "streets": 15, "communities": 10, "grids": 10, "compounds": 4, "buildings": 10}

AREA_COLUMNS = (
    "level, kind, name, code, parent_id, city_id, district_id, street_id, community_id, population, households,"
    " pinyin, initials, is_generated, version"
)


def _children_sql(level: int, kind: str, label: str, per_parent: int, path: str) -> str:
    """Insert `per_parent` children under every generated area of the level above."""
    return (
        f"INSERT INTO grids_area ({AREA_COLUMNS}) SELECT {level}, '{kind}', p.name || '{label}' || j,"
        f" p.code || '-' || j, p.id, {path}, 1000, 300, '', '', TRUE, 1"
        f" FROM grids_area p CROSS JOIN generate_series(1, {per_parent}) j"
        f" WHERE p.level = {level - 1} AND p.code LIKE 'BENCH%%'"
    )


GENERATE = [
    f"INSERT INTO grids_area ({AREA_COLUMNS}) SELECT 1, 'city', '基准市' || i, 'BENCH' || i, NULL, NULL, NULL,"
    " NULL, NULL, 1000, 300, '', '', TRUE, 1 FROM generate_series(1, {cities}) i",
    _children_sql(2, "district", "区", SCALE["districts"], "p.id, NULL, NULL, NULL"),
    _children_sql(3, "street", "街道", SCALE["streets"], "p.city_id, p.id, NULL, NULL"),
    _children_sql(4, "community", "社区", SCALE["communities"], "p.city_id, p.district_id, p.id, NULL"),
    _children_sql(5, "grid", "网格", SCALE["grids"], "p.city_id, p.district_id, p.street_id, p.id"),
    "INSERT INTO grids_compound (name, address, year_built, households, floor_area, high_rise, pinyin, initials,"
    " is_generated, version, community_id, street_id, district_id, city_id)"
    " SELECT '小区' || j, '', 2000, 500, 40000, TRUE, '', '', TRUE, 1, c.id, c.street_id, c.district_id, c.city_id"
    " FROM grids_area c CROSS JOIN generate_series(1, {compounds}) j WHERE c.level = 4 AND c.code LIKE 'BENCH%%'",
    "INSERT INTO grids_building (name, floors, households, is_generated, version, compound_id, grid_id,"
    " community_id, street_id, district_id, city_id)"
    " SELECT j || '号楼', 18, 40, TRUE, 1, b.id, CASE WHEN j % 4 = 0 THEN NULL ELSE g.id END,"
    " b.community_id, b.street_id, b.district_id, b.city_id"
    " FROM grids_compound b JOIN grids_area c ON c.id = b.community_id AND c.code LIKE 'BENCH%%'"
    " JOIN grids_area g ON g.code = c.code || '-1'"
    " CROSS JOIN generate_series(1, {buildings}) j",
    "INSERT INTO grids_gridstaff (role, name, phone, is_generated, version, grid_id, building_id, unit_id,"
    " community_id, street_id, district_id, city_id)"
    " SELECT 'grid_worker', '网格员', '', TRUE, 1, g.id, NULL, NULL, g.community_id, g.street_id, g.district_id,"
    " g.city_id FROM grids_area g WHERE g.level = 5 AND g.code LIKE 'BENCH%%'",
    "INSERT INTO grids_gridstaff (role, name, phone, is_generated, version, grid_id, building_id, unit_id,"
    " community_id, street_id, district_id, city_id)"
    " SELECT 'building_head', '楼栋长', '', TRUE, 1, COALESCE(b.grid_id, g.id), b.id, NULL, b.community_id,"
    " b.street_id, b.district_id, b.city_id"
    " FROM grids_building b JOIN grids_area c ON c.id = b.community_id AND c.code LIKE 'BENCH%%'"
    " JOIN grids_area g ON g.code = c.code || '-1'",
]

# The same aggregates as the roll-up, written by hand: per indicator, per level, one GROUP BY.
PLAIN = {
    "grids": "SELECT {col}, COUNT(*) FROM grids_area WHERE level = 5 AND {col} IS NOT NULL GROUP BY {col}",
    "grid_workers": "SELECT {col}, COUNT(*) FROM grids_gridstaff WHERE role = 'grid_worker' GROUP BY {col}",
    "building_heads": "SELECT {col}, COUNT(*) FROM grids_gridstaff WHERE role = 'building_head' GROUP BY {col}",
    "unit_heads": "SELECT {col}, COUNT(*) FROM grids_gridstaff WHERE role = 'unit_head' GROUP BY {col}",
    "compounds": "SELECT {col}, COUNT(*) FROM grids_compound GROUP BY {col}",
    "households": "SELECT {col}, SUM(households) FROM grids_compound GROUP BY {col}",
    "buildings": "SELECT {col}, COUNT(*) FROM grids_building GROUP BY {col}",
    "buildings_with_grid": "SELECT {col}, COUNT(grid_id), COUNT(*) FROM grids_building GROUP BY {col}",
}


class Command(BaseCommand):
    help = "Generate a province-scale dataset and time the roll-ups against plain SQL (PostgreSQL only)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="run on a database whose name lacks 'bench'")
        parser.add_argument("--keep", action="store_true", help="keep an existing generated dataset")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark needs PostgreSQL (set DATABASE_URL).")
        if "bench" not in connection.settings_dict["NAME"] and not options["force"]:
            raise CommandError("Refusing to fill a database whose name lacks 'bench'; use --force to insist.")
        if not (options["keep"] and Area.objects.filter(code__startswith="BENCH").exists()):
            self.generate()
        counts = {
            "districts": Area.objects.filter(level=Level.DISTRICT, code__startswith="BENCH").count(),
            "streets": Area.objects.filter(level=Level.STREET, code__startswith="BENCH").count(),
            "communities": Area.objects.filter(level=Level.COMMUNITY, code__startswith="BENCH").count(),
            "grids": Area.objects.filter(level=Level.GRID, code__startswith="BENCH").count(),
        }
        self.stdout.write(f"dataset: {counts}")
        plain = min(self.time_plain_sql() for _ in range(2))  # the better of two: a warm cache either way
        IndicatorValue.objects.all().delete()
        cold = run_rollup().seconds
        warm = run_rollup().seconds
        incremental_runs = []
        for community in Area.objects.filter(level=Level.COMMUNITY, code__startswith="BENCH").order_by("?")[:5]:
            started = time.perf_counter()
            run_rollup(area_ids=[community.pk])
            incremental_runs.append(time.perf_counter() - started)
        incremental = sorted(incremental_runs)[len(incremental_runs) // 2]
        rows = IndicatorValue.objects.count()
        self.stdout.write(
            "\n| measure | seconds | vs plain SQL |\n|---|---:|---:|\n"
            f"| plain SQL GROUP BY, {len(PLAIN)} indicators × 4 levels | {plain:.2f} | 1.00× |\n"
            f"| full roll-up, first run ({rows:,} figures written) | {cold:.2f} | {cold / plain:.2f}× |\n"
            f"| full roll-up, rerun with nothing changed | {warm:.2f} | {warm / plain:.2f}× |\n"
            f"| incremental run, one community and its ancestors (median of 5) | {incremental:.2f} | |\n"
        )

    def generate(self):
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            # Bulk generation: skip the per-row trigger (the generated buildings fit their compounds).
            cursor.execute("SET LOCAL session_replication_role = replica")
            for table in ("grids_gridstaff", "grids_building", "grids_compound"):
                cursor.execute(
                    f"DELETE FROM {table} WHERE community_id IN (SELECT id FROM grids_area WHERE code LIKE 'BENCH%%')"
                )
            cursor.execute("DELETE FROM rollups_indicatorvalue")
            cursor.execute("DELETE FROM rollups_indicatorvaluehistory")
            cursor.execute("DELETE FROM grids_area WHERE code LIKE 'BENCH%%'")
            for statement in GENERATE:
                cursor.execute(statement.format(**SCALE))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"generated in {time.perf_counter() - started:.1f} s")

    def time_plain_sql(self) -> float:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for code in registry.catalogue():
                if code not in PLAIN:
                    continue
                for col in ("community_id", "street_id", "district_id", "city_id"):
                    cursor.execute(PLAIN[code].format(col=col))
                    cursor.fetchall()
        return time.perf_counter() - started
