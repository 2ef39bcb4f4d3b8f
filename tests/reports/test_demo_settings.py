from django.core.management import call_command

from autentika.reports.models import ArchiveRule, StepTarget


def test_seed_demo_sets_step_targets_and_archive_rules_once(db):
    call_command("seed_demo")
    call_command("seed_demo")
    assert StepTarget.objects.filter(office__code="kpu-sumut").count() == 7
    rule = ArchiveRule.objects.get(office__code="kpu-sumut", letter_kind="certificate")
    assert (rule.classification, rule.disposition) == ("PL.01.1", "permanen")
