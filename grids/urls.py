from django.urls import path

from . import views

app_name = "grids"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("areas/<str:code>/", views.AreaDetailView.as_view(), name="area"),
    path("compounds/<int:pk>/", views.CompoundDetailView.as_view(), name="compound"),
]
