from django.urls import URLPattern, URLResolver, path, register_converter

from autentika.verification import trust_views, views


class TokenConverter:
    """Verification tokens are URL-safe base64 (secrets.token_urlsafe); anything else is not
    a token, but still answers the not-found page rather than Django's bare 404."""

    regex = "[^/]{1,200}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")

app_name = "verification"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("akar/", trust_views.trust_roots, name="trust_roots"),
    path("akar/<str:fingerprint>.pem", trust_views.trust_root_pem, name="trust_root_pem"),
    path("kelola/", views.manage, name="manage"),
    path("kelola/<int:pk>/cabut/", views.revoke, name="revoke"),
    path("<token:token>/", views.letter_page, name="letter"),
]
