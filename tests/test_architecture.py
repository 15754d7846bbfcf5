"""The shape of the code: small modules, and commands that load only what they use."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

MAX_LINES = 350


def test_no_module_is_over_350_lines():
    big = {str(p.relative_to(REPO)): n for p in (REPO / "drafter").rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert big == {}


def modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    return set(done.stdout.split())


def test_importing_the_cli_loads_no_library_code():
    loaded = modules_after("import drafter.cli")
    assert not {m for m in loaded if m.startswith(("drafter.check", "drafter.review", "drafter.docxio",
                                                   "drafter.plan", "drafter.inputs", "docx", "docxtpl"))}
    assert "importlib.metadata" not in loaded


def test_drafting_loads_neither_the_checker_nor_the_reviewer_tools(tmp_path):
    loaded = modules_after(
        "from typer.testing import CliRunner\nfrom drafter.cli import app\n"
        f"result = CliRunner().invoke(app, ['draft', '--out', {str(tmp_path)!r}])\n"
        "assert result.exit_code == 0, result.output")
    assert "drafter.api" in loaded and "drafter.plan.draft" in loaded
    unwanted = {m for m in loaded if m.startswith(("drafter.check", "drafter.review", "drafter.docxio.preview",
                                                   "drafter.validation", "hypothesis"))}
    assert unwanted == set()


def drafted_in_a_fresh_process(tmp_path, *argv: str) -> subprocess.CompletedProcess:
    """`drafter ARGV` run the way the console script runs it, then the modules it loaded, one a line."""
    probe = ("import sys\nfrom drafter.cli import app\n"
             f"sys.argv = ['drafter', *{list(argv)!r}]\n"
             "try:\n    app()\nexcept SystemExit as exc:\n    code = exc.code\n"
             "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\nassert code == 0, code\n")
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True)


def test_a_draft_does_not_load_the_help_printer(tmp_path):
    """rich, markdown_it and pygments (≈ 65 ms of a 450 ms cold draft) only print help and errors."""
    done = drafted_in_a_fresh_process(tmp_path, "draft", "--out", str(tmp_path), "--force")
    loaded = set(done.stderr.split())
    assert "drafter.api" in loaded
    assert {m for m in loaded if m.split(".")[0] in {"rich", "markdown_it", "pygments"}} == set()
    assert "drafter.inputs.yaml_messages" not in loaded  # only a broken YAML file needs its 60 patterns


def test_help_is_still_vietnamese_with_the_printer_loaded_late(tmp_path):
    done = drafted_in_a_fresh_process(tmp_path, "--help")
    assert "Tùy chọn" in done.stdout and "Lệnh" in done.stdout and "Options" not in done.stdout
    assert "Commands" not in done.stdout
    done = drafted_in_a_fresh_process(tmp_path, "draft", "--help")
    assert "Tùy chọn" in done.stdout and "[mặc định: nq47]" in done.stdout


def _shipped_yaml_readers():
    from drafter.check.runner import load_ruleset, ruleset_names
    from drafter.inputs.evidence import SourceDocuments

    return [lambda: SourceDocuments.bundled.__func__.__wrapped__(SourceDocuments)] + [
        (lambda name=name: load_ruleset.__wrapped__(name)) for name in ruleset_names()]


def test_shipped_yaml_is_read_by_libyaml_into_what_the_pure_loader_gives(monkeypatch):
    """The check's rule sets and the evidence index took 29 ms and 17 ms with yaml.safe_load's
    pure-Python parser; they go through yamlio's loader (libyaml when PyYAML has it)."""
    import yaml

    from drafter.inputs import yamlio

    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML built without libyaml: the pure loader is the only one")
    with monkeypatch.context() as pure:
        pure.setattr(yamlio, "_Loader", yamlio._lenient_dates(yaml.SafeLoader))
        expected = [read() for read in _shipped_yaml_readers()]

    def no_pure_parser(*args, **kwargs):
        raise AssertionError("shipped YAML parsed by the pure-Python reader")

    monkeypatch.setattr(yaml.reader.Reader, "__init__", no_pure_parser)
    assert [read() for read in _shipped_yaml_readers()] == expected


def test_the_pre_parsed_copies_of_the_shipped_yaml_are_in_step():
    done = subprocess.run([sys.executable, str(REPO / "tools" / "parse_shipped.py"), "--check"], cwd=REPO,
                          capture_output=True, text=True)
    assert done.returncode == 0, (f"pre-parsed copies out of step with the YAML: {done.stdout.split()}; "
                                  "run `python tools/parse_shipped.py` and commit drafter/_parsed/")


def test_a_pre_parsed_copy_gives_the_yaml_data_dates_included():
    from drafter.inputs import shipped
    from drafter.inputs.yamlio import parse_shipped

    sources = shipped.sources()
    assert any(p.name == "provinces.yaml" for p in sources) and any(p.parent.name == "rulesets" for p in sources)
    for source in sources:
        raw = source.read_bytes()
        assert shipped.parsed(source, raw) == parse_shipped(raw), source


def test_a_copy_is_not_trusted_for_other_bytes_or_another_version(monkeypatch):
    from drafter.inputs import shipped

    source = next(p for p in shipped.sources() if p.name == "provinces.yaml")
    raw = source.read_bytes()
    assert shipped.parsed(source, raw) is not shipped.MISSING
    assert shipped.parsed(source, raw + b"\n# edited\n") is shipped.MISSING
    monkeypatch.setattr(shipped, "__version__", "0.0.0-other")
    assert shipped.parsed(source, raw) is shipped.MISSING


def test_a_draft_reads_the_copies_not_the_yaml(monkeypatch, tmp_path):
    """The registry, catalogue, knowledge and kinds were 70 ms of YAML parsing in a cold draft."""
    from drafter import api
    from drafter.inputs import catalogue, knowledge, registry, yamlio
    from drafter.inputs.evidence import SourceDocuments

    for cached in (registry.bundled, catalogue.bundled, knowledge.bundled, SourceDocuments.bundled):
        cached.cache_clear()

    def no_yaml(raw):
        raise AssertionError("shipped YAML parsed although its copy is in step")

    monkeypatch.setattr(yamlio, "parse_shipped", no_yaml)
    try:
        assert api.draft_plan(out_dir=tmp_path).path.is_file()
    finally:
        for cached in (registry.bundled, catalogue.bundled, knowledge.bundled, SourceDocuments.bundled):
            cached.cache_clear()


def test_the_plan_year_is_decided_without_choosing_the_kinds_wordings(monkeypatch):
    """A draft in the last quarter asks whether its kind is single-year before loading it: loading
    it in full twice (the medoid of every wording each time) cost 10 ms."""
    import datetime as dt

    from drafter import api
    from drafter.inputs import kinds

    def no_wordings(*args, **kwargs):
        raise AssertionError("wordings chosen to decide the plan year")

    monkeypatch.setattr(kinds, "choose_wordings", no_wordings)
    assert api.resolve_year(None, dt.date(2026, 11, 2), "annual").year == 2027
    assert api.resolve_year(None, dt.date(2026, 11, 2), "nq47").year == 2026


def test_the_copied_profile_check_searches_only_for_names_the_text_contains(monkeypatch):
    """A profile load compared every agency name with the 34 units' names by a pattern each (2,000
    patterns, 10 ms); a name that is not even a substring needs none."""
    from drafter.inputs import profile_checks

    assert profile_checks._names("Báo Gia Lai", "Gia Lai") and not profile_checks._names("Báo Gia Laiii", "Gia Lai")

    def no_pattern(*args, **kwargs):
        raise AssertionError("a pattern searched for a name the text does not contain")

    monkeypatch.setattr(profile_checks.re, "search", no_pattern)
    assert not profile_checks._names("Báo và Phát thanh, Truyền hình Phú Thọ", "Gia Lai")


def test_the_registrys_label_counts_are_made_only_for_drafter_profiles(monkeypatch):
    from drafter.inputs import registry
    from drafter.inputs.catalogue import bundled
    from drafter.inputs.profile import load_profile

    counted = []
    real = registry._label_counts
    monkeypatch.setattr(registry, "_label_counts", lambda data: counted.append(1) or real(data))
    registry.bundled.cache_clear()
    try:
        load_profile("dak-lak-2026", bundled())
        assert counted == []
        assert sum(registry.bundled().labels.values()) > 0 and counted == [1]
    finally:
        registry.bundled.cache_clear()


def test_the_program_starts_with_only_the_command_it_runs():
    """typer builds every command's options on each start (12 ms); `drafter draft` needs one."""
    from drafter.cli import app
    from drafter.cli_start import command_name, only_the_command

    names = [command_name(info) for info in app.registered_commands]
    assert {"draft", "check", "harvest", "diff", "tasks", "serve"} <= set(names)
    for name in names:
        single = only_the_command(app, [name, "--help"])
        assert [command_name(info) for info in single.registered_commands] == [name]
    assert len(app.registered_commands) == len(names)  # the program itself keeps them all
    for args in ([], ["--help"], ["--version"], ["drafte"], ["Draft"]):
        assert only_the_command(app, args) is app, args


@pytest.mark.parametrize("name", ["draft", "check", "harvest", "tasks", "serve"])
def test_a_command_started_alone_has_the_same_help_and_errors(name):
    from typer.testing import CliRunner

    from drafter.cli import app
    from drafter.cli_start import only_the_command

    single = only_the_command(app, [name])
    for args in ([name, "--help"], [name, "--no-such-option"]):
        alone, whole = CliRunner().invoke(single, args), CliRunner().invoke(app, args)
        assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output), args


# --- layers: imports point down, and no circles -----------------------------------------------------

#: The layers, lowest first. A module may import from its own layer or a lower one. The ground floor
#: holds what every layer needs and that needs nothing of drafter: the version, the exception family,
#: what one input may cost, where bundled files live, safe writing, and the records that cross seams.
LAYERS = (
    ("ground", {"drafter", "_version", "errors", "limits", "resources", "output", "edits", "paths"}),
    ("text", {"text"}),
    ("inputs", {"inputs"}),
    ("plan", {"plan"}),
    ("documents", {"docxio", "review", "check"}),  # sideways imports allowed, circles not
    ("library", {"api", "validation", "knowledge_report", "quality"}),
    ("shells", {"cli", "cli_app", "cli_lists", "cli_start", "cli_vi", "web", "__main__"}),
)

def module_imports(package: Path) -> dict[str, set[str]]:
    """Each module of the package (dotted name) and the package's modules it imports, at the top
    or inside a function, relative imports resolved. `from pkg import name` counts as importing
    pkg.name when that is a module, pkg otherwise."""
    root = package.parent
    modules: dict[str, tuple[Path, bool]] = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)

    def known(name: str) -> str | None:
        while name not in modules and "." in name:
            name = name.rsplit(".", 1)[0]
        return name if name in modules else None

    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in modules.items():
        here = name.split(".") if is_package else name.split(".")[:-1]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(here[:len(here) - node.level + 1] + ([base] if base else []))
                targets.update(f"{base}.{alias.name}" if known(f"{base}.{alias.name}") == f"{base}.{alias.name}"
                               else base for alias in node.names)
        graph[name] = {t for t in map(known, targets) if t is not None and t != name}
    return graph


def layer_of(module: str) -> int:
    """The layer index of a module, by its first name under the package."""
    parts = module.split(".")
    unit = parts[1] if len(parts) > 1 else parts[0]
    for index, (_, units) in enumerate(LAYERS):
        if unit in units:
            return index
    raise AssertionError(f"{module} has no place in LAYERS: give it one")


def upward_imports(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    layer = {module: layer_of(module) for module in graph}  # every module has a place, imported or not
    return {(source, target) for source, targets in graph.items() for target in targets
            if layer[target] > layer[source]}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            step = next(successors, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph.get(step, ())))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def unit_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same imports between top-level packages and modules (inputs ↔ output is a circle here
    even when no two modules form one)."""
    def unit(module: str) -> str:
        return ".".join(module.split(".")[:2])
    units: dict[str, set[str]] = {unit(m): set() for m in graph}
    for source, targets in graph.items():
        units[unit(source)].update(unit(t) for t in targets if unit(t) != unit(source))
    return units


def test_imports_point_down_the_layers():
    graph = module_imports(REPO / "drafter")
    assert upward_imports(graph) == set()


def test_no_import_circles_among_modules_or_packages():
    graph = module_imports(REPO / "drafter")
    assert circles(graph) == []
    assert circles(unit_graph(graph)) == []


def test_the_layer_checker_sees_upward_imports_and_circles_inside_functions(tmp_path):
    """The same checker on a made-up package: an upward import hidden in a function, a relative
    import two levels up, and a circle closed only inside a function are all found."""
    tree = {
        "__init__.py": "",
        "errors.py": "",
        "text/__init__.py": "",
        "text/vn.py": "def f():\n    from .. import plan\n",
        "plan/__init__.py": "",
        "plan/draft.py": "from ..text.vn import f\nfrom . import body\n",
        "plan/body.py": "def g():\n    from .draft import x\n",
        "inputs/__init__.py": "",
        "inputs/a.py": "from drafter.errors import E\nfrom drafter import text\n",
    }
    for name, code in tree.items():
        (tmp_path / "drafter" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "drafter" / name).write_text(code, encoding="utf-8")
    graph = module_imports(tmp_path / "drafter")
    assert graph["drafter.plan.draft"] == {"drafter.text.vn", "drafter.plan.body"}
    assert graph["drafter.inputs.a"] == {"drafter.errors", "drafter.text"}
    assert upward_imports(graph) == {("drafter.text.vn", "drafter.plan")}
    assert circles(graph) == [["drafter.plan.body", "drafter.plan.draft"]]
    assert circles(unit_graph(graph)) == [["drafter.plan", "drafter.text"]]
    (tmp_path / "drafter" / "stray.py").write_text("", encoding="utf-8")
    with pytest.raises(AssertionError, match="drafter.stray has no place"):
        upward_imports(module_imports(tmp_path / "drafter"))
