"""Run by test_s3_storage in a fresh interpreter: stream an upload and report the peak-RSS growth.

A separate process gives a clean ``ru_maxrss`` baseline that the test session's own
allocations cannot blur. Prints one JSON line.
"""

from __future__ import annotations

import io
import json
import resource
import sys


def main() -> None:
    options = json.loads(sys.argv[1])
    name, total, metadata = options.pop("name"), options.pop("total"), options.pop("metadata")

    from django.conf import settings

    settings.configure(USE_TZ=True, MEDIA_PRESIGN_SECONDS=300)

    from media_storage.backends import MinioStorage
    from tests.media_storage.streams import GeneratedStream

    storage = MinioStorage(**options)
    # Warm up: imports, the pooled connection and the bucket check happen before the baseline.
    storage.save_stream("warm-up.bin", io.BytesIO(b"warm-up"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stored = storage.save_stream(name, GeneratedStream(total), content_type="video/mp4", metadata=metadata)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "name": stored.name,
                "size": stored.size,
                "sha256": stored.sha256,
                "peak_rss_growth_bytes": (after - before) * 1024,  # ru_maxrss is in KiB on Linux
            }
        )
    )


if __name__ == "__main__":
    main()
