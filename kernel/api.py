"""What the API layers of every app share: the errors a request can end in before a rule of law is asked.

``enforcement.api.exception_handler`` turns them into the error bodies of API.md.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from rest_framework import status
from rest_framework.exceptions import APIException


class FormInvalid(APIException):
    """A form refused the payload: 400 ``invalid`` with the field errors."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, form) -> None:
        self.form = form
        super().__init__("提交的内容有误，请检查后重试。")


class UploadRejected(ValidationError):
    """The file is not accepted: ``code`` is ``too_large`` (413) or ``unsupported_type`` (415)."""


UPLOAD_STATUS = {"too_large": status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "unsupported_type": 415}
