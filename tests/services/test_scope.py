"""Officials change only the services of their own areas: anything else is a 403 and nothing changes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from services.models import Canteen, CanteenMonth, CanteenMonthCorrection, CanteenPrice, Facility
from tests.factories import CommunityFactory
from tests.grids.test_admin_helpers import admin_form_data, change_url
from tests.services.factories import (
    CanteenFactory,
    CanteenMonthFactory,
    FacilityFactory,
    SmallWishFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_canteen(other_community):
    return CanteenFactory(community=other_community, name="红旗幸福餐厅", seats=40)


def test_creating_a_canteen_in_another_street_is_403_and_creates_nothing(official_api, other_community):
    response = official_api.post(
        "/api/v1/canteens/",
        {
            "community": other_community.pk,
            "name": "新食堂",
            "address": "红旗路1号",
            "seats": 30,
            "opening_hours": "11:00–13:00",
            "opened_on": "2025-01-01",
        },
        format="json",
    )

    assert response.status_code == 403
    assert not Canteen.objects.filter(name="新食堂").exists()


def test_an_official_creates_a_canteen_serving_a_neighbouring_community(official_api, community, street):
    neighbour = CommunityFactory(parent=street, name="龙华社区")
    response = official_api.post(
        "/api/v1/canteens/",
        {
            "community": community.pk,
            "name": "光大幸福餐厅",
            "kind": "street",
            "address": "光大路1号",
            "seats": 60,
            "opening_hours": "11:00–13:00",
            "opened_on": "2025-01-01",
            "serves": [neighbour.pk],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["serves"] == [{"id": neighbour.pk, "name": "龙华社区"}]
    assert list(Canteen.objects.get().serves.all()) == [neighbour]


def test_a_canteen_cannot_claim_to_serve_a_community_of_another_street(official_api, community, other_community):
    canteen = CanteenFactory(community=community)

    response = official_api.patch(
        f"/api/v1/canteens/{canteen.pk}/", {"serves": [other_community.pk], "version": canteen.version}, format="json"
    )

    assert response.status_code == 403
    assert not canteen.serves.exists()


def test_changing_another_streets_canteen_is_403_and_nothing_changes(official_api, other_canteen):
    response = official_api.patch(
        f"/api/v1/canteens/{other_canteen.pk}/", {"seats": 1, "version": other_canteen.version}, format="json"
    )

    assert response.status_code == 403
    assert "红旗幸福餐厅" in response.json()["detail"]
    other_canteen.refresh_from_db()
    assert other_canteen.seats == 40


def test_entering_or_correcting_another_streets_figures_is_403(official_api, other_canteen):
    figure = CanteenMonthFactory(canteen=other_canteen, meals_served=100, seniors_served=50, deliveries=0)

    created = official_api.post(
        "/api/v1/canteen-months/",
        {"canteen": other_canteen.pk, "month": "2025-02", "meals_served": 1, "seniors_served": 1},
        format="json",
    )
    corrected = official_api.patch(
        f"/api/v1/canteen-months/{figure.pk}/",
        {"meals_served": 1, "reason": "改一下", "version": figure.version},
        format="json",
    )

    assert (created.status_code, corrected.status_code) == (403, 403)
    assert CanteenMonth.objects.count() == 1
    figure.refresh_from_db()
    assert figure.meals_served == 100
    assert not CanteenMonthCorrection.objects.exists()


def test_prices_and_facilities_of_another_street_are_out_of_reach(official_api, other_canteen, other_community):
    price = official_api.post(
        "/api/v1/canteen-prices/", {"canteen": other_canteen.pk, "group": "standard", "price": "1.00"}, format="json"
    )
    room = FacilityFactory(community=other_community, name="红旗书房", books=100)
    url = f"/api/v1/facilities/{room.pk}/"
    facility = official_api.patch(url, {"books": 1, "version": room.version}, format="json")
    deleted = official_api.delete(url)

    assert (price.status_code, facility.status_code, deleted.status_code) == (403, 403, 403)
    assert not CanteenPrice.objects.exists()
    assert Facility.objects.get(pk=room.pk).books == 100


def test_anonymous_visitors_read_canteens_but_cannot_write(api_client, other_canteen):
    assert api_client.get("/api/v1/canteens/").status_code == 200
    response = api_client.patch(f"/api/v1/canteens/{other_canteen.pk}/", {"seats": 1}, format="json")

    assert response.status_code in (401, 403)
    other_canteen.refresh_from_db()
    assert other_canteen.seats == 40


def test_small_wishes_are_for_officials_of_the_area_only(official_api, community, other_community):
    SmallWishFactory(community=community, title="一副老花镜", claimed_on=dt.date(2025, 3, 2), claimed_by="王建国")
    SmallWishFactory(community=other_community, title="一台助行器")

    assert APIClient().get("/api/v1/small-wishes/").status_code in (401, 403)
    titles = [w["title"] for w in official_api.get("/api/v1/small-wishes/").json()["results"]]
    assert titles == ["一副老花镜"]


def test_an_official_opening_another_streets_canteen_in_the_admin_gets_403(official_client, other_canteen):
    assert official_client.get(change_url(other_canteen)).status_code == 403
    response = official_client.post(change_url(other_canteen), {"seats": "1"})

    assert response.status_code == 403
    other_canteen.refresh_from_db()
    assert other_canteen.seats == 40


def test_the_admin_lists_only_the_officials_canteens(official_client, community, other_canteen):
    CanteenFactory(community=community, name="光大幸福餐厅")

    response = official_client.get(reverse("admin:services_canteen_changelist"))

    assert response.status_code == 200
    names = [c.name for c in response.context["cl"].result_list]
    assert names == ["光大幸福餐厅"]


def test_a_price_added_inline_in_the_admin_is_saved_in_the_canteens_community(official_client, community):
    canteen = CanteenFactory(community=community)
    form = official_client.get(change_url(canteen))
    data = admin_form_data(
        form,
        **{
            "prices-TOTAL_FORMS": "1",
            "prices-0-group": "senior",
            "prices-0-min_age": "70",
            "prices-0-price": "10.00",
            "prices-0-canteen": str(canteen.pk),
        },
    )

    response = official_client.post(change_url(canteen), data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    price = CanteenPrice.objects.get()
    assert (price.min_age, price.price, price.community) == (70, Decimal("10.00"), community)


# --- communities of other streets a canteen serves are not an official's to drop ------------------------------


@pytest.fixture
def canteen_serving_two_streets(community, street, other_community):
    """A canteen of the official's street that also serves a neighbour of theirs and a community of another
    street (set up by someone responsible for both)."""
    canteen = CanteenFactory(community=community, name="光大幸福餐厅")
    neighbour = CommunityFactory(parent=street, name="龙华社区")
    canteen.serves.add(neighbour, other_community)
    return canteen


def served(canteen) -> set[str]:
    return set(canteen.serves.values_list("name", flat=True))


def test_an_admin_save_keeps_the_served_communities_of_other_streets(
    official_client, canteen_serving_two_streets, other_community
):
    canteen = canteen_serving_two_streets
    form = official_client.get(change_url(canteen))
    offered = form.context["adminform"].form.fields["serves"].queryset
    assert other_community not in offered  # so the browser cannot send it back
    neighbour = canteen.serves.get(name="龙华社区")

    response = official_client.post(change_url(canteen), admin_form_data(form, seats="70", serves=[str(neighbour.pk)]))

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    canteen.refresh_from_db()
    assert canteen.seats == 70
    assert served(canteen) == {"龙华社区", other_community.name}


def test_an_official_unticking_their_own_neighbour_in_the_admin_keeps_the_other_streets_one(
    official_client, canteen_serving_two_streets, other_community
):
    canteen = canteen_serving_two_streets
    form = official_client.get(change_url(canteen))

    response = official_client.post(change_url(canteen), admin_form_data(form, serves=[]))

    assert response.status_code == 302
    assert served(canteen) == {other_community.name}


def test_an_api_patch_emptying_serves_removes_only_the_officials_own_communities(
    official_api, canteen_serving_two_streets, other_community
):
    canteen = canteen_serving_two_streets

    response = official_api.patch(
        f"/api/v1/canteens/{canteen.pk}/", {"serves": [], "version": canteen.version}, format="json"
    )

    assert response.status_code == 200, response.content
    assert [c["name"] for c in response.json()["serves"]] == [other_community.name]
    assert served(canteen) == {other_community.name}


def test_an_api_patch_may_repeat_a_served_community_of_another_street(
    official_api, canteen_serving_two_streets, other_community
):
    canteen = canteen_serving_two_streets

    response = official_api.patch(
        f"/api/v1/canteens/{canteen.pk}/",
        {"serves": [other_community.pk], "version": canteen.version},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert served(canteen) == {other_community.name}
