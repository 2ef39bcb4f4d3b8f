"""Hostile PDFs made in code, byte by byte (no binary files): every action type, actions run
automatically, embedded files, XFA, RichMedia, obfuscated names, and incremental updates that
add any of them to a harmless file. Each entry is (builder, words the refusal must name)."""

import io
from collections.abc import Callable

from tests.security.samples import pdf, stream

# Objects of `samples.pdf()` with one page: 1 catalog, 2 page tree, 3 page; extras from 4.
EXTRA = 4


def open_action(action: bytes) -> bytes:
    """The action as the document's opening action (object 4)."""
    return pdf(action, catalog_extra=b"/OpenAction 4 0 R ")


def link(action: bytes) -> bytes:
    """A link annotation on the page whose action is `action`."""
    return pdf(
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A " + action + b" >>",
        page_extra=b"/Annots [4 0 R] ",
    )


def annotation(subtype: bytes, extra: bytes = b"") -> bytes:
    return pdf(
        b"<< /Type /Annot /Subtype " + subtype + b" /Rect [0 0 10 10] " + extra + b">>",
        page_extra=b"/Annots [4 0 R] ",
    )


def incremental(base: bytes, objects: dict[int, bytes]) -> bytes:
    """`base` with an incremental update: the objects (re)written after its `%%EOF` with a new
    cross-reference section pointing back to the first (`/Prev`)."""
    previous_xref = int(base.rsplit(b"startxref", 1)[1].split()[0])
    size = int(base.split(b"/Size ", 1)[1].split()[0])
    out = io.BytesIO(base)
    out.seek(0, io.SEEK_END)
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n")
    for number, offset in sorted(offsets.items()):
        out.write(b"%d 1\n%010d 00000 n \n" % (number, offset))
    size = max(size, max(objects) + 1)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
        % (size, previous_xref, xref)
    )
    return out.getvalue()


CATALOG = b"<< /Type /Catalog /Pages 2 0 R "
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "

# Every action type of ISO 32000-2 but the plain go-to, as an opening action.
ACTION_TYPES = [
    b"/JavaScript /JS (app.alert(1))",
    b"/URI /URI (https://example.invalid/x)",
    b"/Launch /F (cmd.exe)",
    b"/GoToR /F (\\\\\\\\10.0.0.1\\\\share\\\\x.pdf) /D [0 /Fit]",
    b"/GoToE /D [0 /Fit] /T << /R /C /N (x) >>",
    b"/GoToDp /Dp 5 0 R",
    b"/Thread /D 0",
    b"/Sound /Sound 5 0 R",
    b"/Movie /T (m)",
    b"/Hide /T (field)",
    b"/Named /N /Print",
    b"/SubmitForm /F (https://example.invalid/collect)",
    b"/ResetForm",
    b"/ImportData /F (data.fdf)",
    b"/SetOCGState /State [/OFF 5 0 R]",
    b"/Rendition /OP 0",
    b"/Trans /Trans << /S /Dissolve >>",
    b"/GoTo3DView /TA 5 0 R /V 0",
    b"/ECMAScript /JS (x)",
    b"/RichMediaExecute /TA 5 0 R /TI 5 0 R",
]


def _opening(body: bytes) -> Callable[[], bytes]:
    return lambda: open_action(b"<< /Type /Action /S " + body + b" >>")


HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {}
for body in ACTION_TYPES:
    kind = body.split()[0].decode()
    HOSTILE[f"open_action_{kind[1:]}"] = (_opening(body), f"(/OpenAction) {kind}")

HOSTILE.update(
    {
        # Actions behind a link, an outline, a chain and a form field.
        "link_uri": (lambda: link(b"<< /S /URI /URI (http://example.invalid) >>"), "aksi /URI"),
        "link_launch": (lambda: link(b"<< /S /Launch /F (calc.exe) >>"), "aksi /Launch"),
        "link_goto_remote": (lambda: link(b"<< /S /GoToR /F (\\\\\\\\h\\\\s.pdf) >>"), "/GoToR"),
        "link_javascript": (lambda: link(b"<< /S /JavaScript /JS (x) >>"), "JavaScript"),
        "goto_chained_to_uri": (
            lambda: link(b"<< /S /GoTo /D [3 0 R /Fit] /Next << /S /URI /URI (x) >> >>"),
            "aksi /URI",
        ),
        "goto_chained_to_an_array": (
            lambda: link(b"<< /S /GoTo /D [3 0 R /Fit] /Next [<< /S /Launch /F (x) >>] >>"),
            "aksi /Launch",
        ),
        "outline_uri": (
            lambda: pdf(
                b"<< /Type /Outlines /First 5 0 R /Last 5 0 R /Count 1 >>",
                b"<< /Title (Bab) /Parent 4 0 R /A << /S /URI /URI (http://x.invalid) >> >>",
                catalog_extra=b"/Outlines 4 0 R ",
            ),
            "aksi /URI",
        ),
        "widget_submit": (
            lambda: pdf(
                b"<< /Fields [5 0 R] >>",
                b"<< /Type /Annot /Subtype /Widget /FT /Btn /T (b) /Rect [0 0 9 9] "
                b"/P 3 0 R /A << /S /SubmitForm /F (http://x.invalid) >> >>",
                catalog_extra=b"/AcroForm 4 0 R ",
                page_extra=b"/Annots [5 0 R] ",
            ),
            "aksi /SubmitForm",
        ),
        "action_in_an_unreferenced_object": (
            lambda: pdf(b"<< /Type /Action /S /Launch /F (x.exe) >>"),
            "aksi /Launch",
        ),
        # Actions run automatically.
        "document_additional_action": (
            lambda: pdf(catalog_extra=b"/AA << /WC << /S /JavaScript /JS (x) >> >> "),
            "aksi otomatis (/AA)",
        ),
        "page_additional_action": (
            lambda: pdf(page_extra=b"/AA << /O << /S /URI /URI (http://x) >> >> "),
            "aksi otomatis (/AA)",
        ),
        "widget_additional_action": (
            lambda: annotation(b"/Widget", b"/AA << /E << /S /Launch /F (x) >> >> "),
            "aksi otomatis (/AA)",
        ),
        # JavaScript in other spellings: hex-escaped names, a name tree, a bare /JS.
        "hex_escaped_javascript_type": (
            lambda: open_action(b"<< /S /J#61v#61Script /JS (x) >>"),
            "JavaScript",
        ),
        "hex_escaped_js_key": (
            lambda: link(b"<< /S /GoTo /D [3 0 R /Fit] /#4A#53 (x) >>"),
            "JavaScript",
        ),
        "hex_escaped_launch": (lambda: open_action(b"<< /S /#4C#61unch /F (x) >>"), "/Launch"),
        "hex_escaped_open_action_key": (
            lambda: pdf(b"<< /S /URI /URI (x) >>", catalog_extra=b"/Open#41ction 4 0 R "),
            "/URI",
        ),
        "javascript_name_tree": (
            lambda: pdf(
                b"<< /JavaScript << /Names [(a) 5 0 R] >> >>",
                b"<< /S /JavaScript /JS (x) >>",
                catalog_extra=b"/Names 4 0 R ",
            ),
            "JavaScript",
        ),
        "javascript_as_stream": (
            lambda: pdf(stream(b"app.alert(1)"), b"<< /JS 4 0 R >>"),
            "JavaScript",
        ),
        # Embedded and attached files.
        "embedded_files_name_tree": (
            lambda: pdf(
                b"<< /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>",
                b"<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>",
                stream(b"MZ\x90\x00", b"/Type /EmbeddedFile "),
                catalog_extra=b"/Names 4 0 R ",
            ),
            "berkas tersemat",
        ),
        "embedded_file_stream_alone": (
            lambda: pdf(stream(b"MZ", b"/Type /EmbeddedFile ")),
            "berkas tersemat",
        ),
        "file_attachment_annotation": (
            lambda: annotation(b"/FileAttachment", b"/FS (a.exe) "),
            "anotasi /FileAttachment",
        ),
        "external_file_specification": (
            lambda: pdf(b"<< /Type /Filespec /F (\\\\\\\\10.0.0.1\\\\x) >>"),
            "rujukan berkas",
        ),
        "associated_files": (lambda: pdf(catalog_extra=b"/AF [] "), "berkas terkait (/AF)"),
        "portfolio_collection": (
            lambda: pdf(catalog_extra=b"/Collection << /View /D >> "),
            "/Collection pada katalog",
        ),
        # XFA, RichMedia and other active annotations and objects.
        "xfa_form": (
            lambda: pdf(
                b"<< /Fields [] /XFA 5 0 R >>",
                stream(b"<xdp:xdp/>"),
                catalog_extra=b"/AcroForm 4 0 R ",
            ),
            "formulir XFA",
        ),
        "needs_rendering": (
            lambda: pdf(catalog_extra=b"/NeedsRendering true "),
            "/NeedsRendering",
        ),
        "rich_media_annotation": (
            lambda: annotation(b"/RichMedia", b"/RichMediaContent << /Assets << >> >> "),
            "media kaya",
        ),
        "rich_media_subtype_only": (lambda: annotation(b"/RichMedia"), "anotasi /RichMedia"),
        "screen_annotation": (lambda: annotation(b"/Screen"), "anotasi /Screen"),
        "three_d_annotation": (lambda: annotation(b"/3D"), "anotasi /3D"),
        "sound_annotation": (lambda: annotation(b"/Sound"), "anotasi /Sound"),
        "movie_annotation": (lambda: annotation(b"/Movie"), "anotasi /Movie"),
        "postscript_xobject": (
            lambda: pdf(stream(b"showpage", b"/Type /XObject /Subtype /PS ")),
            "XObject /PS",
        ),
        "catalog_base_uri": (lambda: pdf(catalog_extra=b"/URI << /Base (http://x) >> "), "/URI"),
        "page_presentation_steps": (
            lambda: pdf(page_extra=b"/PresSteps << >> "),
            "/PresSteps pada halaman",
        ),
        # Incremental updates that add a feature to a harmless file.
        "update_adds_open_action_uri": (
            lambda: incremental(
                pdf(),
                {1: CATALOG + b"/OpenAction 4 0 R >>", 4: b"<< /S /URI /URI (http://x) >>"},
            ),
            "/URI",
        ),
        "update_adds_goto_remote_share": (
            lambda: incremental(
                pdf(),
                {
                    1: CATALOG + b"/OpenAction << /S /GoToR /F (\\\\\\\\10.0.0.1\\\\s) >> >>",
                },
            ),
            "/GoToR",
        ),
        "update_adds_embedded_file": (
            lambda: incremental(
                pdf(),
                {
                    1: CATALOG + b"/Names << /EmbeddedFiles << /Names [(a) 4 0 R] >> >> >>",
                    4: b"<< /Type /Filespec /F (a.exe) >>",
                },
            ),
            "berkas tersemat",
        ),
        "update_adds_page_additional_action": (
            lambda: incremental(pdf(), {3: PAGE + b"/AA << /O << /S /JavaScript /JS (x) >> >> >>"}),
            "aksi otomatis (/AA)",
        ),
        "update_adds_xfa": (
            lambda: incremental(
                pdf(), {1: CATALOG + b"/AcroForm 4 0 R >>", 4: b"<< /Fields [] /XFA (x) >>"}
            ),
            "formulir XFA",
        ),
        "update_adds_launch_link": (
            lambda: incremental(
                pdf(),
                {
                    3: PAGE + b"/Annots [4 0 R] >>",
                    4: b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] "
                    b"/A << /S /Launch /F (x.exe) >> >>",
                },
            ),
            "aksi /Launch",
        ),
        "update_adds_rich_media": (
            lambda: incremental(
                pdf(),
                {
                    3: PAGE + b"/Annots [4 0 R] >>",
                    4: b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 9 9] >>",
                },
            ),
            "anotasi /RichMedia",
        ),
        "update_removes_javascript_an_earlier_revision_carried": (
            lambda: incremental(
                pdf(catalog_extra=b"/AA << /WC << /S /JavaScript /JS (x) >> >> "),
                {1: CATALOG + b">>"},
            ),
            "aksi otomatis (/AA)",
        ),
    }
)
