"""OpenAPI: one documented path per action of the registry, its request body drawn from the action's form.

The views are two endpoints (``/cases/{id}/transitions/{name}/`` and ``/cases/{id}/actions/{name}/``); clients
depend on each step's payload, so a drf-spectacular post-processing hook expands them into a path per action
(``cases.registry``) with the JSON schema of the form the view validates with. The routes published before the
registry whose payload is a form get their request body the same way.
"""

from __future__ import annotations

from django import forms

from kernel.forms import choices_of

from .. import registry
from ..services.runner import ActionBlocked, TransitionBlocked

TRANSITIONS = "/api/v1/cases/{id}/transitions/{name}/"
ACTIONS = "/api/v1/cases/{id}/actions/{name}/"
LEGACY = "/api/v1/cases/{id}/referral/{step}/"
# Routes of their own whose payload is an action's form: the request body drawn from it.
FORM_BODIES = {
    "/api/v1/cases/{id}/publications/": "publish_decision",
    "/api/v1/cases/{id}/publications/{publication}/withdrawal/": "withdraw_publication",
}
ERRORS = (
    "200 with the case file (`?view=light`: only `{{id, status, event, transitions, actions}}`); "
    "400 `invalid` with field errors; 409 `{refusal}` with `reasons: [{{code, detail, article}}]`; "
    "404 outside the caller's scope. An `Idempotency-Key` header makes a retry safe."
)


def field_schema(field: forms.Field) -> dict:
    declared = getattr(field, "json_schema", None)  # a field that says its own (cases.forms.correction)
    if declared is not None:
        schema: dict = dict(declared)
    elif isinstance(field, forms.ModelMultipleChoiceField):
        schema = {"type": "array", "items": {"type": "integer"}}
    elif isinstance(field, forms.ModelChoiceField):
        schema = {"type": "integer"}
    elif isinstance(field, forms.MultipleChoiceField):
        schema = {"type": "array", "items": {"type": "string", "enum": [str(v) for v, _ in choices_of(field)]}}
    elif isinstance(field, forms.ChoiceField):
        schema = {"type": "string", "enum": [str(v) for v, _ in choices_of(field) if v != ""]}
    elif isinstance(field, forms.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, forms.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, forms.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(field, forms.DecimalField):  # before IntegerField: Django's DecimalField is one
        schema = {"type": "string", "format": "decimal", "pattern": r"^\d{1,12}(\.\d{1,2})?$"}
    elif isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
    elif isinstance(field, forms.FileField):
        schema = {"type": "string", "format": "binary"}
    else:
        schema = {"type": "string"}
    schema["description"] = str(field.label or "")
    return schema


def form_schema(form_class: type[forms.Form]) -> dict:
    form = form_class()
    properties = {name: field_schema(field) for name, field in form.fields.items()}
    required = [name for name, field in form.fields.items() if field.required]
    return {"type": "object", "properties": properties, **({"required": required} if required else {})}


def request_body(action: registry.Action) -> dict:
    media = "multipart/form-data" if action.multipart else "application/json"
    return {"content": {media: {"schema": form_schema(action.form)}}, "required": True}


def expand_actions(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOKS entry: a path per action of the registry with its payload."""
    paths = result.get("paths", {})
    for generic, transition in ((TRANSITIONS, True), (ACTIONS, False)):
        template = paths.pop(generic, {}).get("post")
        if template is None:
            continue
        for action in registry.all_actions():
            if action.transition != transition:
                continue
            kind = "transitions" if transition else "actions"
            refusal = (TransitionBlocked if transition else ActionBlocked).code
            paths[f"/api/v1/cases/{{id}}/{kind}/{action.name}/"] = {
                "post": {
                    **template,
                    "operationId": f"cases_{kind}_{action.name}",
                    "summary": f"{action.label}（{action.name}）",
                    "description": f"{action.label_en}. {action.summary}\n\n" + ERRORS.format(refusal=refusal),
                    "parameters": [p for p in template.get("parameters", []) if p.get("name") != "name"],
                    "requestBody": request_body(action),
                }
            }
    legacy = paths.pop(LEGACY, {}).get("post")
    if legacy is not None:
        for action in registry.all_actions():
            if action.section == "referral" and not action.transition:
                paths[f"/api/v1/cases/{{id}}/referral/{action.name}/"] = {
                    "post": {
                        **legacy,
                        "operationId": f"cases_referral_{action.name}",
                        "summary": f"{action.label}（{action.name}；同 actions/{action.name}/）",
                        "parameters": [p for p in legacy.get("parameters", []) if p.get("name") != "step"],
                        "requestBody": request_body(action),
                    }
                }
    for path, name in FORM_BODIES.items():
        operation = paths.get(path, {}).get("post")
        found = registry.get(name)
        if operation is not None and found is not None:
            operation["requestBody"] = request_body(found)
    return result
