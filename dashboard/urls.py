"""The public dashboard's pages. Every list also answers `?format=csv` with the same filters."""

from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("commitments/", views.commitment_list, name="commitment-list"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment"),
    path("recommendations/", views.recommendation_list, name="recommendation-list"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation"),
    path("ministers/", views.minister_list, name="minister-list"),
    path("ministers/<slug:slug>/", views.minister_detail, name="minister"),
    path("fields/", views.field_list, name="field-list"),
    path("fields/<slug:slug>/", views.field_detail, name="field"),
    path("documents/", views.document_list, name="document-list"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("search/", views.search, name="search"),
    path("method/", views.method, name="method"),
]
