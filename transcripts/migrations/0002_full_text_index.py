# The search boxes' indexes on PostgreSQL (tracker.search.full_text_index); nothing on SQLite.

from django.db import migrations

from tracker.search import full_text_index


class Migration(migrations.Migration):

    dependencies = [
        ("transcripts", "0001_initial"),
    ]

    operations = [
        full_text_index("transcripts.Document", ("title",), "document_search"),
        full_text_index("transcripts.AgendaItem", ("subject",), "agendaitem_search"),
        full_text_index("transcripts.Speech", ("text",), "speech_search"),
    ]
