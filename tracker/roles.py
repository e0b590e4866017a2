"""The permissions each kind of user gets, as data a civil servant can read.

Civil servants review and edit what the extractor and the linker propose; they do not delete
evidence (documents, speeches, events) and do not manage users.
"""

CIVIL_SERVANT_GROUP = "civil servant"

# app label -> model -> actions ("view", "add", "change", "delete")
CIVIL_SERVANT_PERMISSIONS = {
    "commitments": {
        "commitment": ["view", "add", "change"],
        "suggestedcommitment": ["view", "change"],
        "deadline": ["view", "add", "change", "delete"],
        "mention": ["view", "add", "change"],
        "commitmentrecommendation": ["view", "add", "change", "delete"],
        "event": ["view"],
    },
    "recommendations": {
        "recommendation": ["view", "add", "change"],
        "policyfield": ["view", "add", "change"],
    },
    "transcripts": {
        "document": ["view", "add"],
        "meeting": ["view"],
        "agendaitem": ["view", "change"],
        "speech": ["view"],
        "person": ["view", "add", "change"],
        "portfolio": ["view", "add", "change", "delete"],
    },
}


def permission_codenames() -> list[tuple[str, str]]:
    """(app_label, codename) for every permission of the civil servant group."""
    return [
        (app_label, f"{action}_{model}")
        for app_label, models in CIVIL_SERVANT_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
