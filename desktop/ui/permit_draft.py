"""The permit wizard's draft: what the operator has typed and attached, kept so that closing the window loses nothing.

- The typed fields live in the operator's local database as one draft (`client_api.drafts`, form `DRAFT_FORM`),
  autosaved by the page. Every field is kept exactly as typed (text), never as a parsed value, so a half-typed
  number comes back as it was.
- An attached file is checked (`desktop.attachments.check_attachment`) and copied, when it is added, into the
  profile's config folder: `<config>/drafts/<request id>/<attachment id><suffix>`, the folder 0700 and the file
  0600. The draft names the copy; the operator's original may be moved or deleted afterwards.
- The request id (`client_api.actions.new_resource_id`) is made once per draft and saved with it, so sending again
  after a crash or a refusal of a later step is the same request on the server.

Everything here touches the disk: call it from an op of the TaskRunner, never on the UI thread. No Qt.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from client_api.actions import new_resource_id
from desktop.attachments import CheckedFile, check_attachment, read_checked

DRAFT_FORM = "permit"
DEED, ID_CARD, PLAN, POWER_OF_ATTORNEY = "deed", "id_card", "plan", "power_of_attorney"
ATTACHMENT_KINDS = (DEED, ID_CARD, PLAN, POWER_OF_ATTORNEY)
REQUIRED_KINDS = (DEED, ID_CARD, PLAN)
_SUFFIXES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


class StoredFileError(Exception):
    """A draft's copy of an attached file is gone or no longer the file that was checked."""

    def __init__(self, filename: str) -> None:
        super().__init__(filename)
        self.filename = filename


@dataclass(frozen=True)
class DraftAttachment:
    id: str  # the attachment's UUID on the server (`PUT …/attachments/{id}`)
    kind: str  # one of ATTACHMENT_KINDS
    filename: str  # the operator's file name, as sent
    media_type: str
    size: int
    sha256: str
    stored: str  # the copy, relative to the drafts folder: "<request id>/<attachment id>.pdf"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DraftAttachment | None:
        try:
            item = cls(
                str(data["id"]),
                str(data["kind"]),
                str(data["filename"]),
                str(data["media_type"]),
                int(data["size"]),
                str(data["sha256"]),
                str(data["stored"]),
            )
        except (KeyError, TypeError, ValueError):
            return None
        return item if item.kind in ATTACHMENT_KINDS and ".." not in Path(item.stored).parts else None


@dataclass
class PermitDraft:
    """The whole wizard as typed: text per field, the floors as rows of text, the attachments, the step shown."""

    request_id: str = field(default_factory=new_resource_id)
    renovation_code: str = ""
    applicant: dict[str, str] = field(default_factory=dict)  # applicant_name, national_id, mobile, power_of_attorney
    building: dict[str, Any] = field(default_factory=dict)  # parking_*, balcony_area_m2 (text); floors: [row texts]
    attachments: list[DraftAttachment] = field(default_factory=list)
    step: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "request_id": self.request_id,
            "renovation_code": self.renovation_code,
            "applicant": dict(self.applicant),
            "building": dict(self.building),
            "attachments": [asdict(item) for item in self.attachments],
            "step": self.step,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> PermitDraft | None:
        """A saved draft, or None when there is none (or it is not one this version can read)."""
        if not isinstance(data, dict) or not isinstance(data.get("request_id"), str):
            return None
        try:
            request_id = str(_uuid(data["request_id"]))
        except ValueError:
            return None
        applicant = data.get("applicant")
        building = data.get("building")
        items = data.get("attachments")
        attachments = [DraftAttachment.from_json(item) for item in items if isinstance(item, dict)] if items else []
        step = data.get("step")
        return cls(
            request_id=request_id,
            renovation_code=str(data.get("renovation_code") or ""),
            applicant={str(k): str(v) for k, v in applicant.items()} if isinstance(applicant, dict) else {},
            building=building if isinstance(building, dict) else {},
            attachments=[item for item in attachments if item is not None],
            step=step if isinstance(step, int) else 0,
        )


def _uuid(text: str) -> str:
    import uuid

    return str(uuid.UUID(text))


def drafts_folder(config_dir: Path) -> Path:
    return Path(config_dir) / "drafts"


def _private_folder(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def store_attachment(config_dir: Path, request_id: str, kind: str, source: Path) -> DraftAttachment:
    """Check `source` and copy it into the draft's folder (0600). Raises `desktop.attachments.AttachmentError`
    when the file is refused, OSError when the copy cannot be written. For an op: reads up to 10 MB."""
    if kind not in ATTACHMENT_KINDS:
        raise ValueError(f"unknown attachment kind {kind!r}")
    checked: CheckedFile = check_attachment(Path(source))
    content = read_checked(checked)
    attachment_id = new_resource_id()
    relative = f"{_uuid(request_id)}/{attachment_id}{_SUFFIXES.get(checked.media_type, '')}"
    root = drafts_folder(config_dir)
    _private_folder(root)
    _private_folder(root / _uuid(request_id))
    target = root / relative
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return DraftAttachment(
        attachment_id, kind, checked.filename, checked.media_type, checked.size, checked.sha256, relative
    )


def read_attachment(config_dir: Path, attachment: DraftAttachment) -> bytes:
    """The bytes of a draft's copy, checked against the digest taken when it was added; StoredFileError when the
    copy is missing or changed. For an op."""
    path = drafts_folder(config_dir) / attachment.stored
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise StoredFileError(attachment.filename) from exc
    if hashlib.sha256(content).hexdigest() != attachment.sha256:
        raise StoredFileError(attachment.filename)
    return content


def attachment_exists(config_dir: Path, attachment: DraftAttachment) -> bool:
    return (drafts_folder(config_dir) / attachment.stored).is_file()


def remove_attachment(config_dir: Path, attachment: DraftAttachment) -> None:
    (drafts_folder(config_dir) / attachment.stored).unlink(missing_ok=True)


def remove_files(config_dir: Path, attachments: list[DraftAttachment]) -> None:
    """Delete the copies of a sent or abandoned draft (and the folders they leave empty). For an op."""
    folders = set()
    for attachment in attachments:
        remove_attachment(config_dir, attachment)
        folders.add((drafts_folder(config_dir) / attachment.stored).parent)
    for folder in folders:
        if folder.is_dir() and not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
