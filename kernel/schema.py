"""OpenAPI: the error answers every operation can give, documented as the API answers them (API.md, "Errors").

A drf-spectacular post-processing hook (``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``, after the hooks that
add paths): every operation documents 401 and 403; one with a path parameter, a body or pages 404; one that reads
a query or a body 400; a write 409 (a guard's refusal, an ``Idempotency-Key`` reused with another body), 413 (a
body or a file over the limit) and 415 (a content type or a file type not accepted); a download 409 (a document
not rendered yet); the authentication endpoints 429. The bodies are the shapes ``enforcement.api.exception_handler``
writes.
"""

from __future__ import annotations

from typing import Any

ERROR = "Error"
INVALID = "ValidationErrorBody"
REFUSAL = "RefusalErrorBody"

_SCHEMAS: dict[str, dict[str, Any]] = {
    ERROR: {
        "type": "object",
        "description": "错误：机器可读的 code 和中文说明 detail（API.md）。",
        "properties": {"code": {"type": "string"}, "detail": {"type": "string"}},
        "required": ["code", "detail"],
    },
    INVALID: {
        "type": "object",
        "description": "400：`invalid`（errors 按字段列出原因，non_field_errors 为整体原因）或 `parse_error`。",
        "properties": {
            "code": {"type": "string", "enum": ["invalid", "parse_error"]},
            "detail": {"type": "string"},
            "errors": {"type": "object", "additionalProperties": {}},
        },
        "required": ["code", "detail"],
    },
    REFUSAL: {
        "type": "object",
        "description": "409：规则不允许（reasons 逐条列出，含法律依据），或 Idempotency-Key 已用于另一请求内容。",
        "properties": {
            "code": {"type": "string"},
            "detail": {"type": "string"},
            "reasons": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string"},
                        "detail": {"type": "string"},
                        "article": {"type": "string"},
                    },
                    "required": ["code", "detail"],
                },
            },
        },
        "required": ["code", "detail"],
    },
}

_DESCRIPTIONS = {
    "400": "请求内容有误（invalid：按字段列出原因）",
    "401": "未登录或令牌无效（not_authenticated）",
    "403": "当前角色无权使用此功能（permission_denied）",
    "404": "不存在或无权查看（not_found）",
    "409": "规则不允许，或 Idempotency-Key 冲突",
    "413": "请求内容或文件过大（too_large）",
    "415": "不接受的内容类型或文件类型（unsupported_type）",
    "429": "请求过于频繁（throttled）",
}
WRITES = {"post", "put", "patch", "delete"}


def _response(code: str, schema: str) -> dict[str, Any]:
    return {
        "description": _DESCRIPTIONS[code],
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def error_codes(path: str, method: str, operation: dict[str, Any]) -> dict[str, str]:
    """The error status codes ``operation`` may answer, each with its body's schema."""
    codes = {"401": ERROR, "403": ERROR}
    parameters = operation.get("parameters", [])
    names = {p.get("name") for p in parameters}
    # An object outside the caller's scope, named in the path or the body; a page past the last ("page").
    if "{" in path or method in WRITES or "page" in names:
        codes["404"] = ERROR
    if method in WRITES or any(p.get("in") == "query" for p in parameters):
        codes["400"] = INVALID
    if method in WRITES:
        codes.update({"409": REFUSAL, "413": ERROR, "415": ERROR})
    if path.endswith("/content/"):  # a file not available yet (a document not rendered): refused with reasons
        codes["409"] = REFUSAL
    if "/auth/" in path:
        codes["429"] = ERROR
    return codes


def document_errors(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOKS entry (module docstring)."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in _SCHEMAS.items():
        components.setdefault(name, schema)
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code, schema in error_codes(path, method, operation).items():
                responses.setdefault(code, _response(code, schema))
    return result
