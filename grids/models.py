"""The area hierarchy (city → district → street → community → grid), compounds, buildings, units,
the grid staff, and the one scoping mechanism every app uses (`ScopedQuerySet.for_user`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from concurrency.fields import IntegerVersionField
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from pypinyin import Style, lazy_pinyin
from simple_history.models import HistoricalRecords

# The fixed levels; ancestor columns are copied onto every scoped row so scoping and grouping are
# one indexed lookup, not a recursive walk.
PATH_FIELDS = ("city", "district", "street", "community")


def pinyin_of(name: str) -> tuple[str, str]:
    """Full pinyin and initials, for residents who type 'sjy' for 盛景园."""
    syllables = lazy_pinyin(name, style=Style.NORMAL, errors="ignore")
    return "".join(syllables).lower(), "".join(s[0] for s in syllables if s).lower()


def user_sees_everything(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def user_area_ids(user: Any) -> list[int]:
    """The areas an official is responsible for. Read once per user object and kept on it: a request's user lives
    for that request, and one admin page asks for every permission check, inline and row."""
    if not user or not user.is_authenticated:
        return []
    ids = getattr(user, "_official_area_ids", None)
    if ids is None:
        ids = list(OfficialArea.objects.filter(user=user).values_list("area_id", flat=True))
        user._official_area_ids = ids
    return ids


class ScopedQuerySet(models.QuerySet):
    """Area scoping, used alike by the admin, the API and the pages."""

    def scope_q(self, ids: Iterable[int] | models.QuerySet) -> Q:
        fields = [f for f in PATH_FIELDS if f in {fld.name for fld in self.model._meta.fields}]
        q = Q(pk__in=ids) if self.model._meta.concrete_model is Area else Q()
        for field in fields:
            q |= Q(**{f"{field}_id__in": ids})
        return q

    def in_areas(self, area_ids: Iterable[int]) -> ScopedQuerySet:
        ids = list(area_ids)
        if not ids:
            return self.none()
        return self.filter(self.scope_q(ids))

    def in_area(self, area: Area | int) -> ScopedQuerySet:
        return self.in_areas([area if isinstance(area, int) else area.pk])

    def for_user(self, user: Any) -> ScopedQuerySet:
        if user_sees_everything(user):
            return self.all()
        if not user or not user.is_authenticated:
            return self.none()
        # A subquery, not a list: scoping costs no query of its own.
        return self.filter(self.scope_q(OfficialArea.objects.filter(user=user).values("area_id")))


class Level(models.IntegerChoices):
    CITY = 1, _("城市")
    DISTRICT = 2, _("区/县")
    STREET = 3, _("街道/乡镇")
    COMMUNITY = 4, _("社区/村")
    GRID = 5, _("网格")


class AreaKind(models.TextChoices):
    CITY = "city", _("地级市")
    DISTRICT = "district", _("市辖区")
    COUNTY_CITY = "county_city", _("县级市")
    COUNTY = "county", _("县")
    STREET = "street", _("街道")
    TOWNSHIP = "township", _("乡镇")
    COMMUNITY = "community", _("社区")
    VILLAGE = "village", _("村")
    GRID = "grid", _("网格")


# Keyed by plain int: `Area.level` is a stored int, and Level members hash and compare as ints.
KINDS_OF_LEVEL: dict[int, set[AreaKind]] = {
    Level.CITY: {AreaKind.CITY},
    Level.DISTRICT: {AreaKind.DISTRICT, AreaKind.COUNTY_CITY, AreaKind.COUNTY},
    Level.STREET: {AreaKind.STREET, AreaKind.TOWNSHIP},
    Level.COMMUNITY: {AreaKind.COMMUNITY, AreaKind.VILLAGE},
    Level.GRID: {AreaKind.GRID},
}


class PathMixin(models.Model):
    """Ancestor columns filled from the parent on save; what scoping and roll-ups group by."""

    city = models.ForeignKey(
        "grids.Area", models.PROTECT, null=True, blank=True, editable=False, related_name="+", verbose_name=_("城市")
    )
    district = models.ForeignKey(
        "grids.Area", models.PROTECT, null=True, blank=True, editable=False, related_name="+", verbose_name=_("区/县")
    )
    street = models.ForeignKey(
        "grids.Area",
        models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("街道/乡镇"),
    )

    class Meta:
        abstract = True

    def copy_path_from(self, area: Area | None, *, including_self: bool) -> None:
        """Copy `area`'s ancestors (and `area` itself at its own level) onto this row."""
        for field in PATH_FIELDS:
            if hasattr(self, f"{field}_id"):
                setattr(self, f"{field}_id", None)
        if area is None:
            return
        for field in PATH_FIELDS:
            if hasattr(self, f"{field}_id"):
                setattr(self, f"{field}_id", getattr(area, f"{field}_id"))
        if including_self and area.level <= Level.COMMUNITY:
            own = PATH_FIELDS[area.level - 1]
            if hasattr(self, f"{own}_id"):
                setattr(self, f"{own}_id", area.pk)

    def area_ids_on_path(self) -> set[int]:
        return {getattr(self, f"{f}_id") for f in PATH_FIELDS if getattr(self, f"{f}_id", None)}


class Area(PathMixin):
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices, db_index=True)
    kind = models.CharField(_("类型"), max_length=16, choices=AreaKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    code = models.CharField(_("编码"), max_length=32, unique=True, help_text=_("区划代码或本系统编码，全库唯一"))
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级")
    )
    community = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, editable=False, related_name="+", verbose_name=_("社区/村")
    )
    population = models.PositiveIntegerField(_("常住人口"), null=True, blank=True)
    households = models.PositiveIntegerField(_("户数"), null=True, blank=True)
    pinyin = models.CharField(_("拼音"), max_length=200, blank=True, editable=False)
    initials = models.CharField(_("拼音首字母"), max_length=50, blank=True, editable=False, db_index=True)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("区域")
        verbose_name_plural = _("区域")
        ordering = ["level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="area_name_unique_in_parent"),
            models.CheckConstraint(
                condition=Q(level=Level.CITY, parent__isnull=True) | Q(level__gt=Level.CITY, parent__isnull=False),
                name="area_parent_unless_city",
            ),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="area_level_valid"),
            models.CheckConstraint(
                condition=(
                    Q(level=Level.CITY, kind=AreaKind.CITY)
                    | Q(level=Level.DISTRICT, kind__in=[AreaKind.DISTRICT, AreaKind.COUNTY_CITY, AreaKind.COUNTY])
                    | Q(level=Level.STREET, kind__in=[AreaKind.STREET, AreaKind.TOWNSHIP])
                    | Q(level=Level.COMMUNITY, kind__in=[AreaKind.COMMUNITY, AreaKind.VILLAGE])
                    | Q(level=Level.GRID, kind=AreaKind.GRID)
                ),
                name="area_kind_matches_level",
            ),
        ]
        indexes = [
            models.Index(fields=["parent", "level"]),
            models.Index(fields=["name"]),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str | Promise] = {}
        if self.level and self.kind and self.kind not in KINDS_OF_LEVEL.get(self.level, set()):
            errors["kind"] = _("类型“%(kind)s”与层级“%(level)s”不符。") % {
                "kind": self.get_kind_display(),
                "level": self.get_level_display(),
            }
        if self.level == Level.CITY and self.parent_id:
            errors["parent"] = _("城市没有上级区域。")
        elif self.level and self.level > Level.CITY:
            if not self.parent_id:
                errors["parent"] = _("除城市外，每个区域都必须有上级。")
            else:
                # parent_id is set, so the lookup returns the row (or raises); the None check only narrows.
                parent = self.parent
                if parent is not None and parent.level != self.level - 1:
                    errors["parent"] = _("上级应为“%(expected)s”，而所选“%(parent)s”是“%(actual)s”。") % {
                        "expected": Level(self.level - 1).label,
                        "parent": parent.name,
                        "actual": parent.get_level_display(),
                    }
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.copy_path_from(self.parent, including_self=True)
        self.pinyin, self.initials = pinyin_of(self.name)
        super().save(*args, **kwargs)

    def path_ids(self) -> set[int]:
        """This area and its ancestors: whoever holds any of them may manage it."""
        return self.area_ids_on_path() | {self.pk}

    def ancestors(self) -> list[int]:
        return [getattr(self, f"{f}_id") for f in PATH_FIELDS if getattr(self, f"{f}_id", None)]


class AreaLevelManager(models.Manager):
    def __init__(self, level: Level) -> None:
        super().__init__()
        self.level = level

    def get_queryset(self) -> ScopedQuerySet:
        return ScopedQuerySet(self.model, using=self._db).filter(level=self.level)


class District(Area):
    # A plain level-filtered manager in place of Area's ScopedQuerySet manager (not a subtype of it).
    objects: ClassVar[AreaLevelManager] = AreaLevelManager(Level.DISTRICT)  # type: ignore[assignment]

    class Meta:
        proxy = True
        verbose_name = _("区/县")
        verbose_name_plural = _("区/县")


class Street(Area):
    # A plain level-filtered manager in place of Area's ScopedQuerySet manager (not a subtype of it).
    objects: ClassVar[AreaLevelManager] = AreaLevelManager(Level.STREET)  # type: ignore[assignment]

    class Meta:
        proxy = True
        verbose_name = _("街道/乡镇")
        verbose_name_plural = _("街道/乡镇")


class Community(Area):
    # A plain level-filtered manager in place of Area's ScopedQuerySet manager (not a subtype of it).
    objects: ClassVar[AreaLevelManager] = AreaLevelManager(Level.COMMUNITY)  # type: ignore[assignment]

    class Meta:
        proxy = True
        verbose_name = _("社区/村")
        verbose_name_plural = _("社区/村")


class Grid(Area):
    # A plain level-filtered manager in place of Area's ScopedQuerySet manager (not a subtype of it).
    objects: ClassVar[AreaLevelManager] = AreaLevelManager(Level.GRID)  # type: ignore[assignment]

    class Meta:
        proxy = True
        verbose_name = _("网格")
        verbose_name_plural = _("网格")


class InCommunity(PathMixin):
    """A record that lies in one community; other apps' models inherit this to be scoped and rolled up."""

    community = models.ForeignKey(
        Area,
        models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Level.COMMUNITY},
        verbose_name=_("社区/村"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def fill_community(self) -> None:
        """Records placed by their parent record (a building by its compound) take its community."""

    def clean_fields(self, exclude: Any = None) -> None:
        self.fill_community()
        super().clean_fields(exclude)

    def clean(self) -> None:
        super().clean()
        if self.community_id and self.community.level != Level.COMMUNITY:
            raise ValidationError({"community": _("所选区域“%(name)s”不是社区/村。") % {"name": self.community.name}})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fill_community()
        self.copy_path_from(self.community, including_self=True)
        super().save(*args, **kwargs)


class Compound(InCommunity):
    name = models.CharField(_("小区名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    year_built = models.PositiveSmallIntegerField(
        _("建成年份"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    households = models.PositiveIntegerField(_("户数"), default=0)
    floor_area = models.DecimalField(
        _("建筑面积（㎡）"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    high_rise = models.BooleanField(_("高层"), default=False)
    pinyin = models.CharField(_("拼音"), max_length=200, blank=True, editable=False)
    initials = models.CharField(_("拼音首字母"), max_length=50, blank=True, editable=False, db_index=True)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("小区")
        verbose_name_plural = _("小区")
        ordering = ["community_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="compound_name_unique_in_community"),
            models.CheckConstraint(condition=Q(floor_area__gte=0), name="compound_floor_area_not_negative"),
            models.CheckConstraint(
                condition=Q(year_built__gte=1900, year_built__lte=2100), name="compound_year_built_plausible"
            ),
        ]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.pk and self.households is not None:
            in_buildings = self.buildings.aggregate(total=models.Sum("households"))["total"] or 0
            if in_buildings > self.households:
                raise ValidationError(
                    {"households": _("各楼栋户数合计 %(total)s 户，小区户数不能少于此数。") % {"total": in_buildings}}
                )

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.pinyin, self.initials = pinyin_of(self.name)
        super().save(*args, **kwargs)


class Building(InCommunity):
    compound = models.ForeignKey(Compound, models.CASCADE, related_name="buildings", verbose_name=_("小区"))
    grid = models.ForeignKey(
        Area,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="buildings",
        limit_choices_to={"level": Level.GRID},
        verbose_name=_("网格"),
    )
    name = models.CharField(_("楼栋"), max_length=50)
    floors = models.PositiveSmallIntegerField(
        _("层数"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    households = models.PositiveIntegerField(_("户数"), default=0)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("楼栋")
        verbose_name_plural = _("楼栋")
        ordering = ["compound_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["compound", "name"], name="building_name_unique_in_compound"),
            models.CheckConstraint(condition=Q(floors__gte=1, floors__lte=200), name="building_floors_plausible"),
        ]

    def __str__(self) -> str:
        return f"{self.compound.name} {self.name}" if self.compound_id else self.name

    def fill_community(self) -> None:
        # The community comes from the compound; a building cannot sit in another community's compound.
        if self.compound_id:
            self.community_id = self.compound.community_id

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.grid_id and self.compound_id:
            # grid_id is set, so the lookup returns the row (or raises); the None check only narrows.
            grid = self.grid
            if grid is not None and grid.parent_id != self.compound.community_id:
                errors["grid"] = _("网格“%(grid)s”不属于小区所在的社区“%(community)s”。") % {
                    "grid": grid.name,
                    "community": self.compound.community.name,
                }
        if self.compound_id and self.households is not None:
            others = (
                Building.objects.filter(compound_id=self.compound_id)
                .exclude(pk=self.pk)
                .aggregate(total=models.Sum("households"))["total"]
                or 0
            )
            if others + self.households > self.compound.households:
                errors["households"] = _(
                    "小区“%(compound)s”共 %(limit)s 户，其他楼栋已有 %(others)s 户，本楼栋最多 %(left)s 户。"
                ) % {
                    "compound": self.compound.name,
                    "limit": self.compound.households,
                    "others": others,
                    "left": max(self.compound.households - others, 0),
                }
        if errors:
            raise ValidationError(errors)


class Unit(InCommunity):
    building = models.ForeignKey(Building, models.CASCADE, related_name="units", verbose_name=_("楼栋"))
    name = models.CharField(_("单元"), max_length=50)
    households = models.PositiveIntegerField(_("户数"), default=0)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("单元")
        verbose_name_plural = _("单元")
        ordering = ["building_id", "name"]
        constraints = [models.UniqueConstraint(fields=["building", "name"], name="unit_name_unique_in_building")]

    def __str__(self) -> str:
        return f"{self.building} {self.name}" if self.building_id else self.name

    def fill_community(self) -> None:
        if self.building_id:
            self.community_id = self.building.community_id


class GridRole(models.TextChoices):
    GRID_LEADER = "grid_leader", _("网格长")
    GRID_WORKER = "grid_worker", _("网格员")
    BUILDING_HEAD = "building_head", _("楼栋长")
    UNIT_HEAD = "unit_head", _("单元长")


class GridStaff(InCommunity):
    """A person in the grid system. Name and phone are personal data: never public."""

    role = models.CharField(_("角色"), max_length=16, choices=GridRole.choices)
    grid = models.ForeignKey(
        Area, models.PROTECT, related_name="staff", limit_choices_to={"level": Level.GRID}, verbose_name=_("网格")
    )
    building = models.ForeignKey(
        Building, models.CASCADE, null=True, blank=True, related_name="staff", verbose_name=_("楼栋")
    )
    unit = models.ForeignKey(Unit, models.CASCADE, null=True, blank=True, related_name="staff", verbose_name=_("单元"))
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("电话"), max_length=20, blank=True)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("网格人员")
        verbose_name_plural = _("网格人员")
        ordering = ["grid_id", "role", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=[GridRole.GRID_LEADER, GridRole.GRID_WORKER], building__isnull=True, unit__isnull=True)
                    | Q(role=GridRole.BUILDING_HEAD, building__isnull=False, unit__isnull=True)
                    | Q(role=GridRole.UNIT_HEAD, unit__isnull=False)
                ),
                name="gridstaff_place_matches_role",
            ),
            models.UniqueConstraint(
                fields=["grid"], condition=Q(role=GridRole.GRID_WORKER), name="one_grid_worker_per_grid"
            ),
            models.UniqueConstraint(
                fields=["building"], condition=Q(role=GridRole.BUILDING_HEAD), name="one_head_per_building"
            ),
            models.UniqueConstraint(fields=["unit"], condition=Q(role=GridRole.UNIT_HEAD), name="one_head_per_unit"),
        ]
        indexes = [models.Index(fields=["role", "community"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.role == GridRole.BUILDING_HEAD and not self.building_id:
            errors["building"] = _("楼栋长必须指定所负责的楼栋。")
        if self.role == GridRole.UNIT_HEAD and not self.unit_id:
            errors["unit"] = _("单元长必须指定所负责的单元。")
        if self.role in (GridRole.GRID_LEADER, GridRole.GRID_WORKER) and (self.building_id or self.unit_id):
            errors["role"] = _("网格长、网格员对应整个网格，不指定楼栋或单元。")
        # With the id set the lookup returns the row (or raises), so the None checks below only narrow.
        unit = self.unit if self.unit_id else None
        if unit is not None and not self.building_id:
            self.building_id = unit.building_id
        if unit is not None and unit.building_id != self.building_id:
            errors["unit"] = _("单元不在所选楼栋内。")
        if self.building_id and self.grid_id:
            building = self.building
            if building is not None and building.grid_id and building.grid_id != self.grid_id:
                errors["grid"] = _("楼栋“%(building)s”属于另一个网格。") % {"building": building}
        if self.grid_id and self.grid.level != Level.GRID:
            errors["grid"] = _("请选择一个网格。")
        if errors:
            raise ValidationError(errors)

    def fill_community(self) -> None:
        if self.grid_id:
            # A parentless (non-grid) area leaves this None on purpose: validation then reports it. The
            # stubs type a required FK's id as never None, which an unsaved instance can still hold.
            self.community_id = self.grid.parent_id  # type: ignore[assignment]


class OfficialArea(models.Model):
    """An official's responsibility for an area: what they see and change in the admin and write API."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="official_areas", verbose_name=_("用户")
    )
    area = models.ForeignKey(
        Area,
        models.CASCADE,
        related_name="officials",
        limit_choices_to={"level__in": [Level.CITY, Level.DISTRICT, Level.STREET, Level.COMMUNITY]},
        verbose_name=_("负责区域"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("负责区域")
        verbose_name_plural = _("负责区域")
        constraints = [models.UniqueConstraint(fields=["user", "area"], name="official_area_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.area}"


def scope_ids_of(obj: models.Model | None) -> set[int]:
    """Areas whose officials may manage `obj`."""
    if isinstance(obj, Area):
        return obj.path_ids() if obj.pk else obj.area_ids_on_path()
    if isinstance(obj, PathMixin):
        return obj.area_ids_on_path()
    return set()


def user_can_manage(user: Any, obj: models.Model | None) -> bool:
    if user_sees_everything(user):
        return True
    return bool(set(user_area_ids(user)) & scope_ids_of(obj))


def ensure_can_manage(user: Any, obj: models.Model | None) -> None:
    """Refuse (403) a change outside the user's areas; None (e.g. a new city's parent) is in nobody's scope."""
    if not user_can_manage(user, obj):
        raise PermissionDenied(_("“%(obj)s”不在您负责的区域内。") % {"obj": obj})
