from django.urls import path

from jalons.formation import views
from jalons.parcours.urls import P

# Pages of the person's file, named in the namespace « parcours » (jalons/urls.py).
# The pages of one training are mounted with the accompaniment (« accompagnement: »).
person_urlpatterns = [
    path(P + "formation/nouvelle/", views.TrainingCreateView.as_view(), name="training_create"),
]
