"""OpenAPI: one documented path per transition, its request body drawn from the transition's form.

The view is one endpoint (``/cases/{id}/transitions/{name}/``); clients depend on
each step's payload, so a drf-spectacular post-processing hook expands it into a
path per transition with the JSON schema of the form the view validates with. Endpoints of their own
that validate with a form (the publications) get their request body from it the same way.
"""

from __future__ import annotations

from django import forms

from kernel.forms import choices_of

from ..forms.execution import PublicationForm, PublicationWithdrawalForm
from ..forms.referral import ACTION_FORMS
from ..transitions import TRANSITIONS

GENERIC = "/api/v1/cases/{id}/transitions/{name}/"
REFERRAL = "/api/v1/cases/{id}/referral/{step}/"
# Endpoints of their own whose payload is a form: the request body drawn from it.
FORM_BODIES = {
    "/api/v1/cases/{id}/publications/": PublicationForm,
    "/api/v1/cases/{id}/publications/{publication}/withdrawal/": PublicationWithdrawalForm,
}


def field_schema(field: forms.Field) -> dict:
    if isinstance(field, forms.ModelMultipleChoiceField):
        schema: dict = {"type": "array", "items": {"type": "integer"}}
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
    elif isinstance(field, forms.DecimalField):
        schema = {"type": "string", "format": "decimal", "pattern": r"^\d{1,12}(\.\d{1,2})?$"}
    else:
        schema = {"type": "string"}
    schema["description"] = str(field.label or "")
    return schema


def form_schema(form_class: type[forms.Form]) -> dict:
    form = form_class()
    properties = {name: field_schema(field) for name, field in form.fields.items()}
    required = [name for name, field in form.fields.items() if field.required]
    return {"type": "object", "properties": properties, **({"required": required} if required else {})}


def expand_transitions(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOKS entry: a path per transition with its payload."""
    paths = result.get("paths", {})
    generic = paths.pop(GENERIC, None)
    if generic is None:
        return result
    template = generic["post"]
    for name, spec in TRANSITIONS.items():
        operation = {
            **template,
            "operationId": f"cases_transition_{name}",
            "summary": f"{spec.label}（{name}）",
            "description": (
                f"Perform `{name}`. 200 with the case file; 400 `invalid` with field errors; "
                "409 `transition_not_allowed` with `reasons: [{code, detail, article}]`; "
                "404 outside the caller's scope."
            ),
            "parameters": [p for p in template.get("parameters", []) if p.get("name") != "name"],
            "requestBody": {
                "content": {"application/json": {"schema": form_schema(spec.form)}},
                "required": True,
            },
        }
        paths[f"/api/v1/cases/{{id}}/transitions/{name}/"] = {"post": operation}
    referral = paths.pop(REFERRAL, None)
    if referral is not None:
        template = referral["post"]
        for step, form_class in ACTION_FORMS.items():
            paths[f"/api/v1/cases/{{id}}/referral/{step}/"] = {
                "post": {
                    **template,
                    "operationId": f"cases_referral_{step}",
                    "summary": f"{form_class.__doc__.splitlines()[0] if form_class.__doc__ else step}（{step}）",
                    "parameters": [p for p in template.get("parameters", []) if p.get("name") != "step"],
                    "requestBody": {
                        "content": {"application/json": {"schema": form_schema(form_class)}},
                        "required": True,
                    },
                }
            }
    for path, form_class in FORM_BODIES.items():
        operation = paths.get(path, {}).get("post")
        if operation is not None:
            operation["requestBody"] = {
                "content": {"application/json": {"schema": form_schema(form_class)}},
                "required": True,
            }
    return result
