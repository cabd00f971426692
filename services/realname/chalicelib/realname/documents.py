"""The documents bucket: presigned POST grants, and reading what was uploaded."""

from __future__ import annotations

from typing import Any, Protocol

from botocore.exceptions import ClientError

from chalicelib.realname.model import ObjectInfo
from registrar_shared.dynamo import unavailable

MISSING = ("404", "NoSuchKey", "NotFound")


class DocumentStore(Protocol):
    bucket: str

    def presigned_post(self, key: str, *, content_type: str, min_bytes: int, max_bytes: int,
                       expires_in: int) -> tuple[str, dict[str, str]]: ...
    def head(self, key: str) -> ObjectInfo | None: ...
    def read(self, key: str, *, max_bytes: int) -> bytes | None: ...
    def delete(self, key: str) -> None: ...


class S3DocumentStore:
    """S3 with SigV4 presigning (the client is created with ``signature_version="s3v4"``)."""

    def __init__(self, client: Any, bucket: str) -> None:
        self._s3 = client
        self.bucket = bucket

    def presigned_post(self, key: str, *, content_type: str, min_bytes: int, max_bytes: int,
                       expires_in: int) -> tuple[str, dict[str, str]]:
        # The policy pins bucket, key (generate_presigned_post adds both), the exact content
        # type and the size range; AWS enforces it at upload, moto does not (we re-check).
        post = self._s3.generate_presigned_post(
            Bucket=self.bucket, Key=key, Fields={"Content-Type": content_type},
            Conditions=[{"Content-Type": content_type},
                        ["content-length-range", min_bytes, max_bytes]],
            ExpiresIn=expires_in)
        return str(post["url"]), {k: str(v) for k, v in post["fields"].items()}

    def head(self, key: str) -> ObjectInfo | None:
        try:
            response = self._s3.head_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in MISSING:
                return None
            raise unavailable(error) from error
        return ObjectInfo(size=int(response["ContentLength"]),
                          etag=str(response.get("ETag", "")).strip('"'))

    def read(self, key: str, *, max_bytes: int) -> bytes | None:
        """At most ``max_bytes`` bytes of the object (a range request)."""
        try:
            response = self._s3.get_object(Bucket=self.bucket, Key=key,
                                           Range=f"bytes=0-{max_bytes - 1}")
            return bytes(response["Body"].read())
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in MISSING:
                return None
            raise unavailable(error) from error

    def delete(self, key: str) -> None:
        try:
            self._s3.delete_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            raise unavailable(error) from error
