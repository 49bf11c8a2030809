"""Publishing: the GitHub Actions workflows, `ocop validate --format github`, and the
Makefile's publish-rsync / publish-s3 targets. Offline: workflows are read as YAML, and
`make` runs with -n (print, do not run) or stops at its check before doing anything.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import GOOD_RECORD, TODAY_ARG, write_record

from ocop.cli import validate

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
VALIDATE = ("validate", "--today", TODAY_ARG, "--format", "github")

BAD_DATE_LINE = (
    "::error file=products/LC-0001.yaml,line=35,col=11,title=SP102 [certificates[0].date]::"
    "Ngày '2024-13-01' không hợp lệ. / Date '2024-13-01' is not a valid date. — "
    "Cách sửa: viết NĂM-THÁNG-NGÀY, ví dụ 2024-06-28. / Fix: use YYYY-MM-DD.")


# --- Workflows --------------------------------------------------------------------------


def load_workflow(name):
    doc = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean True.
    if True in doc:
        doc["on"] = doc.pop(True)
    return doc


def triggers(doc):
    on = doc["on"]
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on


def steps(doc):
    return [step for job in doc["jobs"].values() for step in job.get("steps", [])]


def run_lines(doc):
    return "\n".join(step.get("run", "") for step in steps(doc))


def uses(doc):
    return [step["uses"] for step in steps(doc) if "uses" in step]


def permissions(doc):
    """Permissions granted anywhere: workflow level and every job."""
    granted = dict(doc.get("permissions") or {})
    for job in doc["jobs"].values():
        granted.update(job.get("permissions") or {})
    return granted


def checkout_steps(doc):
    return [step for step in steps(doc) if step.get("uses", "").startswith("actions/checkout@")]


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml")),
                         ids=lambda p: p.name)
def test_every_workflow_parses_and_pins_actions_by_major_version(path):
    doc = load_workflow(path.name)
    assert doc["on"], f"{path.name}: no trigger"
    assert doc["jobs"], f"{path.name}: no job"
    for job_name, job in doc["jobs"].items():
        assert "runs-on" in job, f"{path.name}: job {job_name} has no runs-on"
    for action in uses(doc):
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", action), f"{path.name}: {action} is not pinned to a major version"


def test_both_workflows_exist():
    assert (WORKFLOWS / "pr.yml").is_file()
    assert (WORKFLOWS / "deploy.yml").is_file()


def test_pull_request_workflow_validates_builds_and_tests():
    doc = load_workflow("pr.yml")
    assert "pull_request" in triggers(doc)
    commands = run_lines(doc)
    assert "ocop validate --format github" in commands
    assert "make html" in commands or "make publish" in commands
    assert "make test" in commands or ".ci/run" in commands
    # The validation comes first: its annotations are what an officer needs to see.
    assert commands.index("ocop validate --format github") < commands.index("make html")


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_checkout_fetches_the_whole_history(name):
    doc = load_workflow(name)
    checkouts = checkout_steps(doc)
    assert checkouts, f"{name}: no actions/checkout step"
    for step in checkouts:
        assert step.get("with", {}).get("fetch-depth") == 0, f"{name}: checkout without fetch-depth: 0"


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_python_is_3_11(name):
    doc = load_workflow(name)
    versions = [str(step["with"]["python-version"]) for step in steps(doc)
                if step.get("uses", "").startswith("actions/setup-python@")]
    containers = [str(job.get("container", "")) for job in doc["jobs"].values()]
    assert versions == ["3.11"] or any(c.startswith("python:3.11") for c in containers)


def test_deploy_workflow_runs_daily_and_deploys_to_pages():
    doc = load_workflow("deploy.yml")
    on = triggers(doc)
    assert "main" in on["push"]["branches"]
    assert "workflow_dispatch" in on
    crons = [entry["cron"] for entry in on["schedule"]]
    assert len(crons) == 1
    minute, hour, day, month, weekday = crons[0].split()
    assert (day, month, weekday) == ("*", "*", "*"), "once a day, every day"
    assert minute.isdigit() and hour.isdigit()

    commands = run_lines(doc)
    assert "make publish" in commands
    assert "ocop validate --format github" in commands
    # The daily run computes statuses as of the day it runs, and that day is Vietnam's.
    envs = [doc.get("env") or {}] + [job.get("env") or {} for job in doc["jobs"].values()] \
        + [step.get("env") or {} for step in steps(doc)]
    assert not any("OCOP_TODAY" in env for env in envs) and "OCOP_TODAY" not in commands
    build_job = next(job for job in doc["jobs"].values() if "make publish" in str(job.get("steps")))
    assert {**(doc.get("env") or {}), **(build_job.get("env") or {})}.get("TZ") == "Asia/Ho_Chi_Minh"

    actions = {action.split("@")[0] for action in uses(doc)}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= actions
    granted = permissions(doc)
    assert granted.get("pages") == "write"
    assert granted.get("id-token") == "write"
    assert doc["concurrency"]["group"]


def test_deploy_workflow_gives_the_site_its_address():
    doc = load_workflow("deploy.yml")
    build = next(step for step in steps(doc) if "make publish" in step.get("run", ""))
    assert "SITEURL" in build["run"]
    assert "vars.SITEURL" in str(build.get("env", {}))


def test_deploy_workflow_keeps_the_cache_and_yesterdays_site_for_the_next_build():
    """Without yesterday's site the daily build renders every page again; with it, only what
    changed. The folder kept is the one built and uploaded, and the cache is restored before
    the build."""
    doc = load_workflow("deploy.yml")
    names = [step.get("uses", "").split("@")[0] or step.get("run", "") for step in steps(doc)]
    cache = next(step for step in steps(doc) if step.get("uses", "").startswith("actions/cache@"))
    kept = cache["with"]["path"].split()
    upload = next(step for step in steps(doc) if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert ".cache/ocop" in kept and upload["with"]["path"] in kept
    build_at = next(i for i, name in enumerate(names) if "make publish" in name)
    assert names.index("actions/cache") < build_at


# --- ocop validate --format github --------------------------------------------------------


def test_validate_offers_the_github_format_after_text():
    assert validate.FORMATS[0] == "text"
    assert "github" in validate.FORMATS


def test_github_format_annotates_a_bad_date(products, run_ocop):
    write_record(products, "LC-0001", GOOD_RECORD.replace("date: 2024-06-28", "date: 2024-13-01"))
    result = run_ocop(*VALIDATE)
    assert result.status == 1
    assert result.out == BAD_DATE_LINE + "\n1 hồ sơ, 1 lỗi, 0 cảnh báo. / 1 record, 1 error, 0 warnings.\n"
    assert result.err == ""


def test_github_format_of_a_clean_folder_is_the_summary(products, run_ocop):
    write_record(products, "LC-0001", GOOD_RECORD)
    result = run_ocop(*VALIDATE)
    assert (result.status, result.out) == (0, "1 hồ sơ, 0 lỗi, 0 cảnh báo. / 1 record, 0 errors, 0 warnings.\n")


def test_github_format_escapes_a_newline_and_percent_in_the_message(products, run_ocop):
    # A double-quoted YAML value may hold a real line break ("\n"): it must stay on one line. Every
    # message shows a control character escaped (\x0a), so the value cannot fake more lines.
    write_record(products, "LC-0001", GOOD_RECORD.replace("date: 2024-06-28", 'date: "100%\\n28"'))
    result = run_ocop(*VALIDATE)
    assert result.status == 1
    assert result.out.splitlines()[0] == (
        "::error file=products/LC-0001.yaml,line=35,col=11,title=SP102 [certificates[0].date]::"
        "Ngày '100%25\\x0a28' không hợp lệ. / Date '100%25\\x0a28' is not a valid date. — "
        "Cách sửa: viết NĂM-THÁNG-NGÀY, ví dụ 2024-06-28. / Fix: use YYYY-MM-DD.")


def test_github_format_warnings_and_escaped_properties(products, run_ocop):
    # Expiring in 151 days (SP302) and a stray file whose name holds ',' and '%' (SP009):
    # two warnings; in the file= property ',' becomes %2C and '%' %25.
    write_record(products, "LC-0001", GOOD_RECORD.replace("2024-06-2", "2024-04-2"))
    (products / "ghi chu, 50%.txt").write_text("x", encoding="utf-8")
    result = run_ocop(*VALIDATE)
    assert result.status == 0, "warnings do not fail, as in the text format"
    assert result.out.splitlines() == [
        "::warning file=products/LC-0001.yaml,line=34,col=5,title=SP302 [certificates[0]]::"
        "Giấy chứng nhận 1234/QĐ-UBND hết hạn ngày 28/04/2027, còn 151 ngày. / "
        "Certificate 1234/QĐ-UBND expires on 28/04/2027, 151 days from now. — "
        "Cách sửa: nộp hồ sơ đánh giá lại từ 30/10/2026 đến 29/12/2026 (180 đến 120 ngày trước khi hết hạn). / "
        "Fix: file the re-rating dossier from 30/10/2026 to 29/12/2026 (180 to 120 days before expiry).",
        "::warning file=products/ghi chu%2C 50%25.txt,title=SP009::"
        "'ghi chu, 50%25.txt' không phải hồ sơ sản phẩm (<MÃ>.yaml) nên bị bỏ qua. / "
        "'ghi chu, 50%25.txt' is not a product record (<ID>.yaml), so it is ignored. — "
        "Cách sửa: chuyển 'ghi chu, 50%25.txt' ra khỏi thư mục hồ sơ; nếu đó là hồ sơ sản phẩm, "
        "đặt tên theo mã, ví dụ LC-0015.yaml. / Fix: move 'ghi chu, 50%25.txt' out of the records folder; "
        "if it is a product record, name it after the id, e.g. LC-0015.yaml.",
        "1 hồ sơ, 0 lỗi, 2 cảnh báo. / 1 record, 0 errors, 2 warnings.",
    ]
    assert run_ocop(*VALIDATE, "--strict").status == 1


def test_github_format_escapes_colon_and_comma_in_a_property(products, run_ocop):
    # A record file named with ':' and ',' (and the wrong extension): the name goes into file=.
    write_record(products, "LC,1:2", GOOD_RECORD, suffix=".yml")
    lines = run_ocop(*VALIDATE).out.splitlines()
    assert lines[0].startswith("::error file=products/LC%2C1%3A2.yml,title=SP008::")
    # The message keeps ':' and ',' as they are: only properties escape them.
    assert "rename the file to LC,1:2.yaml." in lines[0]


def test_github_format_exit_codes_match_the_text_format(products, run_ocop):
    write_record(products, "LC-0001", GOOD_RECORD.replace("date: 2024-06-28", "date: 2024-13-01"))
    text = run_ocop("validate", "--today", TODAY_ARG)
    github = run_ocop(*VALIDATE)
    assert text.status == github.status == 1
    assert text.out.splitlines()[-1] == github.out.splitlines()[-1]


# --- Makefile: publish-rsync, publish-s3 ---------------------------------------------------


def make(*argv):
    """`make argv…` in the repository, with none of the publish variables inherited."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"SITEURL", "RSYNC_TARGET", "S3_BUCKET", "S3_ENDPOINT", "OUTPUT", "OCOP_TODAY",
                          "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}}
    return subprocess.run(["make", *argv], cwd=REPO, env=env, capture_output=True, text=True, timeout=60)


SITE = "SITEURL=https://ocop.example.vn"


def test_publish_rsync_builds_then_copies():
    result = make("-n", "publish-rsync", "RSYNC_TARGET=x:/y", SITE)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "rsync -az --delete 'output/' 'x:/y'" in lines
    build = next(i for i, line in enumerate(lines) if "-s publishconf.py" in line)
    assert build < lines.index("rsync -az --delete 'output/' 'x:/y'"), "the build comes before the copy"


def test_publish_rsync_refuses_without_its_target():
    result = make("publish-rsync", SITE)
    assert result.returncode != 0
    assert "Cần RSYNC_TARGET" in result.stderr and "RSYNC_TARGET is required" in result.stderr
    assert "pelican" not in result.stdout, "nothing is built before the check"


def test_publish_s3_builds_then_syncs_with_cache_headers():
    result = make("-n", "publish-s3", "S3_BUCKET=s3://bucket/prefix", SITE)
    assert result.returncode == 0, result.stderr
    syncs = [line for line in result.stdout.splitlines() if line.startswith("aws s3 sync ")]
    assert len(syncs) == 2
    assets, pages = syncs
    for line in syncs:
        assert line.startswith("aws s3 sync 'output/' 's3://bucket/prefix' --delete")
        assert "--endpoint-url" not in line
    # Photos, QR codes, CSS, JS first, for a day; then pages and data, for five minutes.
    assert "--exclude '*.html'" in assets and "--cache-control 'public, max-age=86400'" in assets
    assert "--exclude '*' --include '*.html'" in pages and "--include '*.json'" in pages
    assert "--cache-control 'public, max-age=300'" in pages
    assert "-s publishconf.py" in result.stdout.split("aws s3 sync")[0]


def test_publish_s3_uses_the_endpoint_of_an_s3_compatible_store():
    result = make("-n", "publish-s3", "S3_BUCKET=s3://b", "S3_ENDPOINT=https://s3.example.vn", SITE)
    assert result.returncode == 0, result.stderr
    syncs = [line for line in result.stdout.splitlines() if line.startswith("aws s3 sync ")]
    assert len(syncs) == 2
    assert all("--endpoint-url 'https://s3.example.vn'" in line for line in syncs)


def test_publish_s3_refuses_without_its_bucket():
    result = make("publish-s3", SITE)
    assert result.returncode != 0
    assert "Cần S3_BUCKET" in result.stderr and "S3_BUCKET is required" in result.stderr
    assert "pelican" not in result.stdout


def test_publish_targets_are_phony():
    phony = " ".join(line for line in (REPO / "Makefile").read_text(encoding="utf-8").splitlines()
                     if line.startswith(".PHONY:"))
    assert "publish-rsync" in phony.split() and "publish-s3" in phony.split()


# --- docs/publishing.md -------------------------------------------------------------------


def test_publishing_guide_vietnamese_first_with_nginx_snippet():
    text = (REPO / "docs" / "publishing.md").read_text(encoding="utf-8")
    assert text.index("## Tiếng Việt") < text.index("## English")
    for needle in ("error_page 404 /404.html;", "try_files $uri $uri/ =404;", "gzip on;",
                   "make publish-rsync", "make publish-s3", "S3_ENDPOINT", "SITEURL", "GitHub Actions"):
        assert needle in text, needle
