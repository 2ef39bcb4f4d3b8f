import subprocess


def pdf_text(content: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it, with white space folded."""
    result = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())
