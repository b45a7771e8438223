"""Balanced's official Python client (balanced 1.2, converted to Python 3 by convert_balanced.py
and otherwise unmodified), pointed at the server: every call the issue names, errors included.
Prints one JSON object: each call's outcome, for server/test/clients-python.test.js to check.

    python balanced_calls.py <base url> <private key>
"""

import json
import sys

import balanced

url, key = sys.argv[1:3]
balanced.configure(key, root_url=url)
out = {}


def error(e):
    return {
        "class": type(e).__name__,
        "status_code": e.status_code,
        "category_code": getattr(e, "category_code", None),
        "description": getattr(e, "description", None),
        "extras": getattr(e, "extras", None),
        "message": str(e),
    }


def call(name, f):
    try:
        out[name] = {"ok": f()}
    except balanced.exc.HTTPError as e:
        out[name] = {"error": error(e)}


def credit_dict(c):
    return {
        "id": c.id,
        "href": c.href,
        "amount": c.amount,
        "status": c.status,
        "description": c.description,
        "meta": c.meta,
    }


state = {}


def create_bank_account():
    ba = balanced.BankAccount(
        routing_number="325182797", account_number="9900001234", name="Fit Finlay", account_type="checking"
    ).save()
    state["ba"] = ba
    return {"id": ba.id, "href": ba.href, "account_number": ba.account_number, "account_type": ba.account_type}


call("BankAccount.save", create_bank_account)
call("BankAccount.fetch", lambda: {"id": balanced.BankAccount.fetch(state["ba"].href).id, "name": balanced.BankAccount.fetch(state["ba"].href).name})


def pay_out():
    c = state["ba"].credit(amount=5000, description="payout one", meta={"order": "42"})
    state["credit"] = c
    state["ba"].credit(amount=150, description="payout two")
    state["ba"].credit(amount=75, description="payout three")
    return credit_dict(c)


call("bank_account.credit", pay_out)
call("credit.destination", lambda: {"class": type(state["credit"].destination).__name__, "id": state["credit"].destination.id})
call("credit.events", lambda: [e.type for e in state["credit"].events])
call("Credit.fetch", lambda: credit_dict(balanced.Credit.fetch(state["credit"].href)))


def paged_by_two():
    q = balanced.Credit.query
    q.limit(2)
    return [c.amount for c in q]


call("Credit.query (pages of 2)", paged_by_two)
call("Credit.query.sort(created_at asc)", lambda: [c.amount for c in balanced.Credit.query.sort(balanced.Credit.f.created_at.asc())])
call("Credit.query.filter(status='pending')", lambda: sorted(c.amount for c in balanced.Credit.query.filter(status="pending")))
call("Credit.query.filter(amount > 100)", lambda: sorted(c.amount for c in balanced.Credit.query.filter(balanced.Credit.f.amount > 100)))
call("Credit.query.filter(status in (succeeded, failed))", lambda: [c.amount for c in balanced.Credit.query.filter(balanced.Credit.f.status.in_("succeeded", "failed"))])
call("Credit.query.filter(status=[pending, failed])", lambda: sorted(c.amount for c in balanced.Credit.query.filter(status=["pending", "failed"])))
call("Credit.query.filter(created_at < 2000-01-01)", lambda: [c.amount for c in balanced.Credit.query.filter(balanced.Credit.f.created_at < "2000-01-01T00:00:00Z")])
call("Credit.query.sort(amount desc)", lambda: [c.amount for c in balanced.Credit.query.sort(balanced.Credit.f.amount.desc())])
call("Credit.query.filter(unknown field)", lambda: [c.amount for c in balanced.Credit.query.filter(colour="red")])


def edit_and_save():
    c = balanced.Credit.fetch(state["credit"].href)
    c.description = "payout one, edited"
    c.meta = {"order": "43"}
    c.save()
    again = balanced.Credit.fetch(state["credit"].href)
    return credit_dict(again)


call("credit.save (PUT the whole resource)", edit_and_save)
call("BankAccount.query", lambda: [b.id for b in balanced.BankAccount.query])
call("Credit.fetch unknown", lambda: credit_dict(balanced.Credit.fetch("/credits/CR000000000000000000000000")))
call("bank_account.credit refused (amount 0)", lambda: credit_dict(state["ba"].credit(amount=0)))


def unstore():
    state["ba"].unstore()
    return balanced.BankAccount.fetch(state["ba"].href).id


call("bank_account.unstore then fetch", unstore)
balanced.configure("sk_not_the_key", root_url=url)
call("wrong key", lambda: balanced.Credit.fetch(state["credit"].href).id)
print(json.dumps(out, default=str))
