from django.urls import path

from . import views

app_name = "employment"
urlpatterns = [
    path("employment/", views.EmploymentIndexView.as_view(), name="index"),
    path("employment/areas/<str:code>/", views.AreaEmploymentView.as_view(), name="area"),
    path("employment/stations/", views.StationListView.as_view(), name="stations"),
    path("employment/stations/<int:pk>/", views.StationDetailView.as_view(), name="station"),
]
