"""A consistent backup of the whole installation in one file, and its restore.

The archive (a tar file) holds:
  manifest.json    format, time, versions, applied migrations, rows per model, and each member's SHA-256
  data.jsonl.gz    every row of every model, in dependency order (Django's JSON Lines serialisation)
  files/<storage>/ the uploaded files of each file-system storage (media, imports)
and beside it `<archive>.sha256`, the checksum of the archive itself.

All rows are read in one transaction (REPEATABLE READ on PostgreSQL; one read transaction on SQLite, whose
WAL gives it a snapshot), so the dump is consistent while the site keeps running. Content types and
permissions are not dumped (migrate creates them): rows that point at a content type name it by app and
model, so a restore into a database where their ids differ is still right.

Restoring writes rows with bulk inserts and no signals (signals would rebuild caches and scores row by
row); row ids are kept, so every reference and the audit trail come back as they were. For databases of
many millions of rows use pg_dump (docs/operations.md): this format is for small and provincial
installations and for moving between SQLite and PostgreSQL.
"""
import datetime
import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

FORMAT = "counterpart-backup/1"
SKIPPED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
BATCH = 2000


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder keeps milliseconds only; a restore must give back the stored times exactly."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _models():
    """Every model to dump, each after the models it refers to."""
    app_list = [(config, None) for config in apps.get_app_configs() if config.models_module is not None]
    ordered = serializers.sort_dependencies(app_list, allow_cycles=True)
    return [m for m in ordered if m._meta.label_lower not in SKIPPED and not m._meta.proxy
            and m._meta.managed]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_storages():
    """The file-system storages whose files belong in a backup, by name."""
    out = {}
    for name in ("default", "imports"):
        storage = storages[name]
        if isinstance(storage, FileSystemStorage):
            out[name] = storage
    return out


def _walk(storage, folder=""):
    if not storage.exists(folder or "."):
        return
    dirs, files = storage.listdir(folder or ".")
    for f in files:
        yield f"{folder}/{f}" if folder else f
    for d in dirs:
        yield from _walk(storage, f"{folder}/{d}" if folder else d)


def _applied_migrations(connection) -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def backup(path, using=DEFAULT_DB_ALIAS, progress=None) -> dict:
    """Write the archive to `path` (and `path`.sha256); returns the manifest."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ValidationError({"output": _("The folder %(d)s does not exist.") % {"d": path.parent}})
    connection = connections[using]
    counts = {}
    raw = io.BytesIO()
    outer = connection.in_atomic_block  # a caller's transaction already fixes what is read
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        migrations = _applied_migrations(connection)
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as gz:
            text = io.TextIOWrapper(gz, encoding="utf-8")
            for model in _models():
                rows = model._base_manager.using(using).order_by("pk")
                n = 0

                def counted(qs):
                    nonlocal n
                    for obj in qs.iterator(chunk_size=BATCH):
                        n += 1
                        yield obj

                serializers.serialize("jsonl", counted(rows), stream=text, use_natural_foreign_keys=True,
                                      cls=ExactEncoder)
                counts[model._meta.label_lower] = n
                if progress:
                    progress(model._meta.label_lower, n)
            text.flush()
            text.detach()
    data = raw.getvalue()
    members = {"data.jsonl.gz": data}
    for name, storage in _file_storages().items():
        for rel in _walk(storage):
            with storage.open(rel, "rb") as f:
                members[f"files/{name}/{rel}"] = f.read()
    manifest = {
        "format": FORMAT, "created": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": connection.vendor, "migrations": migrations, "rows": counts,
        "members": {name: {"sha256": _sha256(body), "bytes": len(body)} for name, body in members.items()},
    }
    with tarfile.open(path, "w") as tar:
        for name, body in [("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode()),
                           *members.items()]:
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(body), 0, 0o600
            tar.addfile(info, io.BytesIO(body))
    Path(f"{path}.sha256").write_text(f"{_sha256(path.read_bytes())}  {path.name}\n")
    return manifest


def read_archive(path) -> tuple[dict, dict]:
    """(manifest, members) of a verified archive; refuses a damaged or foreign one, saying what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError({"file": _("No backup file %(f)s.") % {"f": path}})
    sidecar = Path(f"{path}.sha256")
    if sidecar.exists():
        expected = sidecar.read_text().split()[0] if sidecar.read_text().split() else ""
        if expected != _sha256(path.read_bytes()):
            raise ValidationError({"file": _("%(f)s does not match its checksum file: it is damaged or was "
                                             "changed.") % {"f": path.name}})
    try:
        with tarfile.open(path, "r") as tar:
            members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    except (tarfile.TarError, OSError, EOFError):
        raise ValidationError({"file": _("%(f)s is not a Counterpart backup.") % {"f": path.name}}) from None
    try:
        manifest = json.loads(members.pop("manifest.json"))
    except (KeyError, ValueError):
        raise ValidationError({"file": _("%(f)s has no manifest.") % {"f": path.name}}) from None
    if manifest.get("format") != FORMAT:
        raise ValidationError({"file": _("%(f)s is not a Counterpart backup.") % {"f": path.name}})
    for name, meta in manifest["members"].items():
        if name not in members or _sha256(members[name]) != meta["sha256"]:
            raise ValidationError({"file": _("%(m)s in %(f)s is missing or damaged (checksum).")
                                   % {"m": name, "f": path.name}})
    return manifest, members


def _has_data(using) -> bool:
    from counterpart.indicators.models import Observation
    from counterpart.pairings.models import Pairing

    User = apps.get_model(settings.AUTH_USER_MODEL)
    return any(m.objects.using(using).exists() for m in (Observation, Pairing, User))


def _insert(model, objects, m2m, using):
    """Rows as they were stored: a raw insert, like loaddata's, so that auto_now fields (when a figure was
    entered, when an audit row was written) keep their stored values instead of taking the restore's time."""
    fields = list(model._meta.local_concrete_fields)
    size = max(1, min(BATCH, connections[using].ops.bulk_batch_size(fields, objects)))
    rows = model._base_manager.using(using)
    for i in range(0, len(objects), size):
        rows._insert(objects[i:i + size], fields=fields, using=using, raw=True)
    for field_name, pairs in m2m.items():
        field = model._meta.get_field(field_name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through._base_manager.using(using).bulk_create(
            [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs], batch_size=BATCH)


def restore(path, using=DEFAULT_DB_ALIAS, force=False, progress=None) -> dict:
    """Replace the database's rows and the stored files with the archive's; returns rows per model."""
    manifest, members = read_archive(path)
    call_command("migrate", database=using, interactive=False, verbosity=0)
    connection = connections[using]
    applied = {tuple(m) for m in _applied_migrations(connection)}
    missing = [f"{a}.{n}" for a, n in manifest["migrations"] if (a, n) not in applied]
    if missing:
        raise ValidationError({"file": _("The backup was made by a newer version (migrations %(m)s): install "
                                         "that version first.") % {"m": ", ".join(missing[:5])}})
    if _has_data(using) and not force:
        raise ValidationError({"force": _("The database already holds data; give --force to replace all of it "
                                          "with the backup.")})
    counts = {}
    loaded_models = []
    # Emptying and loading in one transaction: a restore that fails leaves the database as it was.
    with transaction.atomic(using=using), connection.constraint_checks_disabled():
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with deferred checks still pending from earlier in the transaction;
            # check those now, then defer again so rows may arrive before the rows they point at.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        call_command("flush", database=using, interactive=False, verbosity=0)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        ContentType.objects.clear_cache()  # flush made them anew, with other ids
        text = io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(members["data.jsonl.gz"])), encoding="utf-8")
        current, batch, m2m = None, [], {}
        for line in text:
            if not line.strip():
                continue
            label = json.loads(line)["model"]
            if label != current:
                # Rows of the models before are written first: this model's natural keys may name them.
                if batch:
                    _insert(apps.get_model(current), batch, m2m, using)
                current, batch, m2m = label, [], {}
                loaded_models.append(apps.get_model(label))
            (item,) = serializers.deserialize("jsonl", line, using=using)
            batch.append(item.object)
            counts[label] = counts.get(label, 0) + 1
            for name, ids in (item.m2m_data or {}).items():
                m2m.setdefault(name, []).extend((item.object.pk, i) for i in ids)
            if len(batch) >= BATCH:
                _insert(apps.get_model(current), batch, m2m, using)
                batch, m2m = [], {}
        if batch:
            _insert(apps.get_model(current), batch, m2m, using)
        connection.check_constraints(table_names=[m._meta.db_table for m in loaded_models])
        sequences = connection.ops.sequence_reset_sql(no_style(), loaded_models)
        if sequences:
            with connection.cursor() as cursor:
                for sql in sequences:
                    cursor.execute(sql)
    wrong = {label: (n, counts.get(label, 0)) for label, n in manifest["rows"].items() if counts.get(label, 0) != n}
    if wrong:
        raise ValidationError({"file": _("The restored rows differ from the manifest: %(w)s")
                               % {"w": ", ".join(f"{k} {a}≠{b}" for k, (a, b) in wrong.items())}})
    stores = _file_storages()
    for name, body in members.items():
        if not name.startswith("files/"):
            continue
        _files, store, rel = name.split("/", 2)
        if store in stores and ".." not in Path(rel).parts:
            if stores[store].exists(rel):
                stores[store].delete(rel)
            stores[store].save(rel, io.BytesIO(body))
    from django.core.cache import cache

    cache.clear()  # cached pages and sessions belong to the data that was replaced
    ContentType.objects.clear_cache()
    return counts
