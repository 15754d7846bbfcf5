"""Every syntax error PyYAML reports for a broken profile reaches the user in Vietnamese, at its
file:line:column, whichever parser PyYAML was built with (libyaml words its errors differently,
and PyYAML 6.0.4 added libyaml's nesting limit, which once showed through in English)."""

from __future__ import annotations

import re

import pytest
import yaml
from yaml_corpus import BAD_YAML

from drafter.errors import ProfileError
from drafter.inputs import yaml_messages, yamlio
from drafter.inputs.catalogue import bundled
from drafter.inputs.profile import load_profile

ENGLISH = re.compile(r"\b(found|expected|while|not|allowed|could|stream|token|mapping|character|scalar|"
                     r"exceeded|depth|but|got|the|here)\b", re.I)
LOCATED = re.compile(r"^[^:]+\.yaml:\d+(?::\d+)?: ")

PARSERS = {"libyaml": getattr(yaml, "CSafeLoader", None), "python": yaml.SafeLoader}


@pytest.fixture(params=sorted(PARSERS), ids=str)
def parser(request, monkeypatch):
    base = PARSERS[request.param]
    if base is None:
        pytest.skip("PyYAML built without libyaml")
    monkeypatch.setattr(yamlio, "_Loader", yamlio._lenient_dates(base))
    return request.param


@pytest.mark.parametrize("name", sorted(BAD_YAML))
def test_every_syntax_error_is_said_in_vietnamese(name, parser, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_YAML[name], encoding="utf-8")
    try:
        load_profile(path, bundled())
    except ProfileError as exc:
        for line in str(exc).splitlines():
            message = line.split(": ", 1)[1] if ": " in line else line
            assert not ENGLISH.search(message), f"{parser}: English reaches the user: {line}"
            assert LOCATED.match(line), f"{parser}: no file:line: {line}"
            assert yaml_messages.FALLBACK not in line, f"{parser}: no translation of its own: {line}"
    # else: this parser accepts the text (PyYAML warns about an unknown directive), and the schema speaks


def test_the_nesting_limit_is_said_like_drafters_own():
    deep = BAD_YAML["nesting 3,000 deep"]
    with pytest.raises(ProfileError, match="lồng quá sâu"):
        yamlio.parse_fragment(deep, "deep.yaml", ProfileError)


@pytest.mark.parametrize("english", [
    "mapping values are not allowed here", "mapping values are not allowed in this context",
    "did not find expected ',' or ']'", "expected ',' or ']', but got '<scalar>'", "found unexpected end of stream",
    "exceeded maximum nesting depth", "found character '\\t' that cannot start any token",
    "found a tab character that violates indentation", "could not find expected ':'", "did not find expected key",
    "found undefined alias 'x'", "found undefined alias", "found unknown escape character 'q'",
    "block sequence entries are not allowed in this context", "did not find expected '-' indicator",
    "found duplicate anchor 'a'; first occurrence", "found unhashable key",
])
def test_known_messages_have_their_own_words(english):
    assert yaml_messages.knows(english)
    assert not ENGLISH.search(yaml_messages.problem(english))


def test_an_unknown_message_still_gets_vietnamese():
    assert yaml_messages.problem("some future wording") == yaml_messages.FALLBACK
    assert yaml_messages.context("while doing something new") is None


def test_where_an_unclosed_bracket_began(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("id: p\nmembers: [a, b\nnext: 1\n", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path, bundled())
    assert "bắt đầu từ dòng 2" in str(caught.value), str(caught.value)
