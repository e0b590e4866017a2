from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _, ngettext

from following.models import MAX_FAILED_ATTEMPTS, Delivery, Subscription


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("pending", _("Waiting for confirmation")),
            ("active", _("Active")),
            ("set_aside", _("Set aside after failed mail")),
            ("unsubscribed", _("Unsubscribed")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "pending":
            return queryset.pending()
        if value == "active":
            return queryset.active()
        if value == "set_aside":
            return queryset.confirmed().filter(failed_attempts__gte=MAX_FAILED_ATTEMPTS)
        if value == "unsubscribed":
            return queryset.filter(unsubscribed_at__isnull=False)
        return queryset


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "target", "followed", "created_at", "confirmed_at", "unsubscribed_at",
                    "last_sent_at", "failed_attempts"]
    list_filter = [StateFilter, "target"]
    search_fields = ["email"]
    raw_id_fields = ["person", "policy_field", "commitment"]
    readonly_fields = ["token", "created_at", "confirmation_sent_at", "confirmed_at", "last_sent_at", "last_error"]
    list_select_related = ["person", "policy_field", "commitment"]
    date_hierarchy = "created_at"
    actions = ["reset_failures"]

    @admin.display(description=_("follows"))
    def followed(self, obj):
        return obj.followed

    @admin.action(description=_("Try mailing again (reset failed digests)"))
    def reset_failures(self, request, queryset):
        count = queryset.update(failed_attempts=0, last_error="")
        messages.success(request, ngettext("%d subscription reset.", "%d subscriptions reset.", count) % count)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """What was mailed to whom: evidence, read only."""

    list_display = ["sent_at", "subscription", "event"]
    list_select_related = ["subscription", "event__commitment"]
    search_fields = ["subscription__email"]
    raw_id_fields = ["subscription", "event"]
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
