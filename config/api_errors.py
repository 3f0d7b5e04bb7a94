"""Errors the actions raise become API answers, the same for every app: a broken rule is 400 naming
the field, a refusal is 403 with the action's reason, a stale copy is 409, a record still in use 400."""

from concurrency.exceptions import RecordModifiedError
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, RecordModifiedError):
        return Response(
            {"detail": _("此记录已被他人修改，请刷新后重试。")},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        # DRF would replace the action's reason with a generic sentence.
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = exceptions.ValidationError(
            {"non_field_errors": [_("仍有其他记录属于它（如下级区域、小区、楼栋或网格人员），不能删除。")]}
        )
    return drf_exception_handler(exc, context)
