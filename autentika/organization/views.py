from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from autentika.core.permissions import Action
from autentika.core.registry import counter_providers, landing_for
from autentika.organization.access import user_may
from autentika.organization.middleware import OfficeRequest
from autentika.organization.selectors import user_active_assignments


@login_required
def home(request: OfficeRequest) -> HttpResponse:
    office = request.office
    if office is None and (landing := landing_for(request.user)):
        return redirect(landing)
    counters = (
        [counter for provider in counter_providers() for counter in provider(request.user, office)]
        if office
        else []
    )
    return render(
        request,
        "core/home.html",
        {
            "assignments": user_active_assignments(user=request.user, office=office),
            "counters": counters,
            "may_manage_office": bool(office)
            and user_may(request.user, Action.OFFICE_MANAGE, office=office),
        },
    )
