"""The storage backends named in ``settings.STORAGES``."""

from .local import LocalStorage
from .s3 import MinioStorage

__all__ = ["LocalStorage", "MinioStorage"]
