"""Synthesised document images: random noise, so they compress badly and exceed 55 KB."""

from __future__ import annotations

import io
import random

from PIL import Image

FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/bmp": "BMP", "image/webp": "WEBP"}


def noise_image(content_type: str = "image/jpeg", *, size: tuple[int, int] = (256, 256),
                seed: int = 7) -> bytes:
    rng = random.Random(seed)
    width, height = size
    image = Image.frombytes("RGB", size, rng.randbytes(width * height * 3))
    out = io.BytesIO()
    options = {"quality": 95} if content_type in ("image/jpeg", "image/webp") else {}
    image.save(out, format=FORMATS[content_type], **options)
    return out.getvalue()


def truncated(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


def fake_pdf(size: int = 80_000) -> bytes:
    return b"%PDF-1.7\n" + b"0" * (size - 9)


def text_file(size: int = 80_000) -> bytes:
    return (b"this is not an image, whatever its name says\n" * (size // 45 + 1))[:size]
