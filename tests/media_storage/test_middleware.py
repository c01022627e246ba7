"""StorageUnavailableMiddleware: a storage outage is a clean 503, never a traceback page."""

from __future__ import annotations

import json

import pytest
from django.test import Client, RequestFactory

from media_storage.middleware import StorageUnavailableMiddleware

DETAIL = "对象存储服务暂不可用，请稍后重试。"


def test_an_outage_under_api_is_a_json_503_with_a_machine_code_and_chinese_detail():
    response = Client().get("/api/down/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert json.loads(response.content) == {"code": "storage_unavailable", "detail": DETAIL}
    assert DETAIL.encode() in response.content  # readable Chinese, not \\u escapes


def test_an_outage_on_a_page_is_a_small_chinese_html_503_without_a_traceback():
    response = Client().get("/down/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "文件服务暂不可用" in body
    assert DETAIL in body
    assert "Traceback" not in body
    assert 'lang="zh-CN"' in body


def test_a_client_asking_for_json_gets_json_outside_api_too():
    response = Client().get("/down/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response.json()["code"] == "storage_unavailable"


def test_a_browser_accepting_anything_gets_the_html_page():
    response = Client().get("/down/", HTTP_ACCEPT="*/*")
    assert response["Content-Type"].startswith("text/html")


def test_other_exceptions_are_left_to_django():
    middleware = StorageUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("x")) is None
    with pytest.raises(ValueError, match="not a storage problem"):
        Client().get("/error/")
