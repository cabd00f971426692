"""OpenAPI 3 documents generated from a Chalice app's routes and their pydantic models."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from chalice import Chalice
from pydantic import BaseModel

F = TypeVar("F", bound=Callable[..., Any])
REF = "#/components/schemas/{model}"

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["Code", "Message", "RequestId"],
    "properties": {
        "Code": {"type": "string", "description": "Stable PascalCase error code"},
        "Message": {"type": "string", "description": "English, or Chinese for zh-CN"},
        "Details": {"description": "Optional structured details"},
        "RequestId": {"type": "string"},
    },
}


def operation(*, summary: str, response: type[BaseModel] | None = None,
              request: type[BaseModel] | None = None, query: type[BaseModel] | None = None,
              status: int = 200, auth: bool = True, errors: Sequence[int] = (),
              content_type: str = "application/json") -> Callable[[F], F]:
    """Describe a view for the generated document (the attributes survive functools.wraps)."""

    def decorate(view: F) -> F:
        view.__openapi__ = {  # type: ignore[attr-defined]
            "summary": summary, "response": response, "request": request, "query": query,
            "status": status, "auth": auth, "errors": tuple(errors),
            "content_type": content_type,
        }
        return view

    return decorate


def _schema(model: type[BaseModel], components: dict[str, Any], mode: str) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template=REF, mode=mode)  # type: ignore[arg-type]
    for name, definition in schema.pop("$defs", {}).items():
        components[name] = definition
    components[model.__name__] = schema
    return {"$ref": REF.format(model=model.__name__)}


def _parameters(entry: Any, meta: dict[str, Any]) -> list[dict[str, Any]]:
    params = [{"name": arg, "in": "path", "required": True, "schema": {"type": "string"}}
              for arg in entry.view_args]
    if meta["query"] is not None:
        schema = meta["query"].model_json_schema()
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            params.append({"name": name, "in": "query", "required": name in required,
                           "schema": prop})
    return params


def _responses(meta: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    ok: dict[str, Any] = {"description": "Success"}
    if meta["response"] is not None:
        ok["content"] = {meta["content_type"]: {
            "schema": _schema(meta["response"], components, "serialization")}}
    elif meta["content_type"] != "application/json":
        ok["content"] = {meta["content_type"]: {"schema": {"type": "string"}}}
    responses: dict[str, Any] = {str(meta["status"]): ok}
    codes = set(meta["errors"]) | ({401} if meta["auth"] else set())
    if meta["request"] is not None or meta["query"] is not None:
        codes.add(400)
    for code in sorted(codes):
        responses[str(code)] = {"description": "Error", "content": {
            "application/json": {"schema": {"$ref": REF.format(model="Error")}}}}
    return responses


def _operation(entry: Any, meta: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": meta["summary"], "operationId": entry.view_name}
    params = _parameters(entry, meta)
    if params:
        op["parameters"] = params
    if meta["request"] is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": _schema(meta["request"], components, "validation")}}}
    op["responses"] = _responses(meta, components)
    if meta["auth"]:
        op["security"] = [{"apiKey": []}]
    return op


def build(app: Chalice, *, title: str, prefix: str, description: str = "") -> dict[str, Any]:
    components: dict[str, Any] = {"Error": ERROR_SCHEMA}
    paths: dict[str, Any] = {}
    for path, methods in sorted(app.routes.items()):
        for method, entry in sorted(methods.items()):
            meta = getattr(entry.view_function, "__openapi__", None)
            if meta is not None:
                paths.setdefault(prefix + path, {})[method.lower()] = _operation(
                    entry, meta, components)
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1.0.0", "description": description},
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer"}},
        },
    }


def install(app: Chalice, *, title: str, prefix: str, description: str = "") -> None:
    """Serve the generated document at ``GET /v1/openapi.json`` (no API key)."""

    @app.route("/v1/openapi.json", methods=["GET"])
    def openapi_document() -> dict[str, Any]:
        return build(app, title=title, prefix=prefix, description=description)
