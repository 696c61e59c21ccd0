"""Request and response bodies of the API (they make the OpenAPI document)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

NOTE_MAX_CHARS = 2000
NO_NUL = "^[^\\u0000]*$"  # a password with a NUL character is refused (422)


class Health(BaseModel):
    status: Literal["ok"]
    environment: Literal["training"]
    api_version: str
    server_time: str = Field(description="UTC, ISO-8601 with a Z.")


class SignIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256, json_schema_extra={"pattern": NO_NUL})
    office_code: str = Field(min_length=1, max_length=32)
    terminal_id: str = Field(min_length=1, max_length=64, description="A short free string naming the desk.")


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=256)


class Tokens(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["Bearer"]
    expires_in: int = Field(description="Seconds until the access token expires.")


class Office(BaseModel):
    code: str
    name: str
    kind: Literal["counter", "notary", "municipality"]


class Me(BaseModel):
    username: str
    display_name: str
    office: Office
    roles: list[Literal["counter", "notary", "cashier", "reviewer"]]
    terminal_id: str


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=NOTE_MAX_CHARS)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value


class Note(BaseModel):
    id: int
    text: str
    created_at: str = Field(description="UTC, ISO-8601 with a Z.")


class NoteList(BaseModel):
    items: list[Note]


class ProblemField(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemField] | None = None
    # sign-in (sandbox/lockout.py): on the 401 that leaves one try, and on the 429 of a lock
    attempts_left: int | None = Field(default=None, description="Tries left before sign-in is locked (only 1).")
    lockout_seconds: int | None = Field(default=None, description="How long the lock after the last try lasts.")
    scope: Literal["username", "address"] | None = Field(default=None, description="What a 429 lock-out locks.")
