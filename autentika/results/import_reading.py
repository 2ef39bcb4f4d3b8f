"""Reading a results file's container (CSV or XLSX, bounded) into tables of raw cells. Pure."""

import csv
import io
import zipfile
from typing import Any

from defusedxml import DefusedXmlException

from autentika.results.import_types import (
    MAIN_SHEET,
    MAX_FILE_BYTES,
    MAX_ROWS,
    TABLE_HEADERS,
    Issue,
    ResultsFileInvalid,
    cell_text,
)
from autentika.results.xlsx_limits import MAX_COLUMNS, MAX_SHEETS, xlsx_problem

# --- reading the container (CSV or XLSX) into tables of raw cells --------------------------


Table = list[tuple[int, list[Any]]]  # (line number, cells); the first entry is the header


def read_tables(file_name: str, content: bytes) -> dict[str, Table]:
    """The tables of the file by template name. CSV holds only the main table."""
    if len(content) == 0 or not content.strip():
        raise ResultsFileInvalid([Issue(file_name, None, "", "", "berkas kosong.")])
    if len(content) > MAX_FILE_BYTES:
        raise ResultsFileInvalid(
            [
                Issue(
                    file_name,
                    None,
                    "",
                    "",
                    f"berkas terlalu besar ({len(content):,} bita); batasnya "
                    f"{MAX_FILE_BYTES // (1024 * 1024)} MB.".replace(",", "."),
                )
            ]
        )
    lower = file_name.lower()
    if content[:4] == b"PK\x03\x04":
        if not lower.endswith(".xlsx"):
            raise ResultsFileInvalid(
                [Issue(file_name, None, "", "", "berkas ini bukan CSV; simpan sebagai .xlsx.")]
            )
        return _read_xlsx(file_name, content)
    if lower.endswith(".xlsx"):
        raise ResultsFileInvalid(
            [Issue(file_name, None, "", "", "berkas bukan XLSX yang sah (isi tidak terbaca).")]
        )
    if not lower.endswith((".csv", ".txt")):
        raise ResultsFileInvalid(
            [Issue(file_name, None, "", "", "jenis berkas tidak didukung; gunakan CSV atau XLSX.")]
        )
    return {MAIN_SHEET: _read_csv(file_name, content)}


def _read_csv(file_name: str, content: bytes) -> Table:
    if b"\x00" in content:
        raise ResultsFileInvalid(
            [Issue(file_name, None, "", "", "berkas bukan teks CSV (berisi data biner).")]
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise ResultsFileInvalid(
                [Issue(file_name, None, "", "", "berkas bukan teks CSV (UTF-8) yang terbaca.")]
            ) from None
    first_line = text.lstrip().splitlines()[0] if text.strip() else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    table: Table = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            if reader.line_num > MAX_ROWS + 1:
                raise ResultsFileInvalid(
                    [Issue(file_name, None, "", "", f"lebih dari {MAX_ROWS:,} baris.")]
                )
            if not any(cell.strip() for cell in cells):
                continue
            table.append((reader.line_num, cells))
    except csv.Error as error:
        raise ResultsFileInvalid(
            [Issue(file_name, reader.line_num, "", "", f"CSV rusak ({error}).")]
        ) from None
    return table


def _read_xlsx(file_name: str, content: bytes) -> dict[str, Table]:
    from openpyxl import load_workbook

    problem = xlsx_problem(content)
    if problem is not None:
        raise ResultsFileInvalid.one(file_name, problem)
    try:
        return _read_workbook(file_name, content, load_workbook)
    except DefusedXmlException:
        raise ResultsFileInvalid.one(file_name, "berkas XLSX memuat XML berbahaya (DTD).") from None


def _read_workbook(file_name: str, content: bytes, load_workbook: Any) -> dict[str, Table]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ResultsFileInvalid(
            [Issue(file_name, None, "", "", f"berkas bukan XLSX yang sah ({error}).")]
        ) from None
    except Exception as error:  # openpyxl raises its own InvalidFileException and others
        raise ResultsFileInvalid(
            [Issue(file_name, None, "", "", f"berkas XLSX tidak terbaca ({error}).")]
        ) from None
    try:
        if len(workbook.sheetnames) > MAX_SHEETS:
            raise ResultsFileInvalid.one(
                file_name, f"berkas XLSX memuat lebih dari {MAX_SHEETS} lembar."
            )
        names = {name.strip().lower(): name for name in workbook.sheetnames}
        if MAIN_SHEET in names:
            chosen = {key: names[key] for key in TABLE_HEADERS if key in names}
        elif len(workbook.sheetnames) == 1:
            chosen = {MAIN_SHEET: workbook.sheetnames[0]}
        else:
            raise ResultsFileInvalid(
                [
                    Issue(
                        file_name,
                        None,
                        "",
                        ", ".join(workbook.sheetnames),
                        f"berkas memuat beberapa lembar tetapi tidak ada lembar bernama "
                        f"“{MAIN_SHEET}”; beri nama lembar hasil per dapil “{MAIN_SHEET}”.",
                    )
                ]
            )
        tables: dict[str, Table] = {}
        rows_read = 0
        for key, sheet_name in chosen.items():
            table: Table = []
            sheet = workbook[sheet_name]
            sheet.reset_dimensions()  # type: ignore[union-attr]  # a read-only sheet: ignore the declared size
            for line, values in enumerate(sheet.iter_rows(values_only=True), 1):
                if len(values) > MAX_COLUMNS and any(cell_text(v) for v in values[MAX_COLUMNS:]):
                    rule = f"baris ini memuat isi di luar kolom ke-{MAX_COLUMNS}."
                    raise ResultsFileInvalid.one(file_name, rule, row=line)
                rows_read += 1
                if rows_read > MAX_ROWS + len(chosen):
                    raise ResultsFileInvalid(
                        [Issue(file_name, None, "", "", f"lebih dari {MAX_ROWS:,} baris.")]
                    )
                cells = list(values)
                if not any(cell_text(cell) for cell in cells):
                    continue
                while cells and cell_text(cells[-1]) == "":
                    cells.pop()
                table.append((line, cells))
            tables[key] = table
        return tables
    except (ResultsFileInvalid, DefusedXmlException):
        raise
    except Exception as error:  # openpyxl's errors on a malformed sheet are of many kinds
        rule = f"lembar XLSX tidak terbaca ({type(error).__name__})."
        raise ResultsFileInvalid.one(file_name, rule) from None
    finally:
        workbook.close()
