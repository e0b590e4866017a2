# The search box's index on PostgreSQL (tracker.search.full_text_index); nothing on SQLite.

from django.db import migrations

from tracker.search import full_text_index


class Migration(migrations.Migration):

    dependencies = [
        ("commitments", "0006_dashboard_count_indexes"),
    ]

    operations = [
        full_text_index("commitments.Commitment", ("title", "quote"), "commitment_search"),
    ]
