from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from autentika.core.registry import counter_providers
from autentika.organization.middleware import OfficeRequest
from autentika.organization.selectors import user_active_assignments


@login_required
def home(request: OfficeRequest) -> HttpResponse:
    office = request.office
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
        },
    )
