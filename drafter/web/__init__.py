"""`drafter serve`: the drafting workflow as local web pages, over the same library core as the CLI.

Starlette (with Jinja2, already a dependency through docxtpl, and uvicorn) rather than FastAPI:
the pages are plain HTML forms, so FastAPI's JSON models and OpenAPI would be weight without use,
and Starlette's TestClient tests every route in-process.
"""
