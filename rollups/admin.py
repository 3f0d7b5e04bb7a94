from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from grids.models import Area

from .actions import target_set
from .models import IndicatorValue, Target


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["area", "indicator", "year", "value", "set_by", "set_at"]
    list_filter = ["year", "indicator", "area__level"]
    search_fields = ["area__name", "area__code", "indicator"]
    raw_id_fields = ["area"]
    readonly_fields = ["set_by", "set_at"]

    def get_queryset(self, request: HttpRequest):
        # Officials see targets of their areas and of the areas below them.
        scoped = Area.objects.for_user(request.user).values("pk")
        return super().get_queryset(request).select_related("area", "set_by").filter(area__in=scoped)

    def save_model(self, request, obj, form, change):
        saved = target_set(user=request.user, area=obj.area, indicator=obj.indicator, year=obj.year, value=obj.value)
        obj.pk = saved.pk


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    """Read-only: figures are computed, never typed."""

    list_display = ["indicator", "area", "period_type", "period_start", "value", "target", "completion", "computed_at"]
    list_filter = ["indicator", "level", "period_type"]
    search_fields = ["area__name", "area__code"]
    list_select_related = ["area"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).filter(area__in=Area.objects.for_user(request.user).values("pk"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
