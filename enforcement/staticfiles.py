"""``django.contrib.staticfiles`` without the files this project never serves.

drf-spectacular-sidecar ships Redoc beside Swagger UI (4.8 MB); only Swagger UI is served (/api/v1/docs/), so
Redoc is left out of ``collectstatic`` — out of the image, and out of the build's compression time.
"""

from django.contrib.staticfiles.apps import StaticFilesConfig


class ZhifaStaticFilesConfig(StaticFilesConfig):
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "drf_spectacular_sidecar/redoc/*"]
