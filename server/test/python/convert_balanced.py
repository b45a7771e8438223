"""Converts Balanced's official Python client (balanced 1.2, Python 2) and the Python 2 libraries
it needs (wac 0.23, iso8601 0.1.4, uritemplate 0.6) to Python 3 with the standard library's lib2to3,
and nothing else: no line of their logic is changed.

    python convert_balanced.py <directory of the sdists> <output directory>

The mechanical fixes the conversion needs (documented in server/test/python/README.md):

1. lib2to3 runs with every default fixer except `next`. That fixer renames every `.next`
   attribute to `.__next__`; wac reads `page.next`, the URI of the next page in a list's `meta`
   (Balanced's pagination), so the rename would break paging. wac's iterators are generators, so
   nothing needs the rename.
2. Only the packages' own modules are converted and put on the path (the sdists' setup.py files
   are not run: they are Python 2 and would only copy the same modules).

Left as converted (no fix needed by the calls the tests make): balanced.exc.HTTPError declares its
metaclass as a nested `class __metaclass__`, a Python 2 form lib2to3 does not rewrite, so under
Python 3 its subclasses are not registered by category code and every API error is raised as
balanced.exc.HTTPError itself, which carries the same status, description and extras.
"""

import pathlib
import shutil
import sys
import tarfile
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)  # lib2to3 is deprecated since 3.11

from lib2to3 import refactor  # noqa: E402

# sdist → the modules it holds (a package directory or one module file).
MODULES = {
    "balanced-1.2": ["balanced"],
    "wac-0.23": ["wac.py"],
    "iso8601-0.1.4": ["iso8601"],
    "uritemplate-0.6": ["uritemplate"],
}


def main(sdists: pathlib.Path, out: pathlib.Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    work = out / "_sdists"
    for name, modules in MODULES.items():
        with tarfile.open(sdists / f"{name}.tar.gz") as t:
            t.extractall(work, filter="data")
        for m in modules:
            src = work / name / m
            if src.is_dir():
                shutil.copytree(src, out / m)
            else:
                shutil.copy(src, out / m)
    shutil.rmtree(work)
    fixers = [
        f for f in refactor.get_fixers_from_package("lib2to3.fixes") if not f.endswith(".fix_next")
    ]
    tool = refactor.RefactoringTool(fixers)
    tool.refactor([str(out)], write=True)
    if tool.errors:
        sys.exit(f"lib2to3 could not convert: {tool.errors}")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
