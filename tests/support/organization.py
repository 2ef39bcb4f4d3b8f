import io

# A sample of the offices `offices_load` creates, one of each kind: KPU RI, a KIP (Aceh's
# province), a regency, one of Papua's new provinces.
LOADED_SAMPLE = ("kpu-ri", "kip-11", "kpu-1207", "kpu-95")

PROFILE = {
    "name": "Komisi Pemilihan Umum Provinsi Sumatera Utara",
    "letterhead_lines": "KOMISI PEMILIHAN UMUM\nPROVINSI SUMATERA UTARA",
    "address": "Jalan Perintis Kemerdekaan Nomor 35, Medan 20235",
    "city": "Medan",
    "telephone": "(061) 4524000",
    "email": "kpu@sumut.kpu.go.id",
    "website": "sumut.kpu.go.id",
    "paraf_on_archive_copy_only": "on",
}


def png_bytes(size: tuple[int, int] = (12, 8)) -> bytes:
    """A real PNG image, drawn here (not by the code under test)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 20, 20)).save(buffer, "PNG")
    return buffer.getvalue()
