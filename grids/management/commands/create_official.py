"""`python manage.py create_official <username> --area <code or name> [--area …] [--password …]`: an official's
staff account in the officials group, responsible for the given areas (grids.actions.official_create)."""

import getpass
import sys

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from grids.actions import official_create
from grids.models import Area, Level


def area_label(area: Area) -> str:
    """ "朝阳市 / 双塔区 / 龙山街道 (211302-01)": enough to tell two areas of the same name apart."""
    ancestors = {a.pk: a.name for a in Area.objects.filter(pk__in=area.ancestors())}
    path = [ancestors[pk] for pk in area.ancestors() if pk in ancestors]
    return f"{' / '.join([*path, area.name])} ({area.code})"


def find_area(value: str) -> Area:
    """An area by its code, its name, or a path of names ending in it ("双塔区/龙山街道")."""
    value = value.strip()
    area = Area.objects.filter(code=value).first()
    if area is not None:
        candidates = [area]
    else:
        *outer, name = [part.strip() for part in value.replace("／", "/").split("/") if part.strip()] or [""]
        candidates = list(Area.objects.filter(name=name).order_by("level", "code"))
        if outer:
            candidates = [a for a in candidates if _has_ancestors_named(a, outer)]
    if not candidates:
        raise CommandError(_("找不到区域“%(value)s”：请填写区域编码或名称。") % {"value": value})
    if len(candidates) > 1:
        listing = "\n".join(f"  {area_label(a)}" for a in candidates)
        raise CommandError(
            _("区域“%(value)s”不唯一，请改用编码或“上级/名称”：\n%(listing)s") % {"value": value, "listing": listing}
        )
    area = candidates[0]
    if area.level == Level.GRID:
        raise CommandError(
            _("“%(area)s”是网格；官员负责的区域须是城市、区/县、街道/乡镇或社区/村。") % {"area": area_label(area)}
        )
    return area


def _has_ancestors_named(area: Area, names: list[str]) -> bool:
    ancestor_names = set(Area.objects.filter(pk__in=area.ancestors()).values_list("name", flat=True))
    return set(names) <= ancestor_names


class Command(BaseCommand):
    help = "创建（或补充）官员账号：后台员工账号，属于 officials 组，只能查看和修改其负责区域内的记录。"

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")
        parser.add_argument(
            "--area",
            action="append",
            required=True,
            metavar="CODE_OR_NAME",
            help="负责区域：区域编码（如 211302）、名称（如 龙山街道）或“上级/名称”；可重复。",
        )
        parser.add_argument("--password", help="密码；新账号不填时交互输入。已有账号不填则不改密码。")
        parser.add_argument("--email", default="", help="电子邮箱")
        parser.add_argument("--full-name", default="", help="姓名（个人信息，仅后台可见）")

    def handle(self, *args, **options):
        username = options["username"]
        areas = [find_area(value) for value in options["area"]]
        user_model = get_user_model()
        existing = user_model.objects.filter(username=username).first()
        password = options["password"]
        if password is None and existing is None:
            if not sys.stdin.isatty():
                raise CommandError(_("新账号需要密码：请用 --password 提供。"))
            password = getpass.getpass(_("密码："))
            if password != getpass.getpass(_("再次输入密码：")):
                raise CommandError(_("两次输入的密码不一致。"))
        if password is not None:
            try:
                password_validation.validate_password(password, existing or user_model(username=username))
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        user = official_create(
            username=username,
            password=password,
            areas=areas,
            email=options["email"],
            full_name=options["full_name"],
        )
        message = _("官员账号 %(username)s 已%(action)s，负责：%(areas)s。可在 /admin/ 登录。") % {
            "username": user.get_username(),
            "action": _("更新") if existing else _("创建"),
            "areas": "；".join(area_label(a) for a in areas),
        }
        self.stdout.write(self.style.SUCCESS(message))
