"""Writes of the community services. The admin, the API and the Excel import call these; each checks the caller's
scope (403, nothing changed), validates with full_clean() (400 naming the field) and saves in one transaction,
through grids' scoped save so the roll-ups hear of the change."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grids.actions import areas_changed, register_record_actions, scoped_delete, scoped_save
from grids.models import Area, Level, ensure_can_manage

from .models import (
    FIGURE_FIELDS,
    Canteen,
    CanteenMonth,
    CanteenMonthCorrection,
    CanteenPrice,
    Facility,
    SmallWish,
    VolunteerHours,
    VolunteerTeam,
    month_label,
    month_start,
)

REASON_REQUIRED = gettext_lazy("更正已录入的月度数据，请说明更正原因。")
# Monthly figures are never deleted through the API; in the admin only while nobody has corrected them.
WRONG_ENTRY = gettext_lazy(
    "录错了食堂或月份：尚未更正过的数据可以由管理人员在管理后台删除后重新录入；已有更正记录的数据不能删除。"
)
CORRECTED_KEPT = gettext_lazy("“%(figure)s”已有更正记录，不能删除：月度数据和它的更正记录要完整保留。")


def _as_json(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


@transaction.atomic
def canteen_save(*, user: Any, canteen: Canteen, serves: Iterable[Area] | None = None) -> Canteen:
    """Create or change a canteen; `serves` (when given) replaces the other communities it serves that the caller
    is responsible for. A community the caller adds must be theirs (403 otherwise); communities of other areas the
    canteen already serves are not theirs to remove and stay (the admin does not even offer them)."""
    served: set[int] | None = None
    before = set(canteen.serves.values_list("pk", flat=True)) if canteen.pk else set()
    if serves is not None:
        requested = [a for a in serves if a.pk != canteen.community_id]
        wrong = [a.name for a in requested if a.level != Level.COMMUNITY]
        if wrong:
            raise ValidationError({"serves": _("“%(names)s”不是社区/村。") % {"names": "、".join(wrong)}})
        for area in requested:
            if area.pk not in before:
                ensure_can_manage(user, area)
        managed = set(Area.objects.for_user(user).filter(pk__in=before).values_list("pk", flat=True))
        served = {a.pk for a in requested} | (before - managed)
    canteen = scoped_save(user=user, instance=canteen)
    if served is not None:
        canteen.serves.set(served)
        areas_changed(before ^ served)
    return canteen


@transaction.atomic
def canteen_price_save(*, user: Any, price: CanteenPrice) -> CanteenPrice:
    return scoped_save(user=user, instance=price)


@transaction.atomic
def canteen_month_record(*, user: Any, figure: CanteenMonth) -> CanteenMonth:
    """Enter a canteen's figures for a month: once. A second entry for the same month is refused (400 on
    `month`); changing entered figures is `canteen_month_correct`."""
    if figure.pk:
        raise ValidationError({"month": _("该月数据已经录入；如需修改，请提交更正并说明原因。")})
    return scoped_save(user=user, instance=figure)


@transaction.atomic
def canteen_month_correct(*, user: Any, figure: CanteenMonth, reason: str) -> CanteenMonthCorrection:
    """Correct entered figures: `figure` carries the new values. The old and new values and `reason` are kept
    as a correction (and in the change history); the canteen and the month cannot be corrected."""
    stored = CanteenMonth._base_manager.select_for_update().get(pk=figure.pk)
    ensure_can_manage(user, stored)
    errors: dict[str, Any] = {}
    if figure.canteen_id != stored.canteen_id:
        errors["canteen"] = _("更正只改数字，不能改食堂。") + str(WRONG_ENTRY)
    if figure.month and month_start(figure.month) != stored.month:
        stored_month = {"month": month_label(stored.month)}
        errors["month"] = _("更正只改数字，不能改月份（原为%(month)s）。") % stored_month + str(WRONG_ENTRY)
    changes = {
        f: [_as_json(getattr(stored, f)), _as_json(getattr(figure, f))]
        for f in FIGURE_FIELDS
        if getattr(stored, f) != getattr(figure, f)
    }
    if not changes and not errors:
        errors[NON_FIELD_ERRORS] = _("数据与已录入的相同，没有需要更正的内容。")
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = REASON_REQUIRED
    if errors:
        raise ValidationError(errors)
    figure._change_reason = reason  # type: ignore[attr-defined]  # shown in the admin's change history
    if getattr(figure, "_history_user", None) is None and getattr(user, "is_authenticated", False):
        figure._history_user = user  # type: ignore[attr-defined]
    scoped_save(user=user, instance=figure)
    correction = CanteenMonthCorrection(
        figure=figure,
        changes=changes,
        reason=reason,
        corrected_by=user if getattr(user, "is_authenticated", False) else None,
    )
    correction.full_clean()
    correction.save()
    return correction


@transaction.atomic
def facility_save(*, user: Any, facility: Facility) -> Facility:
    return scoped_save(user=user, instance=facility)


@transaction.atomic
def volunteer_team_save(*, user: Any, team: VolunteerTeam) -> VolunteerTeam:
    return scoped_save(user=user, instance=team)


@transaction.atomic
def volunteer_hours_save(*, user: Any, hours: VolunteerHours) -> VolunteerHours:
    return scoped_save(user=user, instance=hours)


@transaction.atomic
def small_wish_save(*, user: Any, wish: SmallWish) -> SmallWish:
    return scoped_save(user=user, instance=wish)


@transaction.atomic
def service_record_delete(*, user: Any, instance: models.Model) -> None:
    """Delete a record of the caller's areas. A canteen with monthly figures cannot be deleted (close it), nor
    monthly figures that were corrected (their history is kept; the database protects it too)."""
    if isinstance(instance, CanteenMonth) and instance.corrections.exists():
        ensure_can_manage(user, instance)  # out of scope is a 403 before any reason
        raise ValidationError(CORRECTED_KEPT % {"figure": instance})
    if isinstance(instance, Canteen):
        served = set(instance.serves.values_list("pk", flat=True))
        scoped_delete(user=user, instance=instance)
        areas_changed(served)
        return
    scoped_delete(user=user, instance=instance)


# The generic admin, API and import write these models through grids.actions.record_save / record_delete. Monthly
# canteen figures are saved by neither: entering and correcting them are two different actions.
register_record_actions(
    save={
        Canteen: lambda user, obj: canteen_save(user=user, canteen=obj),
        CanteenPrice: lambda user, obj: canteen_price_save(user=user, price=obj),
        Facility: lambda user, obj: facility_save(user=user, facility=obj),
        VolunteerTeam: lambda user, obj: volunteer_team_save(user=user, team=obj),
        VolunteerHours: lambda user, obj: volunteer_hours_save(user=user, hours=obj),
        SmallWish: lambda user, obj: small_wish_save(user=user, wish=obj),
    },
    delete=dict.fromkeys(
        [Canteen, CanteenPrice, CanteenMonth, Facility, VolunteerTeam, VolunteerHours, SmallWish], service_record_delete
    ),
)
