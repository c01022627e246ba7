# PLACEHOLDER — replaced by the media_storage implementation.
from django.core.files.storage import FileSystemStorage


class LocalStorage(FileSystemStorage):
    def __init__(self, presign_seconds=300, **kwargs):
        super().__init__(**kwargs)
