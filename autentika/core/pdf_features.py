"""The features an uploaded PDF may have: a positive rule (issue #27).

A scan is a static document: pages, their content, fonts, images, form XObjects, metadata,
structure, outlines and annotations of plain kinds. What may appear is listed here; every other
feature is refused with its name:
- an action may only be a go-to within the document (`/GoTo`); every other action type
  (`/URI`, `/Launch`, `/GoToR`, `/GoToE`, `/JavaScript`, `/SubmitForm`, ...) is refused, and so
  is any action run automatically (`/OpenAction` as an action, `/AA`);
- the catalog, the name tree and each page may carry only the keys listed below;
- an annotation must be of a plain kind; an XObject an image or a form;
- keys that bring active or attached content (`/JS`, `/EmbeddedFiles`, `/EF`, `/XFA`,
  `/RichMedia...`, `/AF`) are refused wherever they appear.

Names are compared as the reader decodes them, so `/J#61vaScript` is `/JavaScript`. Every
object of every revision is checked, so an incremental update adding a feature is refused as
well. `pdf_disarmed` writes the copy staff and parties view: only the objects the current
catalog reaches, one revision, without any key outside the catalog's list."""

import io
from collections.abc import Iterator
from typing import Any

CATALOG_KEYS = frozenset(
    {
        "/Type", "/Version", "/Extensions", "/Pages", "/PageLabels", "/Names", "/Dests",
        "/ViewerPreferences", "/PageLayout", "/PageMode", "/Outlines", "/Threads",
        "/OpenAction", "/AcroForm", "/Metadata", "/StructTreeRoot", "/MarkInfo", "/Lang",
        "/OutputIntents", "/PieceInfo", "/OCProperties", "/Perms", "/Legal", "/DSS",
    }
)  # fmt: skip
NAME_TREE_KEYS = frozenset({"/Dests"})
PAGE_KEYS = frozenset(
    {
        "/Type", "/Parent", "/LastModified", "/Resources", "/MediaBox", "/CropBox",
        "/BleedBox", "/TrimBox", "/ArtBox", "/BoxColorInfo", "/Contents", "/Rotate", "/Group",
        "/Thumb", "/B", "/Dur", "/Trans", "/Annots", "/Metadata", "/PieceInfo",
        "/StructParents", "/ID", "/PZ", "/SeparationInfo", "/Tabs", "/UserUnit", "/VP",
    }
)  # fmt: skip
ANNOTATION_KINDS = frozenset(
    {
        "/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine",
        "/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Stamp", "/Caret", "/Ink",
        "/Popup", "/Widget", "/Redact", "/Watermark", "/PrinterMark",
    }
)  # fmt: skip
XOBJECT_KINDS = frozenset({"/Image", "/Form"})
ACTION_KINDS = frozenset({"/GoTo"})

# Keys that bring active or attached content wherever they appear, and what each is.
REFUSED_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/AA": "aksi otomatis (/AA)",
    "/EmbeddedFiles": "berkas tersemat (/EmbeddedFiles)",
    "/EF": "berkas tersemat (/EF)",
    "/AF": "berkas terkait (/AF)",
    "/XFA": "formulir XFA (/XFA)",
    "/RichMediaContent": "media kaya (/RichMedia)",
    "/RichMediaSettings": "media kaya (/RichMedia)",
    "/RichMediaExecute": "media kaya (/RichMedia)",
}
# Object types that are active or attached content by themselves.
REFUSED_TYPES = {
    "/EmbeddedFile": "berkas tersemat (/EmbeddedFile)",
    "/Filespec": "rujukan berkas (/Filespec)",
    "/RichMediaContent": "media kaya (/RichMedia)",
}
# Every action type of ISO 32000-2 but the plain go-to; `/S` with one of these values marks an
# action dictionary wherever it appears (no other dictionary uses these values for `/S`).
ACTION_TYPE_NAMES = frozenset(
    {
        "/GoTo", "/GoToR", "/GoToE", "/GoToDp", "/Launch", "/Thread", "/URI", "/Sound",
        "/Movie", "/Hide", "/Named", "/SubmitForm", "/ResetForm", "/ImportData",
        "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript", "/ECMAScript",
        "/RichMediaExecute",
    }
)  # fmt: skip
# Keys whose value is an action.
_ACTION_SLOTS = ("/A", "/Next")


class PdfFeatureRefused(Exception):
    """A feature outside the rule; `feature` names it in Indonesian."""

    def __init__(self, feature: str) -> None:
        super().__init__(feature)
        self.feature = feature


def _dictionaries(value: Any, depth: int = 0) -> Iterator[Any]:
    """Every dictionary in a direct object, nested ones included (references are not followed:
    each indirect object is visited on its own)."""
    from pyhanko.pdf_utils import generic

    if depth > 64:
        raise PdfFeatureRefused("struktur bersarang terlalu dalam")
    if isinstance(value, generic.DictionaryObject):
        yield value
        for item in value.values():
            yield from _dictionaries(item, depth + 1)
    elif isinstance(value, generic.ArrayObject):
        for item in value:
            yield from _dictionaries(item, depth + 1)


def _resolved(value: Any) -> Any:
    from pyhanko.pdf_utils import generic

    return value.get_object() if isinstance(value, generic.IndirectObject) else value


def _action_check(action: Any) -> None:
    from pyhanko.pdf_utils import generic

    action = _resolved(action)
    if isinstance(action, generic.ArrayObject):
        for item in action:
            _action_check(item)
        return
    if not isinstance(action, generic.DictionaryObject):
        raise PdfFeatureRefused("aksi yang tidak dikenal")
    kind = str(action.get("/S", ""))
    if kind not in ACTION_KINDS:
        raise PdfFeatureRefused(f"aksi {kind or 'tanpa jenis'}")


def _only_keys(dictionary: Any, allowed: frozenset[str], where: str) -> None:
    for key in dictionary:
        if str(key) in REFUSED_KEYS:
            raise PdfFeatureRefused(REFUSED_KEYS[str(key)])
        if str(key) not in allowed:
            raise PdfFeatureRefused(f"{key} pada {where}")


def dictionary_check(dictionary: Any) -> None:
    """One dictionary against the rule (a stream's dictionary included)."""
    from pyhanko.pdf_utils import generic

    for key in dictionary:
        if str(key) in REFUSED_KEYS:
            raise PdfFeatureRefused(REFUSED_KEYS[str(key)])
    kind = str(dictionary.get("/Type", ""))
    subtype = str(dictionary.get("/Subtype", ""))
    if kind in REFUSED_TYPES:
        raise PdfFeatureRefused(REFUSED_TYPES[kind])
    if kind == "/Action" or str(dictionary.get("/S", "")) in ACTION_TYPE_NAMES:
        _action_check(dictionary)
    for slot in _ACTION_SLOTS:
        if slot in dictionary:
            _action_check(dictionary[slot])
    if "/OpenAction" in dictionary:
        opening = _resolved(dictionary["/OpenAction"])
        if not isinstance(opening, generic.ArrayObject):  # a destination is a plain view
            raise PdfFeatureRefused(
                f"aksi pembuka (/OpenAction) {opening.get('/S', '')}".rstrip()
                if isinstance(opening, generic.DictionaryObject)
                else "aksi pembuka (/OpenAction)"
            )
    if kind == "/Catalog":
        _only_keys(dictionary, CATALOG_KEYS, "katalog dokumen")
        names = _resolved(dictionary.get("/Names"))
        if isinstance(names, generic.DictionaryObject):
            _only_keys(names, NAME_TREE_KEYS, "pohon nama (/Names)")
    elif kind == "/Page":
        _only_keys(dictionary, PAGE_KEYS, "halaman")
        for annotation in _resolved(dictionary.get("/Annots")) or []:
            annotation = _resolved(annotation)
            if isinstance(annotation, generic.DictionaryObject):
                _annotation_check(annotation)
    if kind == "/Annot":
        _annotation_check(dictionary)
    if (kind == "/XObject" or subtype == "/PS") and subtype not in XOBJECT_KINDS:
        raise PdfFeatureRefused(f"XObject {subtype or 'tanpa jenis'}")


def _annotation_check(annotation: Any) -> None:
    subtype = str(annotation.get("/Subtype", ""))
    if subtype not in ANNOTATION_KINDS:
        raise PdfFeatureRefused(f"anotasi {subtype or 'tanpa jenis'}")


def pdf_objects(reader: Any) -> Iterator[Any]:
    """Every object of every revision as that revision wrote it, and each revision's trailer
    and catalog (so a feature added by an incremental update, or replaced by a later one, is
    still seen)."""
    from pyhanko.pdf_utils import generic

    for revision in range(reader.xrefs.total_revisions):
        resolver = reader.get_historical_resolver(revision)
        yield resolver.trailer_view
        root = _resolved(resolver.trailer_view.get("/Root"))
        if isinstance(root, generic.DictionaryObject) and "/Type" not in root:
            root = generic.DictionaryObject({**root, generic.NameObject("/Type"): "/Catalog"})
        yield root
        for ref in reader.xrefs.explicit_refs_in_revision(revision):
            yield resolver.get_object(ref)


def features_check(reader: Any) -> None:
    """Raise PdfFeatureRefused naming the first feature outside the rule."""
    for obj in pdf_objects(reader):
        for dictionary in _dictionaries(obj):
            dictionary_check(dictionary)


def pdf_disarmed(content: bytes) -> bytes:
    """The copy shown to staff and parties: the objects the current catalog reaches, written
    again as one revision (earlier revisions, orphaned objects and anything after the last
    `%%EOF` are left behind), the catalog keeping only the keys of the rule, and no action left
    anywhere (`/OpenAction`, `/AA` and `/Next` dropped, a go-to link kept as its destination)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    reader = PdfFileReader(io.BytesIO(content), strict=False)
    writer = copy_into_new_writer(reader)
    root = writer.root
    for key in list(root):
        if str(key) not in CATALOG_KEYS or str(key) == "/OpenAction":
            del root[key]
    _actions_removed(root, set())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _actions_removed(value: Any, seen: set[Any], depth: int = 0) -> None:
    """Drop every action from the objects `value` reaches (each indirect object once)."""
    from pyhanko.pdf_utils import generic

    if isinstance(value, generic.IndirectObject):
        if value.reference in seen:
            return
        seen.add(value.reference)
        value = value.get_object()
    if depth > 64:
        return
    if isinstance(value, generic.DictionaryObject):
        action = _resolved(value.get("/A"))
        if isinstance(action, generic.DictionaryObject) and "/D" in action:
            value[generic.NameObject("/Dest")] = action["/D"]
        for key in ("/A", "/AA", "/Next", "/OpenAction", *REFUSED_KEYS):
            value.pop(generic.NameObject(key), None)
        for key, item in list(value.items()):
            if str(key) != "/Parent":
                _actions_removed(item, seen, depth + 1)
    elif isinstance(value, generic.ArrayObject):
        for item in value:
            _actions_removed(item, seen, depth + 1)
