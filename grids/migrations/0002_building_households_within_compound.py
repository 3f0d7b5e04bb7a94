"""The buildings of a compound may not hold more households than the compound says.

A sum over rows cannot be a CHECK constraint, so on PostgreSQL a deferred constraint trigger
guards it (bulk writes and `update()` skip `full_clean`); `Building.clean()` explains it in words.
SQLite (the embedded default) relies on `clean()`.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION grids_check_building_households() RETURNS trigger AS $$
DECLARE
    target_compound bigint;
    total bigint;
    limit_ bigint;
BEGIN
    IF TG_TABLE_NAME = 'grids_compound' THEN
        target_compound := NEW.id;
    ELSE
        target_compound := NEW.compound_id;
    END IF;
    SELECT households INTO limit_ FROM grids_compound WHERE id = target_compound;
    IF limit_ IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT COALESCE(SUM(households), 0) INTO total FROM grids_building b WHERE b.compound_id = target_compound;
    IF total > limit_ THEN
        RAISE EXCEPTION 'buildings of compound % hold % households, more than its %', target_compound, total, limit_
            USING ERRCODE = '23514', CONSTRAINT = 'building_households_within_compound';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER building_households_within_compound
    AFTER INSERT OR UPDATE OF households, compound_id ON grids_building
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION grids_check_building_households();
CREATE CONSTRAINT TRIGGER compound_households_cover_buildings
    AFTER UPDATE OF households ON grids_compound
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION grids_check_building_households();
"""

DROP = """
DROP TRIGGER IF EXISTS building_households_within_compound ON grids_building;
DROP TRIGGER IF EXISTS compound_households_cover_buildings ON grids_compound;
DROP FUNCTION IF EXISTS grids_check_building_households();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("grids", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
