"""Filters of the venv_doctor role: text from the hosts made safe for the fleet summary's Markdown.

Every string in a report comes from a host: shown as text, never as Markdown or HTML, with no control
characters (a terminal escape, a line break that would end a table row).
"""

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
# What makes Markdown of text inside a line: emphasis, code, links and images, HTML, tables, strikethrough.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#!|~&])")


def _visible(match):
    return "\\u%04x" % ord(match.group(0))


def md_text(value):
    """A value as Markdown text: control characters shown escaped, Markdown's punctuation backslashed."""
    text = _CONTROL.sub(_visible, "" if value is None else str(value))
    return _MARKDOWN.sub(r"\\\1", text)


def md_code(value):
    """A value as a Markdown code span (a command): control characters shown escaped, no backtick inside."""
    text = _CONTROL.sub(_visible, "" if value is None else str(value)).replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    return "%s %s %s" % (fence, text, fence) if fence == "``" else "`%s`" % text



def _verdict(report):
    if report is None:
        return "could not diagnose"
    return "ready" if report.get("ok") else "not ready"


def _python(report):
    python = report.get("python") or {}
    version = python.get("version")
    return "%s (%s)" % (python.get("command"), version) if version else "%s (no working interpreter)" % python.get("command")


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
        if report is not None:
            planned = before if before is not None else report
            row.update(
                os=(report.get("os") or {}).get("prettyName") or (report.get("os") or {}).get("id"),
                python=_python(report),
                exitCode=report.get("exitCode"),
                fixes=[fix["command"] for fix in planned.get("fixes", [])],
                advice=list(report.get("advice", [])),
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
        }
