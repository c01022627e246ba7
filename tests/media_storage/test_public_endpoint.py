from urllib.parse import urlsplit

from media_storage.s3 import MinioStorage


def test_links_are_signed_for_the_public_endpoint_without_contacting_any_server():
    # "minio" resolves only inside the compose network; tablets use the public name.
    storage = MinioStorage(
        endpoint="http://minio:9000",
        public_endpoint="https://s3.zhifa.example.gov.cn",
        access_key="app",
        secret_key="secret-secret",
        bucket="zhifa",
        region="us-east-1",
    )

    url = urlsplit(storage.presigned_url("cases/1/evidence/abc", filename="照片.jpg"))

    assert (url.scheme, url.netloc) == ("https", "s3.zhifa.example.gov.cn")
    assert url.path == "/zhifa/cases/1/evidence/abc"
    assert "X-Amz-Signature=" in url.query


def test_without_a_public_endpoint_links_use_the_storage_endpoint():
    storage = MinioStorage(endpoint="http://127.0.0.1:9", access_key="a", secret_key="b" * 8, region="us-east-1")

    assert urlsplit(storage.presigned_url("x")).netloc == "127.0.0.1:9"
