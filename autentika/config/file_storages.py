"""The STORAGES entries of the documents and the kept scans (settings AUTENTIKA_STORAGE): the
folders on this server's disk, or a bucket of any S3-compatible object store through
django-storages. Read by the settings only."""

from collections.abc import Mapping
from pathlib import Path


def file_storages(
    *, kind: str, files_dir: Path, kept_dir: Path, s3: Mapping[str, str] | None = None
) -> dict[str, dict[str, object]]:
    """The STORAGES entries of the documents ("default") and of the kept scans ("kept")."""
    if kind == "local":
        return {
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(files_dir), "base_url": "/berkas/"},
            },
            "kept": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {
                    "location": str(kept_dir),
                    "directory_permissions_mode": 0o700,
                    "file_permissions_mode": 0o600,
                },
            },
        }
    if kind != "s3":
        raise ValueError(f"AUTENTIKA_STORAGE must be local or s3, not {kind!r}")
    s3 = s3 or {}

    def bucket(folder: str) -> dict[str, object]:
        prefix = s3.get("prefix", "").strip("/")
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": s3.get("bucket", ""),
                "endpoint_url": s3.get("endpoint_url") or None,
                "region_name": s3.get("region") or None,
                "access_key": s3.get("access_key_id") or None,
                "secret_key": s3.get("secret_access_key") or None,
                "location": f"{prefix}/{folder}" if prefix else folder,
                # a name taken gets another, as on disk: two rows never share one object
                "file_overwrite": False,
                "default_acl": None,
                "querystring_auth": True,
            },
        }

    return {"default": bucket("files"), "kept": bucket("kept-uploads")}
