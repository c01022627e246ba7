# PLACEHOLDER — replaced by the media_storage implementation.
urlpatterns: list = []
