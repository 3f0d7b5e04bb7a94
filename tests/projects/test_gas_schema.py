"""The API schema names a building's stage and an event's from/to stage with one enum (GasStageEnum), so clients
get the stages' values, not bare integers."""

import pytest
import yaml

pytestmark = pytest.mark.django_db


def refs(prop: dict) -> set[str]:
    found = {prop["$ref"]} if "$ref" in prop else set()
    for key in ("allOf", "oneOf"):
        found |= {item["$ref"] for item in prop.get(key, []) if "$ref" in item}
    return {ref.rsplit("/", 1)[-1] for ref in found}


def test_every_stage_in_the_schema_is_the_one_gas_stage_enum(api_client):
    schemas = yaml.safe_load(api_client.get("/api/schema/").content)["components"]["schemas"]

    event, plan = schemas["GasStageEvent"]["properties"], schemas["GasBuildingPlan"]["properties"]
    assert refs(event["to_stage"]) == {"GasStageEnum"}
    assert refs(event["from_stage"]) == {"GasStageEnum", "NullEnum"}
    assert refs(plan["stage"]) == {"GasStageEnum"}
    assert schemas["GasStageEnum"]["enum"] == [1, 2, 3, 4, 5, 6, 7]
    assert not [name for name in schemas if name.endswith("StageEnum") and name != "GasStageEnum"]
