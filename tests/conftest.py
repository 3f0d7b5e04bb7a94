"""Fixtures every test may use: a small district with two streets and an official of one of them."""

import pytest
from rest_framework.test import APIClient

from grids.actions import official_create
from grids.roles import ensure_roles
from tests.factories import CommunityFactory, DistrictFactory, GridFactory, StreetFactory, UserFactory

pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _roles(db):
    ensure_roles()


@pytest.fixture
def district(db):
    return DistrictFactory(name="双塔区")


@pytest.fixture
def street(district):
    return StreetFactory(parent=district, name="龙山街道")


@pytest.fixture
def other_street(district):
    return StreetFactory(parent=district, name="红旗街道")


@pytest.fixture
def community(street):
    return CommunityFactory(parent=street, name="光大社区")


@pytest.fixture
def other_community(other_street):
    return CommunityFactory(parent=other_street, name="前进社区")


@pytest.fixture
def grid(community):
    return GridFactory(parent=community, name="光大第1网格")


@pytest.fixture
def street_official(street):
    return official_create(username="longshan", password="pass-1234", areas=[street])


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def only_sections(monkeypatch):
    """`only_sections("services/")`: the area and compound pages carry only the sections whose template starts so,
    for a test pinning one app's query cost (tests/test_site_pages.py pins the whole page)."""
    from grids import sections

    def keep(prefix: str) -> None:
        for registry in ("AREA_SECTIONS", "COMPOUND_SECTIONS"):
            kept = [s for s in getattr(sections, registry) if s.template.startswith(prefix)]
            monkeypatch.setattr(sections, registry, kept)

    return keep
