# The password of the party accounts the `party_user` fixture creates.
PARTY_PASSWORD = "partai-rahasia-2025"
