"""Subscribe, confirm and unsubscribe pages. Thin: they parse the request and call subscriptions.py."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import select_template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from following import subscriptions
from following.forms import SubscribeForm
from following.models import Subscription


def _render(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    # The site's base.html (the dashboard's) when there is one, a plain page otherwise.
    context["base_template"] = select_template(["base.html", "following/standalone.html"])
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            subscription = subscriptions.subscribe(form.cleaned_data["email"], form.followed, timezone.now())
            if subscription.confirmed_at is None and subscription.confirmation_sent_at is None:
                form.add_error(None, _("We could not send the confirmation mail just now. Please try again later."))
                return _render(request, "following/subscribe.html", {"form": form}, status=503)
            # The same page whether the address was new, pending or confirmed already.
            return _render(request, "following/subscribe_sent.html",
                           {"email": subscription.email, "followed": subscription.followed})
        return _render(request, "following/subscribe.html", {"form": form}, status=400)
    form = SubscribeForm(initial=SubscribeForm.initial_from_query(request.GET))
    return _render(request, "following/subscribe.html", {"form": form})


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button and POST confirms, so a mail scanner that follows links confirms nothing."""
    subscription = get_object_or_404(Subscription, token=token)
    if request.method == "POST" and subscription.unsubscribed_at is None:
        subscriptions.confirm(subscription, timezone.now())
    return _render(request, "following/confirm.html", {"subscription": subscription,
                                                       "followed": subscription.followed})


@csrf_exempt  # RFC 8058 one-click POSTs come from mail clients without a CSRF token; the token is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for one click; POST (the button, or a mail client's List-Unsubscribe-Post) unsubscribes."""
    subscription = get_object_or_404(Subscription, token=token)
    if request.method == "POST":
        subscriptions.unsubscribe(subscription, timezone.now())
    return _render(request, "following/unsubscribe.html", {"subscription": subscription,
                                                           "followed": subscription.followed})
