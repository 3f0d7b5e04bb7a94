"""`create_official` gives an administrator's colleague a scoped staff account, or says clearly what is wrong."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from grids.models import Area
from grids.roles import OFFICIALS_GROUP
from tests.factories import StreetFactory, UserFactory

PASSWORD = "Lingyun-Street-2025"


def create_official(*args: str) -> str:
    out = StringIO()
    call_command("create_official", *args, stdout=out)
    return out.getvalue()


def test_an_official_gets_a_staff_account_in_the_officials_group_with_the_area(street):
    output = create_official("zhao", "--area", street.code, "--password", PASSWORD)

    user = get_user_model().objects.get(username="zhao")
    assert user.is_staff and not user.is_superuser
    assert user.check_password(PASSWORD)
    assert user.groups.filter(name=OFFICIALS_GROUP).exists()
    assert list(Area.objects.filter(officials__user=user)) == [street]
    assert "龙山街道" in output


def test_an_area_can_be_named_instead_of_coded_and_several_can_be_given(street, other_community):
    create_official("zhao", "--area", "龙山街道", "--area", "红旗街道/前进社区", "--password", PASSWORD)

    user = get_user_model().objects.get(username="zhao")
    assert set(Area.objects.filter(officials__user=user)) == {street, other_community}


def test_an_unknown_area_is_refused_and_no_account_is_created(db):
    with pytest.raises(CommandError, match="找不到区域“不存在街道”"):
        create_official("zhao", "--area", "不存在街道", "--password", PASSWORD)

    assert not get_user_model().objects.filter(username="zhao").exists()


def test_an_ambiguous_name_is_refused_with_the_codes_to_choose_from(street):
    elsewhere = StreetFactory(name="龙山街道")

    with pytest.raises(CommandError, match="不唯一") as error:
        create_official("zhao", "--area", "龙山街道", "--password", PASSWORD)

    assert street.code in str(error.value)
    assert elsewhere.code in str(error.value)
    assert not get_user_model().objects.filter(username="zhao").exists()


def test_a_grid_cannot_be_an_officials_area(grid):
    with pytest.raises(CommandError, match="网格"):
        create_official("zhao", "--area", grid.code, "--password", PASSWORD)


def test_a_weak_password_is_refused(street):
    with pytest.raises(CommandError):
        create_official("zhao", "--area", street.code, "--password", "12345678")

    assert not get_user_model().objects.filter(username="zhao").exists()


def test_a_new_account_needs_a_password_when_nobody_can_type_one(street):
    with pytest.raises(CommandError, match="--password"):
        create_official("zhao", "--area", street.code)


def test_an_existing_account_gains_an_area_and_keeps_its_password(street, other_street):
    UserFactory(username="zhao")
    create_official("zhao", "--area", street.code)

    user = get_user_model().objects.get(username="zhao")
    assert user.check_password("pass-1234")
    assert user.is_staff
    assert list(Area.objects.filter(officials__user=user)) == [street]
