"""Errors the actions raise become API answers: a rule broken is 400 naming the field, a stale copy is 409."""

from concurrency.exceptions import RecordModifiedError
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, RecordModifiedError):
        return Response(
            {"detail": "此记录已被他人修改，请刷新后重试。 The record was changed by someone else; reload and retry."},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = ValidationError(detail)
    return drf_exception_handler(exc, context)
