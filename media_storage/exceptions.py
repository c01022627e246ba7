"""Typed storage errors: a Chinese message for people and a machine ``code`` for clients."""

from __future__ import annotations


class StorageError(Exception):
    """Any failure of the object storage that is not a programming error."""

    code = "storage_error"
    default_message = "对象存储操作失败。"

    def __init__(self, message: str | None = None, *, name: str | None = None) -> None:
        super().__init__(message or self.default_message)
        self.message = message or self.default_message
        self.name = name

    def __str__(self) -> str:
        return self.message


class StorageUnavailable(StorageError):
    """The server is unreachable, timed out, keeps failing, or refuses our credentials."""

    code = "storage_unavailable"
    default_message = "对象存储服务暂不可用，请稍后重试。"


class StorageCredentialsRejected(StorageUnavailable):
    """The server answered but refused the configured access key (an operator's problem)."""

    code = "storage_credentials_rejected"
    default_message = "对象存储拒绝了访问凭据，请联系管理员检查配置。"


# Also a FileNotFoundError so code written against Django's FileSystemStorage keeps working.
class ObjectNotFound(StorageError, FileNotFoundError):
    """The named object does not exist."""

    code = "object_not_found"
    default_message = "所请求的文件不存在。"
