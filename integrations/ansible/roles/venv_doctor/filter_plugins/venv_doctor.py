"""Filters of the venv_doctor role: text from the hosts made safe for the fleet summary's Markdown.

Every string in a report comes from a host: shown as text, never as Markdown or HTML, with no control
characters (a terminal escape, a line break that would end a table row).
"""

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match):
    return "\\u%04x" % ord(match.group(0))


def _shown(value):
    return _CONTROL.sub(_visible, "" if value is None else str(value))


def md_text(value):
    """Host text as Markdown text, as venv-doctor's own Markdown does (src/neutralize.ts markdownText): the
    punctuation that makes markup backslash-escaped, no HTML or entity, GFM's bare links broken, control
    characters shown escaped."""
    text = "" if value is None else str(value)
    text = re.sub(r"([\\`*_\[\]|~#$])", r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r":(?=//)", r"\\:", text)
    text = re.sub(r"(www)\.", r"\1\\.", text, flags=re.IGNORECASE)
    text = text.replace("@", "\\@")
    return _shown(text)


def md_code(value):
    """A command as a code span in a table cell: a backtick fence longer than any run inside, padded; `|`
    escaped (GFM splits cells before code spans); control characters shown escaped."""
    text = _shown(value).replace("|", "\\|")
    longest = max([len(run) for run in re.findall(r"`+", text)] + [0])
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest > 0 else ""
    return "%s%s%s%s%s" % (fence, pad, text, pad, fence)


def label(value):
    """A host's string in Ansible's own output (a loop label): control characters shown escaped."""
    return _shown(value)


# The fixes venv-doctor plans (src/fixes/plan.ts), and nothing else: a report comes from the host, and the
# fix playbook runs what it says, as root for apt.
_PACKAGE = re.compile(r"^[a-z0-9][a-z0-9.+-]{0,63}$")
# A Python interpreter by its name or its absolute path: python3, python3.12, /usr/bin/python3.12, pypy3.10 ...
_INTERPRETER = re.compile(r"^(/[A-Za-z0-9._+-]+)*/(python|pypy)[0-9.]*t?(-dbg)?$|^python3(\.[0-9]+)?(-dbg)?$")
_APT_GET = ("apt-get", "/usr/bin/apt-get")


def _venv_path(path):
    parts = path.split("/")
    return bool(path) and not path.startswith("-") and ".." not in parts and not any(
        _CONTROL.search(p) for p in parts
    )


def _judged(python):
    """The interpreters the host's own report says it judged: python3 as typed, where it was found and what it
    runs, and the other python3.X on PATH. A venv fix may name only one of these."""
    if not isinstance(python, dict):
        return set()
    names = {python.get("command"), python.get("resolved"), python.get("executable")}
    for other in python.get("others") or []:
        if isinstance(other, dict):
            names.update({other.get("name"), other.get("path")})
    return {str(n) for n in names if isinstance(n, str) and n}


def checked_fixes(fixes, user_id, project_dir="", python=None):
    """Each planned fix as the playbook runs it: argv (sudo taken off: become does that), become (apt only,
    and only when the connecting user is not root), command (for the log). Raises on anything venv-doctor
    does not plan, naming it. With the report's python, a venv fix's interpreter must be one it judged."""
    if not isinstance(fixes, list):
        raise ValueError("the report's fixes are not a list")
    judged = _judged(python) if python is not None else None
    checked = []
    for fix in fixes:
        if not isinstance(fix, dict) or not isinstance(fix.get("argv"), list):
            raise ValueError("a fix of the report is not a fix")
        argv = [str(a) for a in fix["argv"]]
        manager = fix.get("manager")
        if manager == "apt" and argv[:1] == ["sudo"]:
            argv = argv[1:]
        ok = False
        if manager == "apt" and argv[:1] and argv[0] in _APT_GET:
            rest = argv[1:]
            if rest == ["update"]:
                ok = True
            elif rest[:2] == ["install", "-y"]:
                names = rest[2:]
                if names[:1] == ["--reinstall"]:
                    names = names[1:]
                ok = bool(names) and all(_PACKAGE.match(n) for n in names)
        elif manager == "apt" and argv in (["add-apt-repository", "-y", "universe"], ["/usr/bin/add-apt-repository", "-y", "universe"]):
            ok = True
        elif manager == "venv" and len(argv) in (5, 6) and argv[1:4] == ["-I", "-m", "venv"]:
            path = argv[-1]
            clear_ok = len(argv) == 5 or argv[4] == "--clear"
            inside = not path.startswith("/") or (
                bool(project_dir) and (path + "/").startswith(str(project_dir).rstrip("/") + "/")
            )
            known = judged is None or argv[0] in judged
            ok = bool(_INTERPRETER.match(argv[0])) and known and clear_ok and _venv_path(path) and inside
        if not ok:
            raise ValueError("not a fix venv-doctor plans: %s" % label(" ".join(argv)))
        checked.append(
            {
                "argv": argv,
                "become": manager == "apt" and str(user_id) != "root",
                "command": label(fix.get("command", " ".join(argv))),
            }
        )
    return checked


def _mapping(value):
    return value if isinstance(value, dict) else {}


def _verdict(report):
    if not isinstance(report, dict):
        return "could not diagnose"
    return "ready" if report.get("ok") is True else "not ready"


def _python(report):
    python = _mapping(report.get("python"))
    version = python.get("version")
    command = python.get("command")
    return "%s (%s)" % (command, version) if version else "%s (no working interpreter)" % command


def _commands(report):
    fixes = report.get("fixes") if isinstance(report, dict) else None
    if not isinstance(fixes, list):
        return []
    return [str(f["command"]) for f in fixes if isinstance(f, dict) and "command" in f]


def fleet(hostvars, hosts):
    """The fleet summary: a row per host (OS, Python, verdict, planned fix; before and after for the fix
    playbook) and a row per distinct fix with the hosts that need it."""
    rows = []
    by_fix = {}
    for host in hosts:
        facts = hostvars[host]
        before = facts.get("venv_doctor_before")
        report = facts.get("venv_doctor_after") or facts.get("venv_doctor_report")
        row = {"host": host, "verdict": _verdict(report), "os": None, "python": None, "exitCode": None, "fixes": []}
        if isinstance(report, dict):
            planned = before if isinstance(before, dict) else report
            advice = report.get("advice")
            row.update(
                os=_mapping(report.get("os")).get("prettyName") or _mapping(report.get("os")).get("id"),
                python=_python(report),
                exitCode=report.get("exitCode"),
                fixes=_commands(planned),
                advice=[str(a) for a in advice] if isinstance(advice, list) else [],
            )
            if before is not None:
                row["before"] = _verdict(before)
        rows.append(row)
        for command in row["fixes"]:
            by_fix.setdefault(command, []).append(host)
    fixes = [{"command": c, "count": len(h), "hosts": h} for c, h in by_fix.items()]
    fixes.sort(key=lambda f: (-f["count"], f["command"]))
    counts = {}
    for row in rows:
        counts[row["verdict"]] = counts.get(row["verdict"], 0) + 1
    return {"hosts": rows, "fixes": fixes, "counts": counts}


def file_name(host):
    """An inventory name as a file name of the report directory."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", str(host)).lstrip(".") or "_"


class FilterModule:
    def filters(self):
        return {
            "venv_doctor_md_text": md_text,
            "venv_doctor_md_code": md_code,
            "venv_doctor_fleet": fleet,
            "venv_doctor_file_name": file_name,
            "venv_doctor_label": label,
            "venv_doctor_checked_fixes": checked_fixes,
        }
