"""Stripe's official Python client (stripe on PyPI), unmodified, pointed at the server: every cash
balance call the issue names, errors included. Prints one JSON object: each call's outcome, for
server/test/clients-python.test.js to check.

    python stripe_calls.py <base url> <private key> <customer> <a transaction id of that customer>
"""

import json
import sys

import stripe

url, key, customer, transaction = sys.argv[1:5]
client = stripe.StripeClient(key, base_addresses={"api": url}, max_network_retries=0)
out = {}


def error(e):
    return {
        "class": type(e).__name__,
        "http_status": e.http_status,
        "type": (e.error.type if e.error else None),
        "code": e.code,
        "param": (e.error.param if e.error else None),
        "message": e.user_message,
        "request_id": e.request_id,
    }


def call(name, f):
    try:
        out[name] = {"ok": f()}
    except stripe.StripeError as e:
        out[name] = {"error": error(e)}


customers = client.v1.customers
call("retrieve_cash_balance", lambda: customers.cash_balance.retrieve(customer).to_dict())
call(
    "update_cash_balance",
    lambda: customers.cash_balance.update(customer, {"settings": {"reconciliation_mode": "manual"}}).to_dict(),
)
call(
    "list_transactions_auto_paging",
    lambda: [t.id for t in customers.cash_balance_transactions.list(customer, {"limit": 2}).auto_paging_iter()],
)
call("retrieve_transaction", lambda: customers.cash_balance_transactions.retrieve(customer, transaction).to_dict())
call("retrieve_transaction_unknown", lambda: customers.cash_balance_transactions.retrieve(customer, "ccsbtxn_nothere").to_dict())
call("retrieve_cash_balance_unknown_customer", lambda: customers.cash_balance.retrieve("cus_nobody").to_dict())
call(
    "update_cash_balance_refused",
    lambda: customers.cash_balance.update(customer, {"settings": {"reconciliation_mode": "sometimes"}}).to_dict(),
)
call(
    "list_transactions_bad_limit",
    lambda: customers.cash_balance_transactions.list(customer, {"limit": 1000}).to_dict(),
)
stranger = stripe.StripeClient("sk_test_not_the_key", base_addresses={"api": url}, max_network_retries=0)
call("retrieve_cash_balance_wrong_key", lambda: stranger.v1.customers.cash_balance.retrieve(customer).to_dict())
print(json.dumps(out))
