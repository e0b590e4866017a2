from django.urls import path

from following import feeds, views

app_name = "following"

urlpatterns = [
    path("feeds/events.atom", feeds.EventFeed(), name="feed-all"),
    path("feeds/ministers/<slug:slug>/events.atom", feeds.MinisterEventFeed(), name="feed-minister"),
    path("feeds/policy-fields/<slug:slug>/events.atom", feeds.PolicyFieldEventFeed(), name="feed-field"),
    path("feeds/commitments/<int:pk>/events.atom", feeds.CommitmentEventFeed(), name="feed-commitment"),
    path("feeds/deadlines.ics", feeds.calendar_all, name="calendar-all"),
    path("feeds/ministers/<slug:slug>/deadlines.ics", feeds.calendar_minister, name="calendar-minister"),
    path("follow/", views.subscribe, name="subscribe"),
    path("follow/confirm/<str:token>/", views.confirm, name="confirm"),
    path("follow/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
