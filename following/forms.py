"""The subscription form: an address and one thing to follow."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment
from following.models import Subscription
from recommendations.models import PolicyField
from transcripts.models import Person


def ministers_with_commitments():
    return Person.objects.filter(Exists(Commitment.objects.public().filter(made_by=OuterRef("pk")))).order_by("name")


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send a link to confirm; nothing is sent before you click it."),
    )
    target = forms.ChoiceField(
        label=_("Follow"), choices=Subscription.Target.choices, widget=forms.RadioSelect,
        initial=Subscription.Target.MINISTER,
    )
    minister = forms.ModelChoiceField(
        label=_("Minister"), queryset=Person.objects.none(), to_field_name="slug", required=False,
        empty_label=_("Choose a minister"),
    )
    policy_field = forms.ModelChoiceField(
        label=_("Policy field"), queryset=PolicyField.objects.order_by("name"), to_field_name="slug",
        required=False, empty_label=_("Choose a policy field"),
    )
    commitment = forms.ModelChoiceField(
        label=_("Commitment number"), queryset=Commitment.objects.public(), required=False,
        widget=forms.NumberInput, help_text=_("The number in the commitment's web address."),
        error_messages={"invalid_choice": _("There is no published commitment with that number.")},
    )

    # target -> the field that must then be filled
    FIELD_FOR_TARGET = {
        Subscription.Target.MINISTER: "minister",
        Subscription.Target.POLICY_FIELD: "policy_field",
        Subscription.Target.COMMITMENT: "commitment",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minister"].queryset = ministers_with_commitments()

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target in self.FIELD_FOR_TARGET:
            field = self.FIELD_FOR_TARGET[target]
            if not cleaned.get(field) and field not in self.errors:
                self.add_error(field, _("Choose what to follow."))
        return cleaned

    @property
    def followed(self):
        """The Person, PolicyField or Commitment chosen (after is_valid())."""
        return self.cleaned_data[self.FIELD_FOR_TARGET[self.cleaned_data["target"]]]

    @classmethod
    def initial_from_query(cls, query) -> dict:
        """Prefill from links on the dashboard: ?minister=<slug>, ?field=<slug> or ?commitment=<pk>."""
        if query.get("commitment"):
            return {"target": Subscription.Target.COMMITMENT, "commitment": query["commitment"]}
        if query.get("field"):
            return {"target": Subscription.Target.POLICY_FIELD, "policy_field": query["field"]}
        if query.get("minister"):
            return {"target": Subscription.Target.MINISTER, "minister": query["minister"]}
        return {}
