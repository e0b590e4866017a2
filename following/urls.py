app_name = "following"

urlpatterns: list = []
