"""Counting misses on the public verification pages and API, per client, in the database:
no Redis, and the count is shared by every server process."""

from django.db import models


class MissCounter(models.Model):
    """Misses (unknown token, file that matches no letter) of one client key in one window.
    The key is a keyed hash of the client address: no address is stored."""

    key = models.CharField(max_length=64, unique=True)
    window_start = models.DateTimeField()
    misses = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "hitungan percobaan gagal verifikasi"
        verbose_name_plural = "hitungan percobaan gagal verifikasi"

    def __str__(self) -> str:
        return f"{self.key[:8]}…: {self.misses}"
