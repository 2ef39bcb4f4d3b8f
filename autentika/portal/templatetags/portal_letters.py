"""The party's pages name a letter's standing by its verdict (letters/verdict.py), so a
SPESIMEN letter never reads "Berlaku" (#28)."""

from django import template

from autentika.letters.verdict import letter_verdict_label

register = template.Library()

register.filter("status_surat", letter_verdict_label)
