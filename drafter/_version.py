"""The version, in one place: pyproject.toml reads it from here (hatch's version source).

Read from this file rather than importlib.metadata because importing the metadata machinery costs
a cold `drafter draft` about a tenth of its run time, and the version is printed in every DOCX.
"""

__version__ = "0.1.0"
