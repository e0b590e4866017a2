"""The filters of the public lists, read from GET parameters so that a filtered view can be shared.

Each filter is a form: it validates what a visitor typed in the address bar, and its fields carry
the labels the page shows. A value the form rejects is ignored (and reported on the page), the
other filters still apply.
"""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment, CommitmentRecommendation
from recommendations.models import PolicyField, Recommendation
from tracker.search import full_text_filter
from transcripts.models import Person

DUE_SOON_DAYS = 90  # "deadlines in the next 90 days" on the overview and in the filter


def ministers_with_public_commitments() -> QuerySet[Person]:
    return Person.objects.filter(Exists(Commitment.objects.public().filter(made_by=OuterRef("pk")))).order_by(
        "name"
    )


class CommitmentFilter(forms.Form):
    DEADLINE_CHOICES = [
        ("", _("Any deadline")),
        ("overdue", _("Overdue now")),
        ("soon", _("Due in the next 90 days")),
        ("none", _("No deadline")),
    ]
    SORT_CHOICES = [
        ("made", _("Newest first")),
        ("deadline", _("Earliest deadline first")),
    ]

    q = forms.CharField(label=_("Words in the title or quote"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False)
    minister = forms.ChoiceField(label=_("Minister"), required=False)
    field = forms.ChoiceField(label=_("Policy field"), required=False)
    deadline = forms.ChoiceField(label=_("Deadline"), required=False, choices=DEADLINE_CHOICES)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORT_CHOICES)

    def __init__(self, data=None, *, fixed: tuple[str, ...] = ()):
        """`fixed` names filters the page itself sets (a minister page fixes the minister)."""
        super().__init__(data)
        for name in fixed:
            del self.fields[name]
        if "status" in self.fields:
            self.fields["status"].choices = [("", _("Any status")), *Commitment.Status.choices]
        if "minister" in self.fields:
            self.fields["minister"].choices = [("", _("Any minister"))] + [
                (person.slug, person.name) for person in ministers_with_public_commitments()
            ]
        if "field" in self.fields:
            self.fields["field"].choices = [("", _("Any policy field"))] + [
                (field.slug, field.name) for field in PolicyField.objects.order_by("name")
            ]

    def values(self) -> dict:
        """The valid filters, empty ones left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def apply(self, queryset: QuerySet[Commitment], today: datetime.date) -> QuerySet[Commitment]:
        chosen = self.values()
        if chosen.get("status"):
            queryset = queryset.filter(status=chosen["status"])
        if chosen.get("minister"):
            queryset = queryset.filter(made_by__slug=chosen["minister"])
        if chosen.get("field"):
            queryset = queryset.filter(policy_field__slug=chosen["field"])
        deadline = chosen.get("deadline")
        if deadline == "overdue":
            queryset = queryset.overdue(today)
        elif deadline == "soon":
            queryset = queryset.due_between(today, today + datetime.timedelta(days=DUE_SOON_DAYS))
        elif deadline == "none":
            queryset = queryset.filter(current_deadline_latest__isnull=True)
        if chosen.get("q"):
            queryset = full_text_filter(queryset, chosen["q"])
        if chosen.get("sort") == "deadline":
            return queryset.order_by("current_deadline_latest", "id")
        return queryset.order_by("-made_on", "line", "id")  # the model's own order, newest first


class RecommendationFilter(forms.Form):
    TAKEN_CHOICES = [
        ("", _("Taken up or not")),
        ("yes", _("Taken up by a commitment")),
        ("no", _("Not taken up by any commitment")),
    ]

    q = forms.CharField(label=_("Words in the recommendation"), required=False, max_length=200)
    field = forms.ChoiceField(label=_("Policy field"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    taken = forms.ChoiceField(label=_("Taken up"), required=False, choices=TAKEN_CHOICES)

    def __init__(self, data=None, *, fixed: tuple[str, ...] = ()):
        super().__init__(data)
        for name in fixed:
            del self.fields[name]
        if "field" in self.fields:
            self.fields["field"].choices = [("", _("Any policy field"))] + [
                (field.slug, field.name) for field in PolicyField.objects.order_by("name")
            ]
        if "kind" in self.fields:
            self.fields["kind"].choices = [("", _("Any kind")), *Recommendation.Kind.choices]

    def values(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def apply(self, queryset: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
        chosen = self.values()
        if chosen.get("field"):
            queryset = queryset.filter(policy_field__slug=chosen["field"])
        if chosen.get("kind"):
            queryset = queryset.filter(kind=chosen["kind"])
        if chosen.get("taken") == "yes":
            queryset = queryset.filter(taken_up=True)
        elif chosen.get("taken") == "no":
            queryset = queryset.filter(taken_up=False)
        if chosen.get("q"):
            queryset = full_text_filter(queryset, chosen["q"])
        return queryset


def with_taken_up(queryset: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    """Annotate `taken_up`: some confirmed commitment takes the recommendation up."""
    return queryset.annotate(
        taken_up=Exists(CommitmentRecommendation.objects.public().filter(recommendation=OuterRef("pk")))
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
