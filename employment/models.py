"""Employment (就业): community job stations (舒心就业驿站) with their postings, job fairs, trainings, supported
startups and placements, and the monthly achievements against the annual employment targets.

Targets are not stored here: they are `rollups.models.Target` rows for the indicator of each category
(`TargetCategory` values are indicator codes), set by the level above through `rollups.actions.target_set`.

A placement names a person. That is personal data: kept minimal (a name and the last four characters of the
ID number, for telling two people of the same name apart), shown only to officials of the area, never on a
public page or in an anonymous API response.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, cast

from concurrency.fields import IntegerVersionField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from grids.models import InCommunity, ScopedQuerySet
from rollups.models import Target, month_start


class TargetCategory(models.TextChoices):
    """The annual employment targets (年度目标任务); each value is the code of its roll-up indicator."""

    NEW_URBAN_JOBS = "employment_new_urban_jobs", _("城镇新增就业")
    REEMPLOYED = "employment_reemployed", _("失业人员再就业")
    DIFFICULTY = "employment_difficulty_employed", _("就业困难人员就业")
    TRAINED = "employment_trained", _("职业技能培训")
    RURAL_TRANSFER = "employment_rural_transfer", _("农村劳动力转移就业")


# What each category counts in: people, except training which counts attendances (人次).
CATEGORY_UNITS = {
    TargetCategory.NEW_URBAN_JOBS: "人",
    TargetCategory.REEMPLOYED: "人",
    TargetCategory.DIFFICULTY: "人",
    TargetCategory.TRAINED: "人次",
    TargetCategory.RURAL_TRANSFER: "人",
}


class Channel(models.TextChoices):
    WINDOW = "window", _("服务窗口")
    WECHAT = "wechat", _("社区微信群")
    LIVESTREAM = "livestream", _("直播带岗")


class JobStation(InCommunity):
    """A community job station (舒心就业驿站) and what it offers."""

    name = models.CharField(_("驿站名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    hours = models.CharField(_("开放时间"), max_length=100, blank=True)
    opened = models.DateField(_("启用日期"))
    has_window = models.BooleanField(_("就业服务窗口"), default=True, help_text=_("政策咨询、求职登记、岗位推送"))
    has_job_board = models.BooleanField(_("岗位信息发布区"), default=True)
    has_gig_corner = models.BooleanField(_("零工洽谈区"), default=False)
    has_livestream = models.BooleanField(_("直播带岗专区"), default=False)
    has_startup_class = models.BooleanField(_("创业课堂"), default=False)
    is_demonstration = models.BooleanField(_("示范点"), default=False, help_text=_("就业创业指导服务示范点"))
    provincially_recognised = models.BooleanField(
        _("省级认定"), default=False, help_text=_("获评全省“舒心就业”就业创业指导服务站")
    )
    recognition = models.CharField(_("认定称号"), max_length=100, blank=True)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("就业驿站")
        verbose_name_plural = _("就业驿站")
        ordering = ["community_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="jobstation_name_unique_in_community"),
            models.CheckConstraint(
                condition=Q(provincially_recognised=False) | Q(is_demonstration=True),
                name="jobstation_recognised_is_demonstration",
            ),
        ]
        indexes = [models.Index(fields=["is_demonstration", "community"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.provincially_recognised and not self.is_demonstration:
            raise ValidationError(
                {"provincially_recognised": _("获得省级认定的驿站必须是示范点，请同时勾选“示范点”。")}
            )

    @property
    def services(self) -> list[str]:
        """The functional areas it has, by name, for the pages."""
        return [
            str(cast("models.Field", self._meta.get_field(f)).verbose_name)
            for f in ("has_window", "has_job_board", "has_gig_corner", "has_livestream", "has_startup_class")
            if getattr(self, f)
        ]


class StationRecord(InCommunity):
    """A record of a station's work; it lies in the station's community."""

    class Meta:
        abstract = True

    def fill_community(self) -> None:
        if self.station_id:  # type: ignore[attr-defined]
            self.community_id = self.station.community_id  # type: ignore[attr-defined]


class PostingQuerySet(ScopedQuerySet):
    def open_on(self, day: dt.date) -> PostingQuerySet:
        """Postings residents can still apply for on `day`."""
        return self.filter(published__lte=day).filter(Q(closed__isnull=True) | Q(closed__gte=day))


class JobPosting(StationRecord):
    station = models.ForeignKey(JobStation, models.CASCADE, related_name="postings", verbose_name=_("驿站"))
    employer = models.CharField(_("用工单位"), max_length=100)
    title = models.CharField(_("岗位名称"), max_length=100)
    positions = models.PositiveIntegerField(_("招聘人数"), default=1, validators=[MinValueValidator(1)])
    wage_min = models.PositiveIntegerField(_("月薪下限（元）"), null=True, blank=True)
    wage_max = models.PositiveIntegerField(_("月薪上限（元）"), null=True, blank=True)
    published = models.DateField(_("发布日期"))
    closed = models.DateField(_("截止日期"), null=True, blank=True, help_text=_("空：仍在招聘"))
    channel = models.CharField(_("发布渠道"), max_length=16, choices=Channel.choices, default=Channel.WINDOW)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    objects = PostingQuerySet.as_manager()  # type: ignore[misc]  # InCommunity's manager, with open_on()

    class Meta:
        verbose_name = _("招聘岗位")
        verbose_name_plural = _("招聘岗位")
        ordering = ["-published", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(positions__gte=1), name="jobposting_positions_positive"),
            models.CheckConstraint(condition=Q(wage_max__gte=models.F("wage_min")), name="jobposting_wage_range"),
            models.CheckConstraint(condition=Q(closed__gte=models.F("published")), name="jobposting_closed_after"),
        ]
        indexes = [models.Index(fields=["station", "closed", "published"]), models.Index(fields=["published"])]

    def __str__(self) -> str:
        return f"{self.employer} · {self.title}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str | Promise] = {}
        if self.wage_min is not None and self.wage_max is not None and self.wage_max < self.wage_min:
            errors["wage_max"] = _("月薪上限不能低于下限 %(min)s 元。") % {"min": self.wage_min}
        if self.published and self.closed and self.closed < self.published:
            errors["closed"] = _("截止日期不能早于发布日期 %(day)s。") % {"day": self.published}
        if errors:
            raise ValidationError(errors)


class JobFair(StationRecord):
    """A small job fair (芝麻招聘) held at a station."""

    station = models.ForeignKey(JobStation, models.CASCADE, related_name="fairs", verbose_name=_("驿站"))
    name = models.CharField(_("活动名称"), max_length=100)
    held_on = models.DateField(_("举办日期"))
    employers = models.PositiveIntegerField(_("参会单位"), null=True, blank=True, help_text=_("空：未记录"))
    positions = models.PositiveIntegerField(_("提供岗位"), default=0)
    intents = models.PositiveIntegerField(_("达成意向"), default=0, help_text=_("现场达成就业意向的人数"))
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("招聘会")
        verbose_name_plural = _("招聘会")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(employers__gte=0, positions__gte=0, intents__gte=0), name="jobfair_counts_not_negative"
            )
        ]
        indexes = [models.Index(fields=["held_on"])]

    def __str__(self) -> str:
        return f"{self.name} {self.held_on}"


class Training(StationRecord):
    """An on-demand training (点单培训) and how many trainees found stable work afterwards."""

    station = models.ForeignKey(JobStation, models.CASCADE, related_name="trainings", verbose_name=_("驿站"))
    course = models.CharField(_("课程"), max_length=100)
    starts_on = models.DateField(_("开班日期"))
    ends_on = models.DateField(_("结业日期"), null=True, blank=True)
    trainees = models.PositiveIntegerField(_("培训人数"), validators=[MinValueValidator(1)])
    stable_employed = models.PositiveIntegerField(_("稳定就业人数"), default=0, help_text=_("培训后实现稳定就业的人数"))
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("培训班")
        verbose_name_plural = _("培训班")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(trainees__gte=1), name="training_trainees_positive"),
            models.CheckConstraint(
                condition=Q(stable_employed__lte=models.F("trainees")), name="training_stable_within_trainees"
            ),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="training_ends_after"),
        ]
        indexes = [models.Index(fields=["starts_on"])]

    def __str__(self) -> str:
        return f"{self.course} {self.starts_on}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str | Promise] = {}
        if self.trainees is not None and self.stable_employed is not None and self.stable_employed > self.trainees:
            errors["stable_employed"] = _("稳定就业人数不能多于培训人数 %(n)s。") % {"n": self.trainees}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("结业日期不能早于开班日期 %(day)s。") % {"day": self.starts_on}
        if errors:
            raise ValidationError(errors)


class StartupProject(StationRecord):
    """A startup the station supported (mentoring, premises, loans) and the jobs it brought."""

    station = models.ForeignKey(JobStation, models.CASCADE, related_name="startups", verbose_name=_("驿站"))
    name = models.CharField(_("项目名称"), max_length=100)
    supported_on = models.DateField(_("扶持日期"))
    jobs_created = models.PositiveIntegerField(_("带动就业人数"), default=0)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("创业项目")
        verbose_name_plural = _("创业项目")
        ordering = ["-supported_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(jobs_created__gte=0), name="startup_jobs_not_negative")]
        indexes = [models.Index(fields=["supported_on"])]

    def __str__(self) -> str:
        return self.name


ID_TAIL = RegexValidator(r"^\d{3}[\dX]$", _("请填写身份证号的后四位（数字，最后一位可为 X）。"))


class Placement(StationRecord):
    """A person placed in a job through a station. Personal data: officials of the area only."""

    station = models.ForeignKey(JobStation, models.CASCADE, related_name="placements", verbose_name=_("驿站"))
    posting = models.ForeignKey(
        JobPosting, models.SET_NULL, null=True, blank=True, related_name="placements", verbose_name=_("招聘岗位")
    )
    person_name = models.CharField(_("姓名"), max_length=50)
    id_tail = models.CharField(
        _("身份证后四位"), max_length=4, blank=True, validators=[ID_TAIL], help_text=_("只记后四位，不记完整号码")
    )
    employer = models.CharField(_("就业单位"), max_length=100)
    job_title = models.CharField(_("岗位"), max_length=100, blank=True)
    placed_on = models.DateField(_("上岗日期"))
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("就业安置")
        verbose_name_plural = _("就业安置")
        ordering = ["-placed_on", "pk"]
        indexes = [models.Index(fields=["placed_on"])]

    def __str__(self) -> str:
        return f"{self.employer} {self.placed_on}"

    def clean_fields(self, exclude: Any = None) -> None:
        # Before the field's validator, so "123x" is taken (and stored as "123X").
        if self.id_tail:
            self.id_tail = self.id_tail.strip().upper()
        super().clean_fields(exclude)

    def clean(self) -> None:
        super().clean()
        posting = self.posting if self.posting_id else None
        if posting is not None and self.station_id and posting.station_id != self.station_id:
            raise ValidationError({"posting": _("所选岗位不是本驿站发布的。")})


class MonthlyAchievement(InCommunity):
    """What a community achieved in one month for one target category (月调度): the figure the targets
    are measured against; quarters and years are summed from the months by the roll-ups."""

    category = models.CharField(_("目标类别"), max_length=40, choices=TargetCategory.choices)
    month = models.DateField(_("月份"), help_text=_("该月任一日期均可，保存为当月1日"))
    achieved = models.PositiveIntegerField(_("完成数"))
    note = models.CharField(_("备注"), max_length=200, blank=True)
    is_generated = models.BooleanField(_("生成的示例数据"), default=False)
    version = IntegerVersionField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("月度就业完成情况")
        verbose_name_plural = _("月度就业完成情况")
        ordering = ["-month", "community_id", "category"]
        constraints = [
            models.UniqueConstraint(fields=["community", "category", "month"], name="achievement_one_per_month"),
            models.CheckConstraint(condition=Q(achieved__gte=0), name="achievement_not_negative"),
            models.CheckConstraint(condition=Q(category__in=TargetCategory.values), name="achievement_category_valid"),
        ]
        indexes = [models.Index(fields=["category", "month"])]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.month:%Y-%m}: {self.achieved}"

    def clean_fields(self, exclude: Any = None) -> None:
        if isinstance(self.month, dt.date):
            self.month = self.month.replace(day=1)
        super().clean_fields(exclude)

    def clean(self) -> None:
        super().clean()
        # A month not yet reached has nothing to report (a figure for it would inflate the completion).
        if isinstance(self.month, dt.date) and month_start(self.month) > month_start(timezone.localdate()):
            raise ValidationError(
                {
                    "month": _("%(year)s年%(month)s月还没有到，不能录入。")
                    % {"year": self.month.year, "month": self.month.month}
                }
            )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if isinstance(self.month, dt.date):
            self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)


class EmploymentTargetManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(indicator__in=TargetCategory.values)


class EmploymentTarget(Target):
    """The roll-ups' annual targets of the five employment categories, for the employment admin. Not a second
    mechanism: the same rows, written through `rollups.actions.target_set` (set by the level above)."""

    # A manager of the employment categories in place of Target's default one.
    objects: ClassVar[EmploymentTargetManager] = EmploymentTargetManager()  # type: ignore[assignment]

    class Meta:
        proxy = True
        verbose_name = _("年度就业目标")
        verbose_name_plural = _("年度就业目标")

    def __str__(self) -> str:
        label = dict(TargetCategory.choices).get(self.indicator, self.indicator)
        return f"{self.area} {label} {self.year}: {self.value:g}"
