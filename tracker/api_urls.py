"""The REST API: version 1 under /api/v1/, its OpenAPI schema and its documentation page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from commitments.api import CommitmentViewSet, DeadlineViewSet, EventViewSet, MentionViewSet
from recommendations.api import PolicyFieldViewSet, RecommendationViewSet
from tracker.api_formats import SelfHostedSwaggerView
from transcripts.api import AgendaItemViewSet, DocumentViewSet, MeetingViewSet, PersonViewSet, SpeechViewSet

app_name = "api"

router = DefaultRouter()
router.register("commitments", CommitmentViewSet, basename="commitment")
router.register("deadlines", DeadlineViewSet, basename="deadline")
router.register("mentions", MentionViewSet, basename="mention")
router.register("events", EventViewSet, basename="event")
router.register("recommendations", RecommendationViewSet, basename="recommendation")
router.register("policy-fields", PolicyFieldViewSet, basename="policyfield")
router.register("documents", DocumentViewSet, basename="document")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("items", AgendaItemViewSet, basename="item")
router.register("speeches", SpeechViewSet, basename="speech")
router.register("people", PersonViewSet, basename="person")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SelfHostedSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
