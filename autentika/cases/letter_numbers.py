"""The shape of an Indonesian letter number, as a party's request letter carries it: parts
separated by slashes, each of Latin letters, digits, dots and hyphens, at least one digit, e.g.
`045/DPD-GOLKAR/SU/I/2025`. The number is printed on the reply only through its placeholder
(`{{nomor_surat_permohonan}}`), so a number in this shape is the only form it can take there."""

import re

LETTER_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*(?:/[A-Za-z0-9.-]+)+")
MAX_LENGTH = 120


def letter_number_problem(number: str) -> str | None:
    """Why `number` is not a letter number (Indonesian), or None."""
    value = (number or "").strip()
    if not value:
        return "Nomor surat partai wajib diisi."
    if (
        len(value) > MAX_LENGTH
        or not LETTER_NUMBER.fullmatch(value)
        or not any(c.isdigit() for c in value)
    ):
        return (
            f"Nomor surat partai “{value[:MAX_LENGTH]}” tidak berbentuk nomor surat: tulis "
            "bagian-bagiannya dipisah garis miring, hanya dengan huruf, angka, titik dan tanda "
            f"hubung, paling banyak {MAX_LENGTH} karakter, mis. 045/DPD-GOLKAR/SU/I/2025."
        )
    return None
