"""A canteen's figures for a month are entered once; changing them afterwards is a correction, kept with the old
and new values and the reason, never a silent overwrite."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from services import actions
from services.models import CanteenMonth, CanteenMonthCorrection
from tests.grids.test_admin_helpers import admin_form_data, change_url
from tests.services.factories import CanteenFactory, CanteenMonthFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/canteen-months/"


@pytest.fixture
def canteen(community):
    return CanteenFactory(community=community, name="光大社区幸福餐厅", opened_on=dt.date(2024, 6, 15))


@pytest.fixture
def march(canteen):
    return CanteenMonthFactory(canteen=canteen, month=dt.date(2025, 3, 1), meals_served=3000, seniors_served=800)


def enter(client, canteen, **values):
    data = {"canteen": canteen.pk, "month": "2025-03", "meals_served": 3000, "seniors_served": 800, **values}
    return client.post(URL, data, format="json")


def test_an_official_enters_a_months_figures(official_api, canteen, street_official):
    response = enter(official_api, canteen, deliveries=420, subsidy_paid="9000.50")

    assert response.status_code == 201, response.content
    figure = CanteenMonth.objects.get()
    assert (figure.month, figure.meals_served, figure.deliveries) == (dt.date(2025, 3, 1), 3000, 420)
    assert figure.community == canteen.community and figure.street_id == canteen.street_id
    assert response.json()["month"] == "2025-03"
    assert response.json()["corrections"] == []


def test_a_day_of_the_month_is_stored_as_the_month(official_api, canteen):
    response = enter(official_api, canteen, month="2025-03-17")

    assert response.status_code == 201, response.content
    assert CanteenMonth.objects.get().month == dt.date(2025, 3, 1)


def test_a_month_is_entered_once_a_second_entry_is_a_400_on_month_and_changes_nothing(official_api, march):
    response = enter(official_api, march.canteen, month="2025-03-20", meals_served=9999)

    assert response.status_code == 400
    assert "每月只录入一次" in response.json()["month"][0]
    assert list(CanteenMonth.objects.values_list("meals_served", flat=True)) == [3000]


def test_the_database_refuses_a_second_row_for_the_same_canteen_and_month(march):
    with pytest.raises(IntegrityError), transaction.atomic():
        CanteenMonth.objects.create(
            canteen=march.canteen, month=march.month, meals_served=1, seniors_served=1, deliveries=0
        )


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"seniors_served": 3001}, "seniors_served", "不能多于就餐人次"),
        ({"deliveries": 3001}, "deliveries", "不能多于就餐人次"),
        ({"meals_served": -5}, "meals_served", ""),
        ({"month": "2024-05"}, "month", "才开业"),
        ({"month": "2099-01"}, "month", "还没有到"),
        ({"month": "三月"}, "month", ""),
    ],
)
def test_bad_figures_are_a_400_naming_the_field_and_nothing_is_saved(official_api, canteen, values, field, words):
    response = enter(official_api, canteen, **values)

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert words in str(response.json()[field])
    assert not CanteenMonth.objects.exists()


def test_deliveries_from_a_canteen_that_does_not_deliver_are_refused(official_api, community):
    canteen = CanteenFactory(community=community, delivers=False)

    response = enter(official_api, canteen, deliveries=10)

    assert response.status_code == 400
    assert "不提供送餐" in response.json()["deliveries"][0]


def test_a_correction_keeps_the_old_and_new_values_and_the_reason(official_api, march, street_official):
    response = official_api.patch(
        f"{URL}{march.pk}/",
        {"meals_served": 3120, "subsidy_paid": "9360.00", "reason": "漏记了3月31日的送餐", "version": march.version},
        format="json",
    )

    assert response.status_code == 200, response.content
    march.refresh_from_db()
    assert march.meals_served == 3120
    correction = CanteenMonthCorrection.objects.get()
    assert correction.figure == march
    assert correction.changes == {"meals_served": [3000, 3120], "subsidy_paid": ["9000.00", "9360.00"]}
    assert correction.reason == "漏记了3月31日的送餐"
    assert correction.corrected_by == street_official
    assert response.json()["corrections"][0]["changes"]["meals_served"] == [3000, 3120]
    assert "corrected_by" not in response.json()["corrections"][0]
    latest = march.history.first()
    assert (latest.history_type, latest.history_change_reason) == ("~", "漏记了3月31日的送餐")


def test_two_corrections_are_both_kept_in_order(official_api, march):
    for meals, reason in ((3100, "第一次核对"), (3050, "第二次核对")):
        march.refresh_from_db()
        response = official_api.patch(
            f"{URL}{march.pk}/", {"meals_served": meals, "reason": reason, "version": march.version}, format="json"
        )
        assert response.status_code == 200, response.content

    body = official_api.get(f"{URL}{march.pk}/").json()
    assert [(c["changes"]["meals_served"], c["reason"]) for c in body["corrections"]] == [
        ([3000, 3100], "第一次核对"),
        ([3100, 3050], "第二次核对"),
    ]


def test_a_correction_without_a_reason_is_a_400_on_reason_and_changes_nothing(official_api, march):
    response = official_api.patch(
        f"{URL}{march.pk}/", {"meals_served": 1, "reason": "  ", "version": march.version}, format="json"
    )

    assert response.status_code == 400
    assert "更正原因" in response.json()["reason"][0]
    march.refresh_from_db()
    assert march.meals_served == 3000
    assert not CanteenMonthCorrection.objects.exists()


def test_a_correction_cannot_move_figures_to_another_month(official_api, march):
    response = official_api.patch(
        f"{URL}{march.pk}/", {"month": "2025-04", "reason": "录错月份", "version": march.version}, format="json"
    )

    # month is not a correctable field: it is ignored, and with nothing changed the correction is refused
    assert response.status_code == 400
    march.refresh_from_db()
    assert march.month == dt.date(2025, 3, 1)


def test_a_correction_from_a_stale_copy_is_a_conflict(official_api, march):
    stale = march.version
    CanteenMonth.objects.filter(pk=march.pk).update(version=stale + 1)

    response = official_api.patch(
        f"{URL}{march.pk}/", {"meals_served": 3100, "reason": "核对", "version": stale}, format="json"
    )

    assert response.status_code == 409
    assert not CanteenMonthCorrection.objects.exists()


# --- in the admin -----------------------------------------------------------------------------------


def test_an_admin_edit_of_entered_figures_is_recorded_as_a_correction(official_client, march, street_official):
    form = official_client.get(change_url(march))
    assert form.status_code == 200

    response = official_client.post(
        change_url(march), admin_form_data(form, meals_served="3150", correction_reason="补录周末就餐")
    )

    assert response.status_code == 302
    correction = CanteenMonthCorrection.objects.get()
    assert (correction.changes, correction.reason) == ({"meals_served": [3000, 3150]}, "补录周末就餐")
    assert correction.corrected_by == street_official


def test_an_admin_edit_without_a_reason_is_shown_on_the_form_and_saves_nothing(official_client, march):
    form = official_client.get(change_url(march))

    response = official_client.post(change_url(march), admin_form_data(form, meals_served="3150"))

    assert response.status_code == 200
    assert "correction_reason" in response.context["adminform"].form.errors
    march.refresh_from_db()
    assert march.meals_served == 3000


def test_the_admin_shows_the_corrections_of_a_month(official_client, march):
    CanteenMonthCorrection.objects.create(
        figure=march, changes={"meals_served": [2900, 3000]}, reason="漏记一天", corrected_by=None
    )

    html = official_client.get(change_url(march)).content.decode()

    assert "漏记一天" in html
    assert "就餐人次：2900 → 3000" in html


def correct(figure, user, reason="核对台账", **values):
    for field, value in values.items():
        setattr(figure, field, value)
    return actions.canteen_month_correct(user=user, figure=figure, reason=reason)


@pytest.mark.parametrize("n", [1, 4])
def test_the_admin_shows_who_corrected_at_the_same_queries_however_many_corrections(
    official_client, march, django_assert_num_queries, n
):
    users = [get_user_model().objects.create_user(f"核对员{i}", is_staff=True) for i in range(n)]
    for i, user in enumerate(users):
        CanteenMonthCorrection.objects.create(
            figure=march, changes={"meals_served": [3000 + i, 3001 + i]}, reason=f"第{i}次核对", corrected_by=user
        )
    official_client.get(change_url(march))  # warm the caches (content types)

    # SAVEPOINT, session, user, the figure, the user's and groups' permissions (2), the official's areas (once
    # for the request, kept on the user), the corrections with who corrected them and their figure's canteen
    # (1, not up to three per row), the canteen (read-only field), RELEASE
    with django_assert_num_queries(10):
        html = official_client.get(change_url(march)).content.decode()

    assert all(u.username in html for u in users)


# --- corrected figures and their history are kept --------------------------------------------------------------


def test_the_database_refuses_to_delete_a_month_with_corrections(march, street_official):
    correct(march, street_official, meals_served=3100)

    with pytest.raises(ProtectedError), transaction.atomic():
        march.delete()

    assert CanteenMonthCorrection.objects.filter(figure=march).count() == 1


def test_deleting_a_corrected_month_is_refused_in_words_and_keeps_it(march, street_official):
    correct(march, street_official, meals_served=3100)

    with pytest.raises(ValidationError) as refused:
        actions.service_record_delete(user=street_official, instance=march)

    assert "已有更正记录，不能删除" in str(refused.value)
    assert CanteenMonth.objects.filter(pk=march.pk).exists()


def test_the_admin_refuses_to_delete_a_corrected_month_and_says_why(official_client, march, street_official):
    correct(march, street_official, meals_served=3100, reason="补录周末就餐")
    url = reverse("admin:services_canteenmonth_delete", args=[march.pk])

    page = official_client.get(url)
    response = official_client.post(url, {"post": "yes"})

    assert page.status_code == 200 and page.context["protected"]  # "cannot delete: protected related objects"
    assert "补录周末就餐" in page.content.decode()
    assert response.status_code == 200
    assert CanteenMonth.objects.filter(pk=march.pk).exists()
    assert CanteenMonthCorrection.objects.filter(figure=march).count() == 1


def test_the_admins_bulk_delete_keeps_corrected_months(official_client, canteen, march, street_official):
    correct(march, street_official, meals_served=3100)
    CanteenMonthFactory(canteen=canteen, month=dt.date(2025, 4, 1))

    response = official_client.post(
        reverse("admin:services_canteenmonth_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [f"{m.pk},{m.version}" for m in CanteenMonth.objects.all()],
            "post": "yes",
        },
    )

    assert response.status_code == 200 and response.context["protected"]
    assert CanteenMonth.objects.count() == 2


def test_a_month_nobody_corrected_can_still_be_deleted_in_the_admin(official_client, march):
    url = reverse("admin:services_canteenmonth_delete", args=[march.pk])

    response = official_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not CanteenMonth.objects.exists()


def test_a_correction_moving_figures_to_another_canteen_points_to_no_deletion_the_api_lacks(
    official_api, march, street_official, community
):
    other = CanteenFactory(community=community, name="光大第二食堂")
    march.canteen = other

    with pytest.raises(ValidationError) as refused:
        correct(march, street_official, meals_served=3100)

    message = " ".join(refused.value.message_dict["canteen"])
    assert "不能改食堂" in message and "请删除后重新录入" not in message
    assert "已有更正记录的数据不能删除" in message


# --- the year filter -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["10000", "-1", "0", "1899", "2101"])
@pytest.mark.parametrize("url", [URL, "/api/v1/volunteer-hours/"])
def test_a_year_out_of_range_is_a_400_naming_year(api_client, url, year):
    response = api_client.get(url, {"year": year})

    assert response.status_code == 400
    assert "year" in response.json()


def test_a_year_in_range_filters_the_figures(api_client, march, canteen):
    CanteenMonthFactory(canteen=canteen, month=dt.date(2024, 12, 1))

    months = [f["month"] for f in api_client.get(URL, {"year": "2025"}).json()["results"]]

    assert months == ["2025-03"]
