"""An uploaded PDF may have only the features of a static document: pages, fonts, images and
annotations of plain kinds, go-to links within the document. Everything else (any other action,
an action run automatically, embedded files, XFA, RichMedia, JavaScript however its name is
spelled, and any of these added by an incremental update) is refused, and the refusal names
what was found. What staff view of an accepted scan carries no action at all
(tests/cases/test_document_preview.py)."""

import pytest
from django.core.exceptions import ValidationError

from autentika.core.pdf import html_to_pdf
from autentika.core.uploads import Upload, upload_check
from tests.core.hostile_pdfs import HOSTILE, incremental, link
from tests.security.samples import pdf


def test_the_corpus_holds_at_least_forty_hostile_files():
    assert len(HOSTILE) >= 40


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_pdf_is_refused_naming_the_feature(name):
    make, named = HOSTILE[name]
    with pytest.raises(ValidationError) as caught:
        upload_check(Upload("surat.pdf", make()), label="Surat permohonan")
    message = " ".join(caught.value.messages)
    assert message.startswith("Surat permohonan (surat.pdf) ditolak: berkas PDF memuat ")
    assert named in message


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(pdf, id="plain page"),
        pytest.param(lambda: link(b"<< /S /GoTo /D [3 0 R /Fit] >>"), id="go-to link"),
        pytest.param(
            lambda: pdf(catalog_extra=b"/OpenAction [3 0 R /Fit] "), id="opening view only"
        ),
        pytest.param(
            lambda: pdf(
                b"<< /Type /Annot /Subtype /Highlight /Rect [0 0 9 9] /QuadPoints [] >>",
                page_extra=b"/Annots [4 0 R] ",
            ),
            id="highlight annotation",
        ),
        pytest.param(
            lambda: incremental(pdf(), {3: b"<< /Type /Page /Parent 2 0 R /Rotate 90 >>"}),
            id="harmless incremental update",
        ),
        pytest.param(lambda: html_to_pdf("<h1>Surat</h1><p>Isi surat.</p>"), id="weasyprint"),
    ],
)
def test_static_documents_are_accepted(content):
    assert upload_check(Upload("surat.pdf", content()), label="Lampiran") == "application/pdf"
