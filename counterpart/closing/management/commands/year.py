"""`counterpart year status|close|reopen --year Y [--pairing P] [--reason R]`: year close from the console.

close and reopen act as the national office (the year closes and reopens for every pairing at once);
--as names the national-office account recorded in the audit trail (default: the only one there is).
"""
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from counterpart.accounts.access import is_national
from counterpart.closing.actions import do_close_year, do_reopen_year
from counterpart.closing.snapshots import revisions
from counterpart.closing.status import STAGES, row_for, year_status
from counterpart.indicators.validation import check_year
from counterpart.pairings.actions import find_pairing
from counterpart.pairings.models import Pairing


def _message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return "\n".join(exc.messages)


class Command(BaseCommand):
    help = "A year's close: status (completeness, per pairing with --pairing), close, reopen (with --reason)"

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["status", "close", "reopen"])
        parser.add_argument("--year", required=True, help="the year, e.g. 2011")
        parser.add_argument("--pairing", help="status of one pairing (id or Donor-Recipient, e.g. Qingdao-Guizhou)")
        parser.add_argument("--reason", default="", help="why the year is reopened (required to reopen)")
        parser.add_argument("--as", dest="username", help="the national-office account acting (close, reopen)")

    def handle(self, what, year, pairing, reason, username, **opts):
        try:
            year = check_year(year)
            if what == "status":
                return self._status(year, find_pairing(pairing) if pairing else None)
            if pairing:
                raise CommandError(f"--pairing: a year {what}s for every pairing at once; "
                                   "leave --pairing out (see `year status --pairing`)")
            user = self._national(username)
            if what == "close":
                rev = do_close_year(user, year)
                self.stdout.write(f"{year} closed: revision {rev.number}, {rev.figures} figures, "
                                  f"{rev.snapshots.count()} report documents kept")
            else:
                rev = do_reopen_year(user, year, reason)
                self.stdout.write(f"{year} reopened (revision {rev.number} stays downloadable): {rev.reopen_reason}")
        except ValidationError as exc:
            raise CommandError(_message(exc)) from None

    def _national(self, username):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            user = users.filter(username=username).first()
            if user is None or not is_national(user):
                raise CommandError(f"--as: “{username}” is not an active national-office account")
            return user
        found = [u for u in users.filter(profile__role="national")] or [u for u in users.filter(is_superuser=True)]
        if len(found) != 1:
            raise CommandError("--as: name the national-office account acting "
                               f"({len(found)} national-office accounts found)")
        return found[0]

    def _status(self, year, pairing):
        revs = revisions(year)
        current = next((r for r in revs if r.reopened_at is None), None)
        self.stdout.write(f"{year}: " + (f"closed on {current.closed_at:%Y-%m-%d}, revision {current.number}"
                                         if current else "open"))
        for r in revs:
            state = f"reopened {r.reopened_at:%Y-%m-%d}: {r.reopen_reason}" if r.reopened_at else "in force"
            self.stdout.write(f"  revision {r.number}: closed {r.closed_at:%Y-%m-%d} by {r.closed_by}, {state}")
        if pairing is not None:
            row = row_for(pairing, year)
            self.stdout.write(f"{pairing.name_en} {year}: {row.state.figures} figures, {row.state.pending} awaiting "
                              f"confirmation, {row.state.disputed} disputed; signed off by: "
                              f"{', '.join(sorted(row.signed)) or 'nobody'}; approved: {'yes' if row.approved else 'no'}"
                              f" ({STAGES[row.stage]})")
            return
        status = year_status(year, Pairing.objects.all())
        for key, label in STAGES.items():
            self.stdout.write(f"  {label}: {status.counts[key]}")
        for row in status.rows:
            if row.stage != "ready":
                self.stdout.write(f"    {STAGES[row.stage]}: {row.pairing.name_en}")
