from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _, ngettext
from simple_history.admin import SimpleHistoryAdmin

from commitments import restatements, review
from commitments.models import (
    Commitment, CommitmentRecommendation, Deadline, Event, Mention, ReviewState, SuggestedCommitment,
)
from commitments.overdue import refresh_deadline


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.flagged_overdue()
        if self.value() == "no":
            return queryset.not_flagged_overdue()
        return queryset


class MinisterFilter(admin.SimpleListFilter):
    title = _("minister")
    parameter_name = "minister"

    def lookups(self, request, model_admin):
        from transcripts.models import Person

        people = Person.objects.filter(commitments__isnull=False).distinct().order_by("name")
        return [(person.pk, person.name) for person in people]

    def queryset(self, request, queryset):
        return queryset.filter(made_by_id=self.value()) if self.value() else queryset


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0
    fields = ["text", "earliest", "latest", "stated_on", "stated_in", "line", "review_state", "is_current"]
    readonly_fields = ["is_current"]
    raw_id_fields = ["stated_in"]


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    fields = ["speech", "line", "signal", "score", "review_state", "quote"]
    readonly_fields = ["speech", "line", "score", "quote"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speech__document")


class RecommendationLinkInline(admin.TabularInline):
    model = CommitmentRecommendation
    extra = 0
    fields = ["recommendation", "reason", "score", "review_state"]
    readonly_fields = ["score"]
    autocomplete_fields = ["recommendation"]


def _confirmed_message(request, count: int, verb: str) -> None:
    messages.success(request, ngettext("%(count)d record %(verb)s.", "%(count)d records %(verb)s.", count)
                     % {"count": count, "verb": verb})


class CommitmentAdminBase(SimpleHistoryAdmin):
    list_display = ["title", "made_by", "made_on", "status", "review_state", "current_deadline_latest",
                    "overdue_since", "confidence", "mention_total"]
    list_filter = ["status", MinisterFilter, "policy_field", OverdueFilter, "review_state", "strength"]
    search_fields = ["title", "quote", "made_by__name"]
    list_select_related = ["made_by", "policy_field", "overdue_flag"]
    autocomplete_fields = ["made_by", "policy_field"]
    raw_id_fields = ["speech"]
    readonly_fields = ["quote", "line", "source", "quote_in_context", "confidence", "reasons", "same_promise",
                       "current_deadline_latest", "overdue_since", "reviewed_by", "reviewed_at"]
    fieldsets = [
        (None, {"fields": ["title", "policy_field", "strength", "status", "review_state", "review_note"]}),
        (_("Source"), {"fields": ["made_by", "made_on", "speech", "source", "line", "quote", "quote_in_context"]}),
        (_("Extraction"), {"fields": ["confidence", "reasons", "same_promise"]}),
        (_("Deadline"), {"fields": ["current_deadline_latest", "overdue_since"]}),
        (_("Review"), {"fields": ["reviewed_by", "reviewed_at"]}),
    ]
    inlines = [DeadlineInline, MentionInline, RecommendationLinkInline]
    actions = ["confirm", "reject", "mark_fulfilled", "merge_restatement"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            mention_total=Count("mentions", filter=~Q(mentions__review_state=ReviewState.REJECTED))
        )

    @admin.display(description=_("overdue since"), ordering="overdue_flag__since")
    def overdue_since(self, obj):
        return obj.overdue_since

    @admin.display(description=_("mentions"), ordering="mention_total")
    def mention_total(self, obj):
        return obj.mention_total

    @admin.display(description=_("source document"))
    def source(self, obj):
        if not obj.speech_id:
            return "-"
        return f"{obj.speech.document.title}, {_('line')} {obj.line}"

    @admin.display(description=_("quote in context"))
    def quote_in_context(self, obj):
        if not obj.speech_id:
            return "-"
        rows = review.quote_context(obj.speech.document.raw_text, obj.line)
        return format_html(
            '<pre style="white-space: pre-wrap">{}</pre>',
            format_html_join(
                "\n", "{}{:>6}  {}", ((("→ " if hit else "  "), n, text) for n, text, hit in rows)
            ),
        )

    @admin.display(description=_("the same promise"))
    def same_promise(self, obj):
        """Where the extractor read this as a promise said twice in the meeting (restatements.py)."""
        related = [(_("restates"), obj.restates)] if obj.restates_id else []
        related += [(_("restated by"), other) for other in obj.restated_by.all()]
        if not related:
            return "-"
        return format_html_join(
            mark_safe("<br>"), '{} <a href="{}">{}, {} {}</a> ({})',
            (
                (label, reverse("admin:commitments_commitment_change", args=[other.pk]), other.title, _("line"),
                 other.line, other.get_review_state_display())
                for label, other in related
            ),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data:
            review.record_status_change(obj, form.initial["status"], timezone.localdate())

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A deadline added or edited in the inline may change which one is current; this also
        # writes the deadline_moved event and brings the overdue flag in line at once.
        refresh_deadline(form.instance, timezone.localdate())

    @admin.action(description=_("Confirm the selected commitments"), permissions=["change"])
    def confirm(self, request, queryset):
        now = timezone.now()
        for commitment in queryset:
            review.confirm_commitment(commitment, request.user, now)
        _confirmed_message(request, len(queryset), _("confirmed"))

    @admin.action(description=_("Reject the selected commitments"), permissions=["change"])
    def reject(self, request, queryset):
        now = timezone.now()
        for commitment in queryset:
            review.reject_commitment(commitment, request.user, now)
        _confirmed_message(request, len(queryset), _("rejected"))

    @admin.action(
        description=_("Merge the selected commitments into the one they restate (or that restates them)"),
        permissions=["change"],
    )
    def merge_restatement(self, request, queryset):
        now = timezone.now()
        merged = skipped = 0
        for commitment in queryset.select_related("restates"):
            keeper = restatements.merge_target(commitment)
            if keeper is None or commitment.review_state == ReviewState.REJECTED:
                skipped += 1
                continue
            restatements.merge_into(commitment, keeper, request.user, now)
            merged += 1
        if merged:
            _confirmed_message(request, merged, _("merged and rejected"))
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d commitment restates no other commitment that stands; left as it was.",
                    "%(count)d commitments restate no other commitment that stands; left as they were.",
                    skipped,
                ) % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Mark the selected commitments fulfilled"), permissions=["change"])
    def mark_fulfilled(self, request, queryset):
        today = timezone.localdate()
        changed = sum(
            review.set_status(c, Commitment.Status.FULFILLED, request.user, today) for c in queryset
        )
        _confirmed_message(request, changed, _("marked fulfilled"))


@admin.register(Commitment)
class CommitmentAdmin(CommitmentAdminBase):
    pass


@admin.register(SuggestedCommitment)
class ReviewQueueAdmin(CommitmentAdminBase):
    """The extractor's suggestions, most confident first, each with its quote in context."""

    list_display = ["title", "made_by", "made_on", "confidence", "strength", "current_deadline_latest",
                    "quote_excerpt"]
    list_filter = [MinisterFilter, "strength", "policy_field"]
    ordering = ["-confidence", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).review_queue()

    @admin.display(description=_("quote"))
    def quote_excerpt(self, obj):
        return obj.quote[:160]


@admin.register(Mention)
class MentionAdmin(SimpleHistoryAdmin):
    list_display = ["commitment", "speech", "line", "signal", "score", "review_state"]
    list_filter = ["signal", "review_state"]
    search_fields = ["quote", "commitment__title"]
    list_select_related = ["commitment", "speech__document"]
    raw_id_fields = ["speech", "commitment"]
    readonly_fields = ["score", "matched_terms", "quote", "line", "reviewed_by", "reviewed_at"]
    actions = ["confirm", "reject"]

    @admin.action(description=_("Confirm the selected mentions"), permissions=["change"])
    def confirm(self, request, queryset):
        now = timezone.now()
        for mention in queryset:
            review.confirm_mention(mention, request.user, now)
        _confirmed_message(request, len(queryset), _("confirmed"))

    @admin.action(description=_("Reject the selected mentions"), permissions=["change"])
    def reject(self, request, queryset):
        now = timezone.now()
        for mention in queryset:
            review.reject_mention(mention, request.user, now)
        _confirmed_message(request, len(queryset), _("rejected"))


@admin.register(Deadline)
class DeadlineAdmin(SimpleHistoryAdmin):
    list_display = ["commitment", "text", "earliest", "latest", "stated_on", "is_current", "review_state"]
    list_filter = ["review_state", "is_current"]
    search_fields = ["text", "commitment__title"]
    list_select_related = ["commitment"]
    raw_id_fields = ["commitment", "stated_in", "source_mention"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_deadline(obj.commitment, timezone.localdate())

    # Deleting the current deadline makes the one stated before it current again (with its
    # deadline_moved event and the overdue flag in line), as an edit in the inline does.
    def delete_model(self, request, obj):
        commitment = obj.commitment
        super().delete_model(request, obj)
        refresh_deadline(commitment, timezone.localdate())

    def delete_queryset(self, request, queryset):
        commitments = list(Commitment.objects.filter(pk__in=queryset.values("commitment")))
        super().delete_queryset(request, queryset)
        today = timezone.localdate()
        for commitment in commitments:
            refresh_deadline(commitment, today)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["commitment", "kind", "happened_on", "created_at", "processed_at"]
    list_filter = ["kind", "happened_on"]
    list_select_related = ["commitment"]
    raw_id_fields = ["commitment"]

    def has_change_permission(self, request, obj=None):
        return False  # events are the record of what happened
