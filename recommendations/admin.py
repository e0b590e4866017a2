from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from recommendations.models import PolicyField, Recommendation


@admin.register(PolicyField)
class PolicyFieldAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["number", "short_text", "kind", "policy_field", "section", "line"]
    list_filter = ["kind", "policy_field"]
    search_fields = ["number", "text", "section", "addressee"]
    list_select_related = ["policy_field"]
    autocomplete_fields = ["policy_field"]
    raw_id_fields = ["document"]

    @admin.display(description="text")
    def short_text(self, obj: Recommendation) -> str:
        return obj.text[:120]
