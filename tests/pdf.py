import subprocess


def pdf_text(content: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it, with white space folded."""
    result = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def pdf_words_beyond_the_page(content: bytes) -> list[str]:
    """Words poppler places (partly) outside their page's right edge."""
    import re

    result = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=content, capture_output=True, check=True
    )
    outside: list[str] = []
    for page in re.finditer(
        r'<page width="([\d.]+)"[^>]*>(.*?)</page>', result.stdout.decode(), re.S
    ):
        width = float(page.group(1))
        for word in re.finditer(
            r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', page.group(2)
        ):
            if float(word.group(1)) > width + 0.5:
                outside.append(word.group(2))
    return outside
