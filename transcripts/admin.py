from django.contrib import admin

from transcripts.models import AgendaItem, Document, Meeting, Person, Portfolio, Speech


class PortfolioInline(admin.TabularInline):
    model = Portfolio
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "party", "role"]
    list_filter = ["role", "party"]
    search_fields = ["name", "party"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PortfolioInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "date", "parse_state", "linking_state", "size", "ingested_at"]
    list_filter = ["kind", "parse_state", "linking_state"]
    search_fields = ["title", "filename", "sha256"]
    date_hierarchy = "date"
    # The raw text is the evidence: it is never edited, and too long for a form field.
    exclude = ["raw_text"]
    readonly_fields = ["sha256", "size", "filename", "parse_state", "parse_error", "linking_state",
                       "linking_error", "ingested_at"]

    def has_add_permission(self, request):
        # Documents come in through `manage.py ingest` or the API upload, which parse them.
        return False


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "number", "kind", "subject", "asker", "minister", "state", "start_line", "end_line"]
    autocomplete_fields = ["asker", "minister"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["number", "committee", "date", "document"]
    search_fields = ["committee", "number"]
    list_select_related = ["document"]
    inlines = [AgendaItemInline]
    raw_id_fields = ["document"]


class SpeechInline(admin.StackedInline):
    model = Speech
    extra = 0
    fields = ["order", "speaker", "speaker_name", "role", "party", "start_line", "end_line", "text"]
    readonly_fields = ["text"]
    autocomplete_fields = ["speaker"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["number", "subject", "kind", "asker", "minister", "state", "meeting"]
    list_filter = ["state", "kind"]
    search_fields = ["subject", "number", "asker__name", "minister__name"]
    list_select_related = ["asker", "minister", "meeting"]
    autocomplete_fields = ["asker", "minister", "chair"]
    raw_id_fields = ["meeting", "joined_with"]
    inlines = [SpeechInline]


@admin.register(Speech)
class SpeechAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker_name", "role", "start_line", "end_line", "document"]
    list_filter = ["role", "document__kind"]
    search_fields = ["text", "speaker_name"]
    list_select_related = ["document", "speaker"]
    autocomplete_fields = ["speaker"]
    raw_id_fields = ["document", "item"]
    readonly_fields = ["line_starts"]
