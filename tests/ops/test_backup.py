"""`counterpart backup` and `counterpart restore` round-trip the demo: every figure, confirmation and audit
row comes back as it was; a damaged or foreign archive is refused and loses nothing."""
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from counterpart.audit.models import Change
from counterpart.confirmations.models import Confirmation
from counterpart.indicators.models import Observation
from counterpart.ops.backup import backup, restore

pytestmark = pytest.mark.usefixtures("english")


def snapshot():
    """Every row of the figures, confirmations and audit trail; content types by name (a restore into a
    database whose content types were created in another order gives them other ids, rightly)."""
    from django.contrib.contenttypes.models import ContentType

    def value(model, name, v):
        field = {f.attname: f for f in model._meta.concrete_fields}.get(name)
        if field is not None and getattr(field, "related_model", None) is ContentType and v is not None:
            return str(ContentType.objects.get_for_id(v).natural_key())
        return str(v)

    def rows(model):
        return sorted(tuple(sorted((k, value(model, k, v)) for k, v in r.items())) for r in model.objects.values())

    return {"observations": rows(Observation), "recipients": sorted(Observation.recipients.through.objects
                                                                   .values_list("observation_id", "unit_id")),
            "confirmations": rows(Confirmation), "audit": rows(Change)}


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """A restore makes content types anew, then the test's rollback puts the old ones back: the process's
    cache of them must not outlive the test."""
    from django.contrib.contenttypes.models import ContentType

    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def demo_with_history(demo):
    from counterpart.audit.actions import do_log_change

    assert Observation.objects.exists()
    if not Change.objects.exists():
        obs = Observation.objects.first()
        do_log_change(None, "create", obs, after={"value": str(obs.value)})
    return demo


def test_a_backup_restores_every_figure_confirmation_and_audit_row(demo_with_history, tmp_path):
    before = snapshot()
    assert before["observations"] and before["audit"]
    archive = tmp_path / "demo.tar"
    manifest = backup(archive)
    assert manifest["rows"]["indicators.observation"] == len(before["observations"])
    assert (tmp_path / "demo.tar.sha256").read_text().split()[1] == "demo.tar"
    Observation.objects.filter(pk=Observation.objects.order_by("pk").first().pk).update(value=0)
    with pytest.raises(Exception, match="--force"):
        restore(archive)
    counts = restore(archive, force=True)
    assert counts == {label: n for label, n in manifest["rows"].items() if n}
    assert snapshot() == before


def test_the_commands_round_trip(demo_with_history, tmp_path, capsys):
    before = snapshot()
    call_command("backup", "-o", str(tmp_path / "b.tar"))
    call_command("restore", str(tmp_path / "b.tar"), "--force")
    assert snapshot() == before


def test_a_damaged_archive_is_refused_and_nothing_is_lost(demo_with_history, tmp_path):
    before = snapshot()
    archive = tmp_path / "b.tar"
    backup(archive)
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(archive), "--force")
    (tmp_path / "b.tar.sha256").unlink()  # without the sidecar the members' own checksums still catch it
    with pytest.raises(CommandError, match="damaged|not a Counterpart backup"):
        call_command("restore", str(archive), "--force")
    assert snapshot() == before


def test_a_foreign_file_is_refused(db, tmp_path):
    other = tmp_path / "x.tar"
    with tarfile.open(other, "w") as tar:
        tar.add(__file__, arcname="something.py")
    with pytest.raises(CommandError, match="manifest"):
        call_command("restore", str(other), "--force")
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore", str(tmp_path / "missing.tar"))


def test_a_backup_into_a_missing_folder_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", "-o", str(tmp_path / "nowhere" / "b.tar"))
