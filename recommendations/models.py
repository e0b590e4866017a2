"""ABB's numbered policy recommendations and the policy fields they belong to."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PolicyField(models.Model):
    """A policy field ('Binnenlands bestuur', 'Stedenbeleid'): a part of the ABB bundle, and the
    field a commitment belongs to."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("policy field")
        verbose_name_plural = _("policy fields")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name)[:200] or "field"
        super().save(*args, **kwargs)

    @classmethod
    def named(cls, name: str) -> PolicyField:
        field, _created = cls.objects.get_or_create(name=name.strip(), defaults={"slug": slugify(name)[:200]})
        return field


class RecommendationQuerySet(models.QuerySet):
    def public(self) -> RecommendationQuerySet:
        # ABB publishes its bundle: every recommendation parsed from it is public.
        return self

    def in_field(self, policy_field: PolicyField) -> RecommendationQuerySet:
        return self.filter(policy_field=policy_field)


class Recommendation(models.Model):
    class Kind(models.TextChoices):
        PRIORITY = "priority", _("Priority policy recommendation")
        DEBATE_CONCLUSION = "debate_conclusion", _("Conclusion of the debate")
        DEBATE_RECOMMENDATION = "debate_recommendation", _("Recommendation from the debate")
        ABB_RECOMMENDATION = "abb_recommendation", _("ABB recommendation")

    document = models.ForeignKey(
        "transcripts.Document", on_delete=models.CASCADE, related_name="recommendations",
        verbose_name=_("source document"),
    )
    policy_field = models.ForeignKey(
        PolicyField, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("policy field")
    )
    section = models.CharField(_("section"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    number = models.CharField(
        _("number"), max_length=50, help_text=_("Its number in the document, unique within it.")
    )
    text = models.TextField(_("text"))
    addressee = models.CharField(_("addressee"), max_length=200, blank=True)
    line = models.PositiveIntegerField(_("line"), help_text=_("First line in the source document."))

    # What a search box matches (tracker.search); on PostgreSQL the migration 0002 indexes them.
    SEARCH_FIELDS = ("text", "section")

    history = HistoricalRecords()
    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["document", "line"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="recommendation_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"
