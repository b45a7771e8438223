#!/usr/bin/env bash
# The official Python clients the server tests drive (server/test/clients-python.test.js): a virtual
# environment in target/python-clients/venv with Stripe's client from PyPI
# (server/test/python/requirements.txt), and Balanced's client with the Python 2 libraries it needs,
# their sdists from PyPI (sdists.txt) converted to Python 3 by lib2to3
# (server/test/python/convert_balanced.py) into target/python-clients/balanced. Skipped when done
# for the same lists and converter (a stamp records them). Run by scripts/setup.sh --test.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/python-clients
spec=server/test/python
stamp="$(cat "$spec/requirements.txt" "$spec/sdists.txt" "$spec/convert_balanced.py" | sha256sum | cut -c1-16)"
if [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "$stamp" ]; then exit 0; fi
rm -rf "$dir"
mkdir -p "$dir/sdists"
python3 -m venv "$dir/venv"
"$dir/venv/bin/pip" install --quiet --disable-pip-version-check -r "$spec/requirements.txt"
# Source distributions only (Balanced's and wac's are Python 2; they are converted, not installed).
"$dir/venv/bin/pip" download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
  -d "$dir/sdists" -r "$spec/sdists.txt"
"$dir/venv/bin/python" "$spec/convert_balanced.py" "$dir/sdists" "$dir/balanced"
echo "$stamp" >"$dir/stamp"
