"""The OpenAPI 3 schema is served and valid, and the docs pages load nothing from a CDN."""

import re

import pytest
import yaml
from django.core.management import call_command

ASSET_URL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@pytest.mark.django_db
def test_the_schema_endpoint_answers_with_an_openapi_3_document_of_every_endpoint(api_client):
    response = api_client.get("/api/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    for endpoint in ("areas", "districts", "streets", "communities", "grids", "compounds", "buildings", "units"):
        assert f"/api/v1/{endpoint}/" in schema["paths"]
    assert "/api/v1/grid-staff/" in schema["paths"]


@pytest.mark.django_db
def test_the_schema_validates_without_any_warning(tmp_path):
    # Raises (CommandError / SystemExit) on an invalid schema or on any warning.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))

    assert "openapi" in (tmp_path / "schema.yml").read_text()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/api/docs/", "/api/redoc/"])
def test_the_docs_pages_load_their_scripts_and_styles_from_this_site_only(api_client, page):
    response = api_client.get(page)

    assert response.status_code == 200
    html = response.content.decode()
    assets = ASSET_URL.findall(html)
    assert assets, html
    for url in assets:
        assert url.startswith("/static/"), url
    # The CSRF token is random text; it may spell "cdn" by chance.
    assert "cdn" not in re.sub(r'(?i)"x-csrftoken"\] = "\w+"', "", html).lower()
    assert "//" not in re.sub(r"(?s)<script>.*?</script>", "", html).replace("<!DOCTYPE html>", "")


@pytest.mark.django_db
def test_the_swagger_page_does_not_ask_an_outside_validator(api_client):
    html = api_client.get("/api/docs/").content.decode()

    assert '"validatorUrl": null' in html
