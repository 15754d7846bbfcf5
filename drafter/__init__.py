"""drafter: first drafts of provincial external-information plans (KH-UBND) in NĐ 30 format."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("drafter")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"
