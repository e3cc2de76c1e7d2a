from django.urls import path

from jalons.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("sante", views.health, name="health"),
]
