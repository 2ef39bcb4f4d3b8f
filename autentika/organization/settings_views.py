"""Pengaturan kantor: `/kantor/<code>/pengaturan/` and the forms posted from it. Thin: the
forms shape the input, the services decide; a refused form is shown again (HTTP 400) with
every value and each message at its field."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from autentika.core.forms import form_errors_add
from autentika.core.permissions import PERMISSIONS, Action
from autentika.core.uploads import Upload
from autentika.organization import settings_services, structure_services
from autentika.organization.access import user_may
from autentika.organization.models import Assignment, Chain, ChainPurpose, Office, Position
from autentika.organization.settings_forms import (
    AssignmentForm,
    ChainForm,
    OfficeLogoForm,
    OfficeProfileForm,
    PositionForm,
)

View = Callable[..., HttpResponse]


def office_managed(view: View) -> View:
    """Login, and `Action.OFFICE_MANAGE` in the office named by the address's code."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, code: str, *args: Any, **kwargs: Any) -> HttpResponse:
        office = get_object_or_404(Office, code=code)
        if not user_may(request.user, Action.OFFICE_MANAGE, office=office):
            raise PermissionDenied(
                f"Anda tidak berwenang: {PERMISSIONS[Action.OFFICE_MANAGE].description.lower()}."
            )
        return view(request, office, *args, **kwargs)

    return wrapped


@login_required
def settings_current(request: HttpRequest) -> HttpResponse:
    """The navigation's entry: the settings of the user's current office."""
    office = getattr(request, "office", None)
    if office is None:
        raise Http404("Anda belum memegang jabatan di kantor mana pun.")
    return redirect("organization:settings", code=office.code)


def _chain_positions(office: Office, purpose: str) -> list[Position]:
    chain = Chain.objects.filter(office=office, purpose=purpose).first()
    if chain is None:
        return []
    return [link.position for link in chain.links.select_related("position").order_by("order")]


def _chain_form(office: Office, purpose: str, data: Any = None) -> ChainForm:
    chain = Chain.objects.filter(office=office, purpose=purpose).first()
    return ChainForm(
        data,
        office=office,
        purpose=purpose,
        current=_chain_positions(office, purpose),
        initial={"allow_skip": chain.allow_skip if chain else False},
    )


def _page(request: HttpRequest, office: Office, *, status: int = 200, **forms: Any) -> HttpResponse:
    chain_forms = {purpose: _chain_form(office, purpose) for purpose in ChainPurpose.values}
    chain_forms.update(forms.pop("chain_forms", {}))
    context = {
        "office": office,
        "profile_form": OfficeProfileForm.for_office(office),
        "logo_form": OfficeLogoForm(),
        "position_form": PositionForm(office=office),
        "assignment_form": AssignmentForm(office=office),
        **forms,  # the refused one, bound, in place of its empty form
        "chain_forms": [chain_forms[purpose] for purpose in ChainPurpose.values],
        "positions": Position.objects.filter(office=office).select_related("reports_to"),
        "assignments": Assignment.objects.filter(position__office=office)
        .select_related("user", "position")
        .order_by("position__id", "-starts_on"),
    }
    return render(request, "organization/settings.html", context, status=status)


def _done(request: HttpRequest, office: Office, message: str, anchor: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(reverse("organization:settings", args=[office.code]) + f"#{anchor}")


def _attempt(form: Any, call: Callable[[dict[str, Any]], Any]) -> bool:
    """Run the service with the form's values; its refusal lands on the form, at its fields."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        if isinstance(form, ChainForm):
            form.errors_add(error)
        else:
            form_errors_add(form, error)
        return False
    return True


def _edit_page(
    request: HttpRequest, template: str, context: dict[str, Any], *, refused: bool
) -> HttpResponse:
    return render(request, template, context, status=400 if refused else 200)


@office_managed
def settings_page(request: HttpRequest, office: Office) -> HttpResponse:
    return _page(request, office)


@require_POST
@office_managed
def profile_change(request: HttpRequest, office: Office) -> HttpResponse:
    form = OfficeProfileForm.for_office(office, request.POST)
    if _attempt(
        form,
        lambda data: settings_services.office_profile_change(
            office=office, actor=request.user, **data
        ),
    ):
        return _done(request, office, "Profil kantor disimpan.", "profil")
    return _page(request, office, status=400, profile_form=form)


@require_POST
@office_managed
def logo_change(request: HttpRequest, office: Office) -> HttpResponse:
    form = OfficeLogoForm(request.POST, request.FILES)
    if _attempt(
        form,
        lambda data: settings_services.office_logo_change(
            office=office,
            actor=request.user,
            upload=Upload(data["logo"].name, data["logo"].read()),
        ),
    ):
        return _done(request, office, "Logo kantor disimpan.", "logo")
    return _page(request, office, status=400, logo_form=form)


@require_POST
@office_managed
def logo_remove(request: HttpRequest, office: Office) -> HttpResponse:
    settings_services.office_logo_remove(office=office, actor=request.user)
    return _done(request, office, "Logo kantor dihapus; kop surat tercetak tanpa logo.", "logo")


@require_POST
@office_managed
def position_create(request: HttpRequest, office: Office) -> HttpResponse:
    form = PositionForm(request.POST, office=office)
    if _attempt(
        form,
        lambda data: structure_services.position_create(office=office, actor=request.user, **data),
    ):
        return _done(request, office, f"Jabatan {form.cleaned_data['title']} dibuat.", "jabatan")
    return _page(request, office, status=400, position_form=form)


@office_managed
def position_change(request: HttpRequest, office: Office, pk: int) -> HttpResponse:
    position = get_object_or_404(Position, pk=pk, office=office)
    form = PositionForm.for_position(position, request.POST or None)
    posted = request.method == "POST"
    if posted and _attempt(
        form,
        lambda data: structure_services.position_change(
            position=position, actor=request.user, **data
        ),
    ):
        return _done(request, office, f"Jabatan {form.cleaned_data['title']} disimpan.", "jabatan")
    context = {"office": office, "position": position, "form": form}
    return _edit_page(request, "organization/position_form.html", context, refused=posted)


@require_POST
@office_managed
def assignment_create(request: HttpRequest, office: Office) -> HttpResponse:
    form = AssignmentForm(request.POST, office=office)
    if _attempt(
        form,
        lambda data: structure_services.assignment_add(office=office, actor=request.user, **data),
    ):
        return _done(request, office, "Penugasan dicatat.", "penugasan")
    return _page(request, office, status=400, assignment_form=form)


@office_managed
def assignment_change(request: HttpRequest, office: Office, pk: int) -> HttpResponse:
    assignment = get_object_or_404(
        Assignment.objects.select_related("user", "position"), pk=pk, position__office=office
    )
    initial = {
        name: getattr(assignment, name)
        for name in ("kind", "starts_on", "ends_on", "decree_reference")
    }
    form = AssignmentForm(request.POST or None, office=office, editing=True, initial=initial)
    posted = request.method == "POST"
    if posted and _attempt(
        form,
        lambda data: structure_services.assignment_change(
            assignment=assignment, actor=request.user, **data
        ),
    ):
        return _done(request, office, "Penugasan disimpan.", "penugasan")
    context = {"office": office, "assignment": assignment, "form": form}
    return _edit_page(request, "organization/assignment_form.html", context, refused=posted)


@require_POST
@office_managed
def chain_change(request: HttpRequest, office: Office, purpose: str) -> HttpResponse:
    if purpose not in ChainPurpose.values:
        raise Http404("Alur tidak dikenal.")
    form = _chain_form(office, purpose, request.POST)
    if _attempt(
        form,
        lambda data: structure_services.chain_change(
            office=office,
            actor=request.user,
            purpose=purpose,
            positions=form.positions(),
            allow_skip=data["allow_skip"],
        ),
    ):
        label = ChainPurpose(purpose).label.lower()
        return _done(request, office, f"Alur {label} disimpan.", f"alur-{purpose}")
    return _page(request, office, status=400, chain_forms={purpose: form})
