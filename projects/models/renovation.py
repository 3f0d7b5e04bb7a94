"""Renovation of old compounds (老旧小区改造): models.

A project (`RenovationProject`) renovates one or more compounds of one community in a plan year. Its work items
(`RenovationWorkItem`, from the national catalogue: water supply, drainage, roofs, exterior insulation, elevators…) each
carry their own percent. Progress is entered as dated reports (`RenovationReport`) with one `RenovationEntry` per
work item it moves: a report is never edited, so the history of who reported what and when stays complete.

The project's overall percent derives from its work items (`RenovationProjectQuerySet.with_progress`): each item
weighs its planned investment, since cost is the best available measure of how much work an item is; when any
item of the project has no planned investment, every item weighs the same (a plain average). Rules:

- percents stay within 0–100 (CheckConstraint on the entry and the item);
- a percent lower than the one before needs a recorded reason (CheckConstraint on the entry);
- a project is completed or accepted only when every work item is done (checked in `clean()`, under a row
  lock in the actions, since a constraint cannot span two tables);
- a project is late when its planned completion has passed and it is neither completed nor accepted.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from concurrency.fields import IntegerVersionField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Case, Count, F, FloatField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from grids.models import Building, Compound, InCommunity, ScopedQuerySet

__all__ = [
    "CATEGORY_OF_WORK",
    "PHOTO_EXTENSIONS",
    "RENOVATION_DONE",
    "ConsultationKind",
    "RenovationCategory",
    "RenovationConsultation",
    "RenovationEntry",
    "RenovationPhoto",
    "RenovationPhotoKind",
    "RenovationProject",
    "RenovationProjectQuerySet",
    "RenovationReport",
    "RenovationStatus",
    "RenovationWorkItem",
    "WorkItemStatus",
    "WorkKind",
    "status_of_percent",
]


class RenovationCategory(models.TextChoices):
    """The national classification of renovation content (国家分类)."""

    BASIC = "basic", _("基础类")
    IMPROVEMENT = "improvement", _("完善类")
    UPGRADE = "upgrade", _("提升类")


class RenovationStatus(models.TextChoices):
    PLANNED = "planned", _("计划中")
    IN_PROGRESS = "in_progress", _("施工中")
    COMPLETED = "completed", _("已完工")
    ACCEPTED = "accepted", _("已验收")


RENOVATION_DONE = (RenovationStatus.COMPLETED, RenovationStatus.ACCEPTED)


class WorkKind(models.TextChoices):
    """The catalogue of work items."""

    WATER = "water", _("供水")
    DRAINAGE = "drainage", _("排水")
    HEATING = "heating", _("供暖")
    POWER = "power", _("供电")
    GAS = "gas", _("燃气")
    TELECOM = "telecom", _("通讯管网")
    ROOF = "roof", _("屋面防水")
    INSULATION = "insulation", _("外墙保温")
    STAIRWELL = "stairwell", _("楼梯间")
    ROADS = "roads", _("道路")
    LIGHTING = "lighting", _("照明")
    ELDERLY = "elderly", _("适老设施")
    EV_CHARGING = "ev_charging", _("充电桩")
    PARKING = "parking", _("停车位")
    FIRE_LANE = "fire_lane", _("消防通道")
    FITNESS = "fitness", _("健身场地")
    GREENING = "greening", _("绿化")
    ENERGY = "energy", _("建筑节能")
    SEISMIC = "seismic", _("抗震加固")
    ELEVATOR = "elevator", _("加装电梯")
    SECURITY = "security", _("监控安防")
    SERVICES = "services", _("社区服务设施")
    SMART = "smart", _("智慧化改造")
    OTHER = "other", _("其他")


# Which category each kind of work belongs to (the national classification), for the pages and the ledger.
CATEGORY_OF_WORK: dict[str, str] = {
    **dict.fromkeys(
        [
            WorkKind.WATER,
            WorkKind.DRAINAGE,
            WorkKind.HEATING,
            WorkKind.POWER,
            WorkKind.GAS,
            WorkKind.TELECOM,
            WorkKind.ROOF,
            WorkKind.INSULATION,
            WorkKind.STAIRWELL,
            WorkKind.ROADS,
            WorkKind.SEISMIC,
        ],
        RenovationCategory.BASIC,
    ),
    **dict.fromkeys(
        [
            WorkKind.LIGHTING,
            WorkKind.ELDERLY,
            WorkKind.EV_CHARGING,
            WorkKind.PARKING,
            WorkKind.FIRE_LANE,
            WorkKind.FITNESS,
            WorkKind.GREENING,
            WorkKind.ENERGY,
            WorkKind.ELEVATOR,
            WorkKind.SECURITY,
        ],
        RenovationCategory.IMPROVEMENT,
    ),
    **dict.fromkeys([WorkKind.SERVICES, WorkKind.SMART, WorkKind.OTHER], RenovationCategory.UPGRADE),
}


class WorkItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未开工")
    IN_PROGRESS = "in_progress", _("施工中")
    DONE = "done", _("已完成")


def status_of_percent(percent: int) -> str:
    """A work item's status follows its percent: 0 not started, 100 done, anything between in progress."""
    if percent >= 100:
        return WorkItemStatus.DONE
    if percent <= 0:
        return WorkItemStatus.NOT_STARTED
    return WorkItemStatus.IN_PROGRESS


def _today() -> dt.date:
    return timezone.localdate()


class RenovationProjectQuerySet(ScopedQuerySet):
    def late(self, today: dt.date | None = None) -> RenovationProjectQuerySet:
        """Past their planned completion and neither completed nor accepted."""
        return self.filter(planned_completion__lt=today or _today()).exclude(status__in=RENOVATION_DONE)

    def on_time(self, today: dt.date | None = None) -> RenovationProjectQuerySet:
        return self.exclude(pk__in=self.late(today).values("pk"))

    def with_progress(self) -> RenovationProjectQuerySet:
        """Annotate `progress` (0–100, one decimal place) and `open_items`, each one correlated subquery.

        progress = Σ(investment × percent) / Σ investment over the project's work items; when any item has no
        planned investment (empty or 0) it is the plain average of the items' percents. No items: None.
        """
        items = RenovationWorkItem.objects.filter(project=OuterRef("pk")).order_by().values("project")
        number = FloatField()
        stats = items.annotate(
            unweighted=Count("pk", filter=Q(investment_planned__isnull=True) | Q(investment_planned__lte=0)),
            weighted_sum=Sum(F("investment_planned") * F("percent"), output_field=number),
            weight=Sum("investment_planned", output_field=number),
            average=Avg("percent", output_field=number),
            open=Count("pk", filter=~Q(status=WorkItemStatus.DONE)),
        )
        progress = Case(
            When(unweighted=0, then=F("weighted_sum") / F("weight")),
            default=F("average"),
            output_field=number,
        )
        return self.annotate(
            progress=Subquery(stats.annotate(p=progress).values("p"), output_field=number),
            open_items=Coalesce(Subquery(stats.values("open"), output_field=models.IntegerField()), Value(0)),
        )


class RenovationProject(InCommunity):
    """An old-compound renovation project (老旧小区改造项目)."""

    name = models.CharField(_("项目名称"), max_length=120)
    plan_year = models.PositiveSmallIntegerField(
        _("计划年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)], db_index=True
    )
    # 1 January of the plan year: what the roll-ups date the plan's figures by (copied on save).
    plan_start = models.DateField(_("计划年度起始日"), editable=False)
    category = models.CharField(_("改造类别"), max_length=16, choices=RenovationCategory.choices, db_index=True)
    compounds = models.ManyToManyField(
        Compound, related_name="renovation_projects", verbose_name=_("改造小区"), blank=True
    )
    buildings = models.ManyToManyField(
        Building,
        related_name="renovation_projects",
        verbose_name=_("改造楼栋"),
        blank=True,
        help_text=_("可不选；选择时只能选所改造小区内的楼栋。"),
    )
    summary = models.TextField(_("改造内容"), blank=True, help_text=_("写给居民看的一段话：改什么、怎么改。"))
    floor_area = models.DecimalField(
        _("改造面积（㎡）"), max_digits=12, decimal_places=2, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    building_count = models.PositiveIntegerField(_("楼栋数"), default=0)
    households = models.PositiveIntegerField(_("受益户数"), default=0)
    investment_planned = models.DecimalField(
        _("计划投资（元）"), max_digits=14, decimal_places=2, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    investment_spent = models.DecimalField(
        _("已完成投资（元）"), max_digits=14, decimal_places=2, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    builder = models.CharField(_("建设单位"), max_length=120, blank=True)
    contractor = models.CharField(_("施工单位"), max_length=120, blank=True)
    start_date = models.DateField(_("开工日期"), null=True, blank=True)
    planned_completion = models.DateField(_("计划完工日期"), null=True, blank=True)
    actual_completion = models.DateField(_("实际完工日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=RenovationStatus.choices, default=RenovationStatus.PLANNED
    )
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords(m2m_fields=[compounds, buildings])

    objects = RenovationProjectQuerySet.as_manager()  # type: ignore[misc]  # InCommunity's, with project reads

    class Meta:
        verbose_name = _("改造项目")
        verbose_name_plural = _("改造项目")
        ordering = ["-plan_year", "community_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "plan_year", "name"], name="renovation_name_unique"),
            models.CheckConstraint(condition=Q(plan_year__gte=2000, plan_year__lte=2100), name="renovation_year_valid"),
            models.CheckConstraint(
                condition=Q(floor_area__gte=0, investment_planned__gte=0, investment_spent__gte=0),
                name="renovation_figures_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RENOVATION_DONE, actual_completion__isnull=False)
                | (~Q(status__in=RENOVATION_DONE) & Q(actual_completion__isnull=True)),
                name="renovation_completion_date_iff_done",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(planned_completion__isnull=True)
                | Q(planned_completion__gte=F("start_date")),
                name="renovation_planned_after_start",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(actual_completion__isnull=True)
                | Q(actual_completion__gte=F("start_date")),
                name="renovation_completed_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "planned_completion"], name="renovation_late_idx"),
            models.Index(fields=["plan_year", "status"], name="renovation_year_status_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_done(self) -> bool:
        return self.status in RENOVATION_DONE

    def is_late(self, today: dt.date | None = None) -> bool:
        return bool(self.planned_completion and self.planned_completion < (today or _today()) and not self.is_done)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        done = self.status in RENOVATION_DONE
        if done and not self.actual_completion:
            errors["actual_completion"] = _("项目状态为“%(status)s”时，请填写实际完工日期。") % {
                "status": self.get_status_display()
            }
        if not done and self.actual_completion:
            errors["actual_completion"] = _("项目尚未完工，不能填写实际完工日期。")
        if self.start_date and self.planned_completion and self.planned_completion < self.start_date:
            errors["planned_completion"] = _("计划完工日期不能早于开工日期。")
        if self.start_date and self.actual_completion and self.actual_completion < self.start_date:
            errors["actual_completion"] = _("实际完工日期不能早于开工日期。")
        if self.actual_completion and self.actual_completion > _today():
            errors["actual_completion"] = _("实际完工日期不能晚于今天。")
        if self.investment_spent and self.investment_planned and self.investment_spent > self.investment_planned * 2:
            errors["investment_spent"] = _("已完成投资超过计划投资的两倍，请核对单位（元）。")
        if done and self.pk:
            open_items = [str(i) for i in self.work_items.exclude(status=WorkItemStatus.DONE)]
            if open_items:
                errors["status"] = _("还有未完成的改造内容（%(items)s），项目不能标为“%(status)s”。") % {
                    "items": "、".join(open_items),
                    "status": self.get_status_display(),
                }
        if errors:
            raise ValidationError(errors)

    def clean_coverage(self, compounds: list[Compound], buildings: list[Building]) -> None:
        """The compounds lie in the project's community; the buildings in those compounds."""
        errors: dict[str, str | Promise] = {}
        outside = [c.name for c in compounds if c.community_id != self.community_id]
        if outside:
            errors["compounds"] = _("小区“%(names)s”不在项目所在的社区内。") % {"names": "、".join(outside)}
        ids = {c.pk for c in compounds}
        stray = [str(b) for b in buildings if b.compound_id not in ids]
        if stray:
            errors["buildings"] = _("楼栋“%(names)s”不在所选的改造小区内。") % {"names": "、".join(stray)}
        if errors:
            raise ValidationError(errors)

    def fill_plan_start(self) -> None:
        if self.plan_year and dt.MINYEAR <= self.plan_year <= dt.MAXYEAR:
            self.plan_start = dt.date(self.plan_year, 1, 1)

    def clean_fields(self, exclude: Any = None) -> None:
        self.fill_plan_start()
        # Derived from the plan year, whose own check names the mistake.
        super().clean_fields([*(exclude or []), "plan_start"])

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fill_plan_start()
        super().save(*args, **kwargs)


class RenovationPart(InCommunity):
    """A record that belongs to a project and lies in the project's community."""

    class Meta:
        abstract = True

    def fill_community(self) -> None:
        project_id = getattr(self, "project_id", None)
        if project_id:
            self.community_id = self.project.community_id  # type: ignore[attr-defined]


class RenovationWorkItem(RenovationPart):
    """One piece of work of a project (供水管网改造, 外墙保温…) with its current percent.

    The percent and status change only through progress reports; they show the latest report's figure."""

    project = models.ForeignKey(
        RenovationProject, models.CASCADE, related_name="work_items", verbose_name=_("改造项目")
    )
    kind = models.CharField(_("改造内容"), max_length=16, choices=WorkKind.choices)
    name = models.CharField(_("说明"), max_length=100, blank=True, help_text=_("可不填，如“1-6号楼”“雨污分流”。"))
    investment_planned = models.DecimalField(
        _("计划投资（元）"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    planned_completion = models.DateField(_("计划完成日期"), null=True, blank=True)
    percent = models.PositiveSmallIntegerField(
        _("完成进度（%）"), default=0, editable=False, validators=[MaxValueValidator(100)]
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=WorkItemStatus.choices, default=WorkItemStatus.NOT_STARTED, editable=False
    )
    updated_on = models.DateField(_("最近填报日期"), null=True, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("改造内容")
        verbose_name_plural = _("改造内容")
        ordering = ["project_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind", "name"], name="renovation_item_unique"),
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="renovation_item_percent_valid"),
            models.CheckConstraint(
                condition=Q(percent=0, status=WorkItemStatus.NOT_STARTED)
                | Q(percent=100, status=WorkItemStatus.DONE)
                | Q(percent__gt=0, percent__lt=100, status=WorkItemStatus.IN_PROGRESS),
                name="renovation_item_status_follows_percent",
            ),
            models.CheckConstraint(
                condition=Q(investment_planned__isnull=True) | Q(investment_planned__gte=0),
                name="renovation_item_investment_not_negative",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{label}（{self.name}）" if self.name else str(label)

    @property
    def category(self) -> str:
        return CATEGORY_OF_WORK.get(self.kind, RenovationCategory.UPGRADE)

    def is_late(self, today: dt.date | None = None) -> bool:
        return bool(self.planned_completion and self.planned_completion < (today or _today()) and self.percent < 100)

    def clean(self) -> None:
        super().clean()
        if self.status != status_of_percent(self.percent):
            raise ValidationError({"status": _("状态应随完成进度变化：0% 未开工，100% 已完成，其间为施工中。")})
        if self.project_id and self.project.is_done and self.status != WorkItemStatus.DONE:
            raise ValidationError(
                {
                    "kind": _("项目“%(project)s”已%(status)s，不能再增加或重开未完成的改造内容。")
                    % {"project": self.project.name, "status": self.project.get_status_display()}
                }
            )


class RenovationReport(RenovationPart):
    """A dated progress report of a project: who reported, when, and a note. Never edited or deleted afterwards;
    a project with reports cannot be deleted either (PROTECT)."""

    # PROTECT: reports are history and are never deleted, not even with their project.
    project = models.ForeignKey(RenovationProject, models.PROTECT, related_name="reports", verbose_name=_("改造项目"))
    reported_on = models.DateField(_("填报日期"), default=_today)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="renovation_reports",
        verbose_name=_("填报人"),
    )
    note = models.TextField(_("进展说明"), blank=True)
    created_at = models.DateTimeField(_("录入时间"), default=timezone.now, editable=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("进度填报")
        verbose_name_plural = _("进度填报")
        ordering = ["-reported_on", "-pk"]
        indexes = [models.Index(fields=["project", "reported_on"], name="renovation_report_date_idx")]

    def __str__(self) -> str:
        return f"{self.project} {self.reported_on:%Y-%m-%d}" if self.project_id else str(self.reported_on)

    def clean(self) -> None:
        super().clean()
        if self.reported_on and self.reported_on > _today():
            raise ValidationError({"reported_on": _("填报日期不能晚于今天。")})


class RenovationEntry(RenovationPart):
    """The percent a report gives one work item, and the percent before it."""

    report = models.ForeignKey(RenovationReport, models.CASCADE, related_name="entries", verbose_name=_("进度填报"))
    # The same project as the report's; kept here so an entry is scoped and filtered without a join.
    project = models.ForeignKey(
        RenovationProject, models.CASCADE, related_name="progress_entries", verbose_name=_("改造项目")
    )
    work_item = models.ForeignKey(
        RenovationWorkItem, models.CASCADE, related_name="entries", verbose_name=_("改造内容")
    )
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"), validators=[MaxValueValidator(100)])
    previous_percent = models.PositiveSmallIntegerField(_("此前进度（%）"), default=0, editable=False)
    reason = models.CharField(
        _("进度下调原因"), max_length=200, blank=True, help_text=_("进度低于上次填报时必须填写，如“返工”。")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("分项进度")
        verbose_name_plural = _("分项进度")
        ordering = ["report_id", "work_item__order", "work_item_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "work_item"], name="renovation_entry_once_per_report"),
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100), name="renovation_entry_percent_valid"
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=F("previous_percent")) | ~Q(reason=""),
                name="renovation_entry_backwards_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work_item} {self.percent}%" if self.work_item_id else f"{self.percent}%"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        # 0–100 is the field's own validators' (and the database's) rule; here, going down needs a reason.
        if self.percent is not None and self.percent < self.previous_percent and not self.reason.strip():
            errors["reason"] = _("“%(item)s”的进度从 %(before)s%% 降到 %(after)s%%，请填写下调原因。") % {
                "item": self.work_item,
                "before": self.previous_percent,
                "after": self.percent,
            }
        if self.work_item_id and self.project_id and self.work_item.project_id != self.project_id:
            errors["work_item"] = _("“%(item)s”不是本项目的改造内容。") % {"item": self.work_item}
        if errors:
            raise ValidationError(errors)


class RenovationPhotoKind(models.TextChoices):
    BEFORE = "before", _("改造前")
    DURING = "during", _("施工中")
    AFTER = "after", _("改造后")


PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
PHOTO_MAX_BYTES = 8 * 1024 * 1024
# What the first bytes of each accepted format are: an extension alone proves nothing.
PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF")


def photo_path(instance: RenovationPhoto, filename: str) -> str:
    return f"renovation/{instance.project_id}/{filename}"


class RenovationPhoto(RenovationPart):
    project = models.ForeignKey(RenovationProject, models.CASCADE, related_name="photos", verbose_name=_("改造项目"))
    report = models.ForeignKey(
        RenovationReport, models.CASCADE, null=True, blank=True, related_name="photos", verbose_name=_("进度填报")
    )
    kind = models.CharField(
        _("类型"), max_length=8, choices=RenovationPhotoKind.choices, default=RenovationPhotoKind.DURING
    )
    image = models.FileField(
        _("照片"),
        upload_to=photo_path,
        max_length=200,
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS)],
        help_text=_("JPEG、PNG 或 WebP，不超过 8 MB；照片中不要出现居民的面孔或门牌号。"),
    )
    caption = models.CharField(_("说明"), max_length=120, blank=True)
    taken_on = models.DateField(_("拍摄日期"), null=True, blank=True)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("照片")
        verbose_name_plural = _("照片")
        ordering = ["project_id", "kind", "taken_on", "pk"]

    def __str__(self) -> str:
        return self.caption or str(self.get_kind_display())

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        upload = self.image
        if upload and not getattr(upload, "_committed", True):
            if upload.size and upload.size > PHOTO_MAX_BYTES:
                errors["image"] = _("照片不能超过 8 MB。")
            else:
                upload.seek(0)
                head = upload.read(12)
                upload.seek(0)
                riff_ok = not head.startswith(b"RIFF") or head[8:12] == b"WEBP"
                if not head.startswith(PHOTO_SIGNATURES) or not riff_ok:
                    errors["image"] = _("文件不是 JPEG、PNG 或 WebP 图片。")
        report = self.report if self.report_id else None
        if report is not None and self.project_id and report.project_id != self.project_id:
            errors["report"] = _("所选进度填报不属于本项目。")
        if errors:
            raise ValidationError(errors)


class ConsultationKind(models.TextChoices):
    QUESTIONNAIRE = "questionnaire", _("问卷调查")
    MEETING = "meeting", _("居民议事会")
    COORDINATION = "coordination", _("协调会")
    VISIT = "visit", _("入户走访")
    NOTICE = "notice", _("方案公示")


class RenovationConsultation(RenovationPart):
    """Residents' consultation on a project: questionnaires, residents' meetings, with dates and outcome."""

    project = models.ForeignKey(
        RenovationProject, models.CASCADE, related_name="consultations", verbose_name=_("改造项目")
    )
    kind = models.CharField(_("形式"), max_length=16, choices=ConsultationKind.choices)
    held_on = models.DateField(_("日期"))
    participants = models.PositiveIntegerField(_("参与户数/人数"), null=True, blank=True)
    in_favour = models.PositiveIntegerField(_("同意户数/人数"), null=True, blank=True)
    outcome = models.TextField(_("结果"), blank=True)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("居民意见征询")
        verbose_name_plural = _("居民意见征询")
        ordering = ["project_id", "held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_favour__isnull=True)
                | Q(participants__isnull=True)
                | Q(in_favour__lte=F("participants")),
                name="renovation_consultation_favour_within_participants",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}" if self.held_on else str(self.get_kind_display())

    @property
    def support_rate(self) -> float | None:
        if self.participants and self.in_favour is not None:
            return self.in_favour / self.participants
        return None

    def clean(self) -> None:
        super().clean()
        if self.in_favour is not None and self.participants is not None and self.in_favour > self.participants:
            raise ValidationError({"in_favour": _("同意的户数/人数不能多于参与的户数/人数。")})
