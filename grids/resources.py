"""Excel/CSV ledgers of the area tables (django-import-export).

Officials keep their ledgers in Excel, so the column headers are the Chinese ones they use. The headers
are a file format, not user-interface text: they stay Chinese whatever the interface language, so a
file exported in English still imports.

Every imported row is written through grids.actions.record_save (the caller's scope and full_clean());
a row outside the caller's areas or failing validation is reported with its row number and reason, and
a file with any bad row saves nothing (see ScopedModelResource.import_data).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from import_export import resources
from import_export.fields import Field
from import_export.formats import base_formats
from import_export.results import Result
from import_export.widgets import BooleanWidget, CharWidget, DecimalWidget, ForeignKeyWidget, IntegerWidget, Widget

from .actions import record_delete, record_save
from .models import Area, AreaKind, Building, Compound, Level, Unit, ensure_can_manage

# Column headers shared by several ledgers.
COMMUNITY_CODE = "社区编码"
COMPOUND_NAME = "小区名称"
BUILDING_NAME = "楼栋"


class LedgerCSV(base_formats.CSV):
    """CSV as officials' Excel writes it: UTF-8 (with or without BOM) or, from Chinese Excel, GB18030.

    Read as bytes and decoded here, trying UTF-8 first (a GB18030 file is almost never valid UTF-8).
    Exported as UTF-8 with a BOM, which Chinese Excel opens without mangling the characters.
    """

    ENCODINGS = ("utf-8-sig", "gb18030")

    def is_binary(self) -> bool:
        return True

    def get_read_mode(self) -> str:
        return "rb"

    def create_dataset(self, in_stream: bytes | str, **kwargs: Any) -> tablib.Dataset:
        if isinstance(in_stream, bytes):
            in_stream = self.decode(in_stream)
        return super().create_dataset(in_stream, **kwargs)

    @classmethod
    def decode(cls, data: bytes) -> str:
        for encoding in cls.ENCODINGS:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise ValueError(_("无法识别文件编码，请在 Excel 中另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）。"))

    def export_data(self, dataset: tablib.Dataset, **kwargs: Any) -> bytes:
        return super().export_data(dataset, **kwargs).encode("utf-8-sig")


LEDGER_FORMATS = [base_formats.XLSX, LedgerCSV]


def cell_text(value: Any) -> str:
    """A cell as text; Excel stores codes typed as numbers as 210302001001 or 210302001001.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class TextWidget(CharWidget):
    """Text cells trimmed; an empty cell is "" (not NULL); a number typed in Excel keeps no ".0"."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        return cell_text(value)


class AreaCodeWidget(ForeignKeyWidget):
    """An area by its code (区划代码), optionally of one level; an unknown code is a row error."""

    def __init__(self, level: Level | None = None, column: str = "", **kwargs: Any) -> None:
        super().__init__(Area, field="code", **kwargs)
        self.level = level
        self.column = column

    def get_queryset(self, value: Any, row: Any, *args: Any, **kwargs: Any) -> models.QuerySet:
        qs = Area.objects.all()
        return qs.filter(level=self.level) if self.level else qs

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Area | None:
        code = cell_text(value)
        if not code:
            return None
        area = self.get_queryset(value, row).filter(code=code).first()
        if area is None:
            raise ValidationError(
                _("%(column)s“%(code)s”不存在。") % {"column": self.column or _("区域编码"), "code": code}
            )
        return area


class NamedInCommunityWidget(ForeignKeyWidget):
    """A record by the community code in the same row and its name: a compound, a canteen, a job station."""

    def __init__(self, model: type[models.Model], noun: str | Promise, **kwargs: Any) -> None:
        super().__init__(model, field="name", **kwargs)
        self.noun = noun  # what the error calls it: 小区, 食堂, 驿站 (translated)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> models.Model | None:
        name = cell_text(value)
        code = cell_text((row or {}).get(COMMUNITY_CODE))
        if not name:
            return None
        found = self.model._default_manager.filter(community__code=code, name=name).first()
        if found is None:
            raise ValidationError(
                _("社区编码“%(code)s”下没有名为“%(name)s”的%(noun)s。")
                % {"code": code, "name": name, "noun": self.noun}
            )
        return found


def compound_widget() -> NamedInCommunityWidget:
    return NamedInCommunityWidget(Compound, pgettext_lazy("in a sentence", "小区"))


MONTH_PATTERN = re.compile(r"^\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:月|[-/.]\s*\d{1,2}\s*日?)?\s*$")


class MonthWidget(Widget):
    """A month as officials type it: 2025-03, 2025/3, 2025年3月, 2025-03-01, or an Excel date cell (any day of the
    month); stored as its first day."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date().replace(day=1)
        if isinstance(value, dt.date):
            return value.replace(day=1)
        text = cell_text(value)
        match = MONTH_PATTERN.match(text)
        if not match:
            raise ValidationError(_("月份“%(value)s”无法识别，请写成 2025-03 这样的格式。") % {"value": text})
        if not 1 <= int(match.group(2)) <= 12:
            raise ValidationError(_("月份“%(value)s”无效：月份应在 1 到 12 之间。") % {"value": text})
        return dt.date(int(match.group(1)), int(match.group(2)), 1)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.strftime("%Y-%m") if value else ""


class BuildingWidget(ForeignKeyWidget):
    """A building by community code, compound name (from the same row) and its name."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Building, field="name", **kwargs)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Building | None:
        row = row or {}
        name = cell_text(value)
        code, compound = cell_text(row.get(COMMUNITY_CODE)), cell_text(row.get(COMPOUND_NAME))
        if not name:
            return None
        building = Building.objects.filter(compound__community__code=code, compound__name=compound, name=name).first()
        if building is None:
            raise ValidationError(
                _("社区编码“%(code)s”的小区“%(compound)s”中没有楼栋“%(name)s”。")
                % {"code": code, "compound": compound, "name": name}
            )
        return building


class ChoiceLabelWidget(Widget):
    """A choice written as its Chinese label (街道) or its stored value (street / 3)."""

    def __init__(self, choices: type[models.Choices], column: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.choices = choices
        self.column = column

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
        text = cell_text(value)
        if not text:
            return None
        for choice in self.choices:
            if text in (str(choice.value), str(choice.label)):
                return choice.value
        raise ValidationError(_("%(column)s“%(value)s”无效。") % {"column": self.column, "value": text})

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        if value in (None, ""):
            return ""
        try:
            return str(self.choices(value).label)
        except ValueError:
            return str(value)


class YesNoWidget(BooleanWidget):
    """是/否 as Chinese ledgers write it; 1/0 and true/false are accepted too."""

    TRUE_VALUES = [*BooleanWidget.TRUE_VALUES, "是", "Y", "y"]
    FALSE_VALUES = [*BooleanWidget.FALSE_VALUES, "否", "N", "n"]

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        return "是" if value else "否"


class LedgerResult(Result):
    """Bad rows numbered as Excel numbers them: the header is row 1, the first data row is row 2."""

    def append_invalid_row(self, number: int, row: Any, validation_error: ValidationError) -> None:
        super().append_invalid_row(number + 1, row, validation_error)

    def append_error_row(self, number: int, row: Any, errors: Any) -> None:
        super().append_error_row(number + 1, row, errors)


class ScopedModelResource(resources.ModelResource):
    """Base of every ledger: rows are saved through the record actions with the importing user's scope.

    Pass the user as `import_data(dataset, user=request.user)` (the admin does). Without a user no row
    is in scope, so nothing imports.
    """

    class Meta:
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = True

    def import_data(
        self,
        dataset: tablib.Dataset,
        dry_run: bool = False,
        raise_errors: bool = False,
        use_transactions: bool | None = None,
        collect_failed_rows: bool = False,
        rollback_on_validation_errors: bool = False,
        **kwargs: Any,
    ) -> Any:
        # A ledger is taken whole or not at all: one bad row rolls back every row of the file.
        return super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=use_transactions,
            collect_failed_rows=collect_failed_rows,
            rollback_on_validation_errors=True,
            **kwargs,
        )

    def get_result_class(self) -> type[Result]:
        return LedgerResult

    def in_columns(self, error: ValidationError) -> ValidationError:
        """Errors keyed by the file's column headers (户数), not the model's field names (households)."""
        if not hasattr(error, "error_dict"):
            return error
        columns = {f.attribute: f.column_name for f in self.fields.values() if f.attribute and not f.readonly}
        return ValidationError({columns.get(key, key): messages for key, messages in error.error_dict.items()})

    def validate_instance(
        self, instance: models.Model, import_validation_errors: dict | None = None, validate_unique: bool = True
    ) -> None:
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as e:
            raise self.in_columns(e) from e

    def write_row(self, *, user: Any, instance: models.Model, row: Any, is_create: bool) -> None:
        """Save one imported row. Other apps' ledgers override this to call their own actions; the scope check
        of a dry run, the history user and the errors in columns stay here."""
        record_save(user=user, instance=instance)

    def save_instance(self, instance: models.Model, is_create: bool, row: Any, **kwargs: Any) -> None:
        user = kwargs.get("user")
        self.before_save_instance(instance, row, **kwargs)
        instance._history_user = user  # type: ignore[attr-defined]  # who, in the change history
        try:
            if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
                ensure_can_manage(user, instance)  # nothing to roll back with: check, don't write
            else:
                self.write_row(user=user, instance=instance, row=row, is_create=is_create)
        except PermissionDenied as e:
            raise ValidationError({NON_FIELD_ERRORS: [str(e) or _("不在您负责的区域内。")]}) from e
        except ValidationError as e:
            raise self.in_columns(e) from e
        self.after_save_instance(instance, row, **kwargs)

    def delete_instance(self, instance: models.Model, row: Any, **kwargs: Any) -> None:
        self.before_delete_instance(instance, row, **kwargs)
        if not (self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs)):
            try:
                record_delete(user=kwargs.get("user"), instance=instance)
            except PermissionDenied as e:
                raise ValidationError({NON_FIELD_ERRORS: [str(e)]}) from e
        self.after_delete_instance(instance, row, **kwargs)


class AreaResource(ScopedModelResource):
    code = Field(attribute="code", column_name="编码", widget=TextWidget())
    name = Field(attribute="name", column_name="名称", widget=TextWidget())
    level = Field(attribute="level", column_name="层级", widget=ChoiceLabelWidget(Level, "层级"))
    kind = Field(attribute="kind", column_name="类型", widget=ChoiceLabelWidget(AreaKind, "类型"))
    parent = Field(attribute="parent", column_name="上级编码", widget=AreaCodeWidget(column="上级编码"))
    population = Field(attribute="population", column_name="常住人口", widget=IntegerWidget())
    households = Field(attribute="households", column_name="户数", widget=IntegerWidget())

    class Meta:
        model = Area
        fields = ("code", "name", "level", "kind", "parent", "population", "households")
        import_id_fields = ("code",)
        name = "区域台账"

    def get_queryset(self) -> models.QuerySet:
        return Area.objects.select_related("parent")


class CompoundResource(ScopedModelResource):
    street_name = Field(attribute="street__name", column_name="街道", readonly=True)
    community_name = Field(attribute="community__name", column_name="社区", readonly=True)
    community = Field(
        attribute="community",
        column_name=COMMUNITY_CODE,
        widget=AreaCodeWidget(level=Level.COMMUNITY, column=COMMUNITY_CODE),
    )
    name = Field(attribute="name", column_name=COMPOUND_NAME, widget=TextWidget())
    address = Field(attribute="address", column_name="地址", widget=TextWidget())
    year_built = Field(attribute="year_built", column_name="建成年份", widget=IntegerWidget())
    households = Field(attribute="households", column_name="户数", widget=IntegerWidget())
    floor_area = Field(attribute="floor_area", column_name="建筑面积（㎡）", widget=DecimalWidget())
    high_rise = Field(attribute="high_rise", column_name="高层", widget=YesNoWidget())

    class Meta:
        model = Compound
        fields = (
            "street_name",
            "community_name",
            "community",
            "name",
            "address",
            "year_built",
            "households",
            "floor_area",
            "high_rise",
        )
        import_id_fields = ("community", "name")
        name = "小区台账"

    def get_queryset(self) -> models.QuerySet:
        return Compound.objects.select_related("street", "community")


class BuildingResource(ScopedModelResource):
    community_code = Field(attribute="community__code", column_name=COMMUNITY_CODE, readonly=True)
    compound = Field(attribute="compound", column_name=COMPOUND_NAME, widget=compound_widget())
    name = Field(attribute="name", column_name=BUILDING_NAME, widget=TextWidget())
    floors = Field(attribute="floors", column_name="层数", widget=IntegerWidget())
    households = Field(attribute="households", column_name="户数", widget=IntegerWidget())
    grid = Field(attribute="grid", column_name="网格编码", widget=AreaCodeWidget(level=Level.GRID, column="网格编码"))

    class Meta:
        model = Building
        fields = ("community_code", "compound", "name", "floors", "households", "grid")
        import_id_fields = ("compound", "name")
        name = "楼栋台账"

    def get_queryset(self) -> models.QuerySet:
        return Building.objects.select_related("compound", "community", "grid")


class UnitResource(ScopedModelResource):
    community_code = Field(attribute="community__code", column_name=COMMUNITY_CODE, readonly=True)
    compound_name = Field(attribute="building__compound__name", column_name=COMPOUND_NAME, readonly=True)
    building = Field(attribute="building", column_name=BUILDING_NAME, widget=BuildingWidget())
    name = Field(attribute="name", column_name="单元", widget=TextWidget())
    households = Field(attribute="households", column_name="户数", widget=IntegerWidget())

    class Meta:
        model = Unit
        fields = ("community_code", "compound_name", "building", "name", "households")
        import_id_fields = ("building", "name")
        name = "单元台账"

    def get_queryset(self) -> models.QuerySet:
        return Unit.objects.select_related("community", "building__compound")
