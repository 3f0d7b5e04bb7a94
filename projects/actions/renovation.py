"""Renovation of old compounds (老旧小区改造): the writes. The admin, the API, the ledger import and the demo call
these; each checks the caller's scope (403 outside it), validates with full_clean() (400 naming the field) and
writes in one transaction. Saves reuse grids' scoped save, so the roll-ups of the touched areas follow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from grids.actions import areas_changed, register_record_actions, scoped_delete, scoped_save, touched_areas
from grids.models import Building, Compound, ensure_can_manage

from ..models.renovation import (
    RenovationConsultation,
    RenovationEntry,
    RenovationPhoto,
    RenovationProject,
    RenovationReport,
    RenovationStatus,
    RenovationWorkItem,
    status_of_percent,
)


def _by(user: Any, instance: models.Model) -> None:
    instance._history_user = user if getattr(user, "is_authenticated", False) else None  # type: ignore[attr-defined]


def _locked(project: RenovationProject) -> RenovationProject:
    """The stored project, row-locked: two writes to one project (a report and a status change) run in turn."""
    return RenovationProject._base_manager.select_for_update().get(pk=project.pk)


# ---------------------------------------------------------------- projects


@transaction.atomic
def renovation_project_save(*, user: Any, project: RenovationProject) -> RenovationProject:
    """Create or change a project. Completing it needs every work item done (RenovationProject.clean)."""
    if project.pk:
        _locked(project)
    _by(user, project)
    return scoped_save(user=user, instance=project)


@transaction.atomic
def renovation_project_set_coverage(
    *,
    user: Any,
    project: RenovationProject,
    compounds: Iterable[Compound],
    buildings: Iterable[Building] = (),
) -> RenovationProject:
    """The compounds (and optionally buildings) a project renovates, all in the project's community.

    Figures the official left at 0 (floor area, buildings, households) are taken from the compounds."""
    ensure_can_manage(user, project)
    compounds, buildings = list(compounds), list(buildings)
    project.clean_coverage(compounds, buildings)
    _by(user, project)
    project.compounds.set(compounds)
    project.buildings.set(buildings)
    filled = []
    if compounds:
        ids = [c.pk for c in compounds]
        # Two queries: summing the compounds' figures over a join to their buildings would count each compound
        # once per building.
        totals = Compound.objects.filter(pk__in=ids).aggregate(area=Sum("floor_area"), households=Sum("households"))
        totals["buildings"] = Building.objects.filter(compound_id__in=ids).count()
        for field, key in (("floor_area", "area"), ("households", "households"), ("building_count", "buildings")):
            if not getattr(project, field) and totals[key]:
                setattr(project, field, totals[key])
                filled.append(field)
        if buildings and not project.building_count:
            project.building_count = len(buildings)
            filled.append("building_count")
    if filled:
        scoped_save(user=user, instance=project)
    else:
        areas_changed(touched_areas(project))
    return project


def renovation_project_check_deletable(project: RenovationProject) -> None:
    """A project with progress reports stays: its reports are history and are never deleted (the foreign key is
    PROTECT too; this says why in words)."""
    reports = project.reports.count()
    if reports:
        raise ValidationError(
            _("项目“%(project)s”已有 %(count)s 次进度填报，不能删除：进度填报是历史记录，不随项目删除。")
            % {"project": project.name, "count": reports}
        )


@transaction.atomic
def renovation_project_delete(*, user: Any, project: RenovationProject) -> None:
    ensure_can_manage(user, project)
    renovation_project_check_deletable(project)
    _by(user, project)
    scoped_delete(user=user, instance=project)


# ---------------------------------------------------------------- work items


@transaction.atomic
def renovation_work_item_save(*, user: Any, item: RenovationWorkItem) -> RenovationWorkItem:
    """Create or describe a work item. Its percent changes only through a progress report."""
    _locked(item.project)
    if item.pk:
        stored = RenovationWorkItem._base_manager.select_for_update().get(pk=item.pk)
        if stored.project_id != item.project_id:
            raise ValidationError({"project": _("改造内容不能移到另一个项目。")})
        item.percent, item.status, item.updated_on = stored.percent, stored.status, stored.updated_on
    _by(user, item)
    return scoped_save(user=user, instance=item)


@transaction.atomic
def renovation_work_item_delete(*, user: Any, item: RenovationWorkItem) -> None:
    """A work item with reported progress stays: deleting it would erase part of the history."""
    ensure_can_manage(user, item)
    if item.entries.exists():
        raise ValidationError(
            {"kind": _("“%(item)s”已有进度填报，不能删除；如不再实施，请在说明中注明。") % {"item": item}}
        )
    _by(user, item)
    scoped_delete(user=user, instance=item)


# ---------------------------------------------------------------- progress reports


@dataclass(frozen=True)
class EntryInput:
    """One line of a progress report: the new percent of a work item, and why, if it went down."""

    work_item: RenovationWorkItem
    percent: int
    reason: str = ""


@dataclass(frozen=True)
class PhotoInput:
    file: UploadedFile
    kind: str
    caption: str = ""


@transaction.atomic
def renovation_report_submit(
    *,
    user: Any,
    project: RenovationProject,
    reported_on: dt.date,
    entries: Sequence[EntryInput],
    note: str = "",
    photos: Sequence[PhotoInput] = (),
) -> RenovationReport:
    """Record a dated progress report: who, when, the percent of each work item it moves, a note, photos.

    Nothing is overwritten: each entry keeps the percent before it, the items show the newest figure. A report
    is dated no earlier than the project's latest one; a percent going down needs a reason; a completed
    project takes no more reports. A first percent above 0 moves a planned project to 'in progress'."""
    ensure_can_manage(user, project)
    project = _locked(project)
    errors: dict[str, list[Any]] = {}

    def refuse(field: str, message: Any) -> None:
        errors.setdefault(field, []).append(message)

    if project.is_done:
        refuse(
            "project",
            _("项目“%(project)s”已%(status)s，不再填报进度。")
            % {
                "project": project.name,
                "status": project.get_status_display(),
            },
        )
    if not entries and not note.strip() and not photos:
        refuse("entries", _("请至少填写一项改造内容的进度、一段进展说明或一张照片。"))
    latest = project.reports.aggregate(last=Max("reported_on"))["last"]
    if latest and reported_on and reported_on < latest:
        refuse("reported_on", _("填报日期不能早于本项目最近一次填报（%(date)s）。") % {"date": f"{latest:%Y-%m-%d}"})
    ids = [line.work_item.pk for line in entries]
    if len(ids) != len(set(ids)):
        refuse("entries", _("同一项改造内容在一次填报中只能出现一次。"))
    items = {i.pk: i for i in RenovationWorkItem._base_manager.select_for_update().filter(pk__in=ids)}
    for line in entries:
        if line.work_item.pk not in items or items[line.work_item.pk].project_id != project.pk:
            refuse("entries", _("“%(item)s”不是本项目的改造内容。") % {"item": line.work_item})

    report = RenovationReport(project=project, reported_on=reported_on, note=note.strip())
    if getattr(user, "is_authenticated", False):
        report.reported_by = user
    try:
        report.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    rows = []
    for line in entries:
        item = items.get(line.work_item.pk)
        if item is None:
            continue
        entry = RenovationEntry(
            report=report,
            project=project,
            work_item=item,
            percent=line.percent,
            previous_percent=item.percent,
            reason=line.reason.strip(),
        )
        try:
            entry.full_clean(exclude=["report"])
        except ValidationError as exc:
            for messages in exc.message_dict.values():
                for message in messages:
                    refuse("entries", f"{item}：{message}" if str(item) not in message else message)
        rows.append(entry)
    photo_rows = []
    for p in photos:
        photo = RenovationPhoto(project=project, kind=p.kind, image=p.file, caption=p.caption, taken_on=reported_on)
        try:
            photo.full_clean(exclude=["report"])
        except ValidationError as exc:
            for messages in exc.message_dict.values():
                errors.setdefault("photos", []).extend(messages)
        photo_rows.append(photo)
    if errors:
        raise ValidationError(errors)

    _by(user, report)
    report.save()
    for entry in rows:
        entry.report = report
        _by(user, entry)
        entry.save()
        item = entry.work_item
        item.percent, item.status, item.updated_on = entry.percent, status_of_percent(entry.percent), reported_on
        _by(user, item)
        item.save()
    for photo in photo_rows:
        photo.report = report
        _by(user, photo)
        photo.save()
    if project.status == RenovationStatus.PLANNED and any(e.percent > 0 for e in rows):
        project.status = RenovationStatus.IN_PROGRESS
        _by(user, project)
        project._change_reason = _("进度填报")  # type: ignore[attr-defined]
        project.save()
    areas_changed(touched_areas(project))
    return report


# ---------------------------------------------------------------- photos, consultation


@transaction.atomic
def renovation_photo_save(*, user: Any, photo: RenovationPhoto) -> RenovationPhoto:
    _by(user, photo)
    return scoped_save(user=user, instance=photo)


@transaction.atomic
def renovation_consultation_save(*, user: Any, consultation: RenovationConsultation) -> RenovationConsultation:
    _by(user, consultation)
    return scoped_save(user=user, instance=consultation)


@transaction.atomic
def renovation_record_delete(*, user: Any, instance: models.Model) -> None:
    """Photos and consultation records; reports are never deleted (history), projects and items above."""
    if isinstance(instance, RenovationReport | RenovationEntry):
        raise ValidationError({"reported_on": _("进度填报是历史记录，不能删除；如有错误，请再填报一次并写明原因。")})
    if isinstance(instance, RenovationProject):
        return renovation_project_delete(user=user, project=instance)
    if isinstance(instance, RenovationWorkItem):
        return renovation_work_item_delete(user=user, item=instance)
    _by(user, instance)
    scoped_delete(user=user, instance=instance)
    return None


# The generic admin, API and ledger import write these models through grids.actions.record_save / record_delete.
# Reports are not saved this way: they go through renovation_report_submit.
register_record_actions(
    save={
        RenovationProject: lambda user, obj: renovation_project_save(user=user, project=obj),
        RenovationWorkItem: lambda user, obj: renovation_work_item_save(user=user, item=obj),
        RenovationPhoto: lambda user, obj: renovation_photo_save(user=user, photo=obj),
        RenovationConsultation: lambda user, obj: renovation_consultation_save(user=user, consultation=obj),
    },
    delete=dict.fromkeys(
        [
            RenovationProject,
            RenovationWorkItem,
            RenovationPhoto,
            RenovationConsultation,
            RenovationReport,
            RenovationEntry,
        ],
        renovation_record_delete,
    ),
)
