"""Seed the offence catalogue from cases/data/offences.json (re-run offences_sync when the file changes)."""

from django.db import migrations


def seed(apps, schema_editor):
    import json

    from lawtrail.cases.services import OFFENCES_FILE

    Offence = apps.get_model("cases", "Offence")
    rows = json.loads(OFFENCES_FILE.read_text(encoding="utf-8"))
    fields = ("name", "kind", "category", "law", "versions", "mediation", "fast_track", "notes")
    Offence.objects.bulk_create([Offence(code=r["code"], **{f: r[f] for f in fields}) for r in rows])


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
