"""The admin form's configuration (``ocop cms-config``, products/admin/config.yml) follows the record
format field by field, and the admin page (admin/) is built pinned, policed and unlisted."""

import base64
import hashlib
import html
import io
import json
import os
import re
import subprocess
import tarfile
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from conftest import TODAY

import ocop.outputs.cms_config as cms
from ocop.reading.dataset import load_dataset, read_settings
from ocop.reading.publisher import NO_PUBLISHER
from ocop.reading.schema import PRODUCT, Field
from ocop.site.admin import content_security_policy, id_settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "products"
COMMITTED = SAMPLE / "admin" / "config.yml"


def schema_paths(fields, prefix=()):
    """Every field of the record format as a dotted path; a list's items as ``key[]``."""
    paths = []
    for f in fields:
        path = prefix + (f.key,)
        paths.append(".".join(path))
        if f.kind == "mapping":
            paths += schema_paths(f.fields, path)
        elif f.kind in ("localized_text", "localized_markdown"):
            paths += [".".join(path + (lang,)) for lang in ("vi", "en")]
        elif f.kind == "list" and f.item.kind == "mapping":
            paths += schema_paths(f.item.fields, path[:-1] + (f.key + "[]",))
        elif f.kind == "points_by_code":
            paths.append(".".join(path + ("*",)))
    return paths


def config_paths(fields, prefix=()):
    """The same paths read from a Decap configuration's fields."""
    paths = []
    for node in fields:
        path = prefix + (node["name"],)
        paths.append(".".join(path))
        if node["widget"] == "object":
            if node["name"] == "criteria":
                paths.append(".".join(path + ("*",)))
            else:
                paths += config_paths(node["fields"], path)
        elif node["widget"] == "list" and "fields" in node:
            paths += config_paths(node["fields"], path[:-1] + (node["name"] + "[]",))
    return paths


def sample_settings():
    return read_settings(SAMPLE, [])


def collection(config):
    (only,) = config["collections"]
    return only


def fields_by_path(fields, prefix=()):
    found = {}
    for node in fields:
        path = prefix + (node["name"],)
        found[".".join(path)] = node
        found.update(fields_by_path(node.get("fields", []), path))
    return found


def test_the_committed_configuration_is_the_generated_one(run_ocop):
    units, publisher = sample_settings()
    assert COMMITTED.read_text(encoding="utf-8") == cms.cms_config_text(units, publisher, "products"), \
        "products/admin/config.yml is stale: run `.venv/bin/ocop cms-config` and commit it"
    result = run_ocop("cms-config", "--check", "--products", SAMPLE)
    assert result.status == 0 and "is up to date" in result.out


@pytest.mark.parametrize("folder", [SAMPLE, "tests/fixtures/site/products"])
def test_libyamls_emitter_writes_the_text_pyyamls_own_writes(folder, monkeypatch):
    """The text is written with libyaml where PyYAML has it: a machine without it writes the same file,
    so that the committed copy is never called stale there."""
    units, publisher = read_settings(Path(folder), [])
    assert cms.DUMPER is yaml.CSafeDumper, "PyYAML without libyaml: the build writes the slower way"
    fast = cms.cms_config_text(units, publisher, "products")
    monkeypatch.setattr(cms, "DUMPER", yaml.SafeDumper)
    assert fast == cms.cms_config_text(units, publisher, "products")
    assert "Phường" in fast and "\\u" not in fast, "Vietnamese is written as it is, not escaped"


def test_the_committed_configuration_covers_every_field_of_the_record_format():
    committed = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    assert config_paths(collection(committed)["fields"]) == schema_paths(PRODUCT)


def test_a_field_added_to_the_record_format_is_missing_from_the_committed_configuration(monkeypatch):
    """The check above fails when the schema grows and the configuration is not generated again."""
    grown = PRODUCT + (Field("harvest", "text", "mùa thu hoạch", "harvest", False, "tháng 3"),)
    monkeypatch.setattr(cms, "PRODUCT", grown)
    committed = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    assert "harvest" in schema_paths(grown) and "harvest" not in config_paths(collection(committed)["fields"])
    regenerated = cms.cms_config(*sample_settings(), "products")
    assert config_paths(collection(regenerated)["fields"]) == schema_paths(grown)
    assert fields_by_path(collection(regenerated)["fields"])["harvest"] == {
        "name": "harvest", "label": "Mùa thu hoạch", "widget": "string", "required": False}


def test_cms_config_check_fails_on_a_stale_file_and_names_the_fix(tmp_path, monkeypatch, run_ocop):
    monkeypatch.chdir(tmp_path)
    folder = Path("products")
    folder.mkdir()
    (folder / "dataset.yaml").write_text("id_prefix: LD\nprovince: Lâm Đồng\n", encoding="utf-8")
    missing = run_ocop("cms-config", "--check", "--products", folder)
    assert missing.status == 1
    assert missing.err == (f"{folder}/admin/config.yml chưa có: chạy `ocop cms-config --products {folder}` rồi commit "
                           f"tệp. / {folder}/admin/config.yml is missing: run `ocop cms-config --products {folder}` "
                           "and commit the file.\n")
    written = run_ocop("cms-config", "--products", folder)
    assert written.status == 0 and written.out == f"Đã ghi {folder}/admin/config.yml. / Wrote {folder}/admin/config.yml.\n"
    assert run_ocop("cms-config", "--check", "--products", folder).status == 0
    (folder / "dataset.yaml").write_text("id_prefix: LD\nprovince: Lâm Đồng\ncms: {backend: forgejo, repo: so/ocop}\n",
                                         encoding="utf-8")
    stale = run_ocop("cms-config", "--check", "--products", folder)
    assert stale.status == 1 and "is out of date" in stale.err


def test_labels_hints_required_flags_and_choices_come_from_the_record_format():
    fields = fields_by_path(collection(cms.cms_config(*sample_settings(), "products"))["fields"])
    assert fields["id"]["widget"] == cms.ID_WIDGET and fields["id"]["pattern"][0] == "^LC-[A-Z0-9]+(-[A-Z0-9]+)*$"
    assert fields["name.vi"] == {"name": "vi", "label": "Tiếng Việt", "widget": "string", "required": True}
    assert fields["name.en"]["required"] is False
    assert fields["producer.phone"]["label"] == "Điện thoại" and fields["producer.phone"]["required"] is False
    # A group the record may leave out never blocks a save; the validator requires its fields once it is there.
    assert fields["revocation"]["required"] is False and fields["revocation"]["collapsed"] is True
    assert {fields[f"revocation.{key}"]["required"] for key in ("decision", "date", "ground", "reason", "reason.vi")} \
        == {False}
    assert fields["certificates.decision"]["required"] is True  # an item exists only once added
    sets = fields["product_set"]["options"]
    assert len(sets) == 26 and sets[10] == {"label": "11 – Chè tươi, chè chế biến", "value": 11}
    units = {option["value"]: option["label"] for option in fields["unit"]["options"]}
    assert units["phuong-tan-phong"] == "Phường Tân Phong (01/07/2025–…) – phuong-tan-phong"
    assert fields["producer.kind"]["options"][1] == {"label": "Hợp tác xã (cooperative)", "value": "cooperative"}
    assert [o["value"] for o in fields["certificates.level"]["options"]] == ["district", "province", "central"]
    grounds = {o["value"]: o["label"] for o in fields["revocation.ground"]["options"]}
    assert grounds["đ"] == "Chủ thể không còn sản xuất sản phẩm (đ)" and len(grounds) == 6
    assert fields["certificates.date"] == {
        "name": "date", "label": "Ngày quyết định", "widget": "datetime", "format": "YYYY-MM-DD",
        "date_format": "DD/MM/YYYY", "time_format": False, "picker_utc": True, "required": True}
    assert fields["certificates.stars"] == {
        "name": "stars", "label": "Số sao", "widget": "number", "value_type": "int", "min": 3, "max": 5,
        "required": True}
    assert fields["images.file"]["widget"] == "image" and fields["evaluations.criteria.1.1"]["widget"] == "number"
    assert fields["aliases"]["field"]["pattern"][0] == "^[A-Z0-9]+(-[A-Z0-9]+)*$"


def test_the_records_and_their_photos_are_where_the_loader_reads_them():
    config = cms.cms_config(*sample_settings(), "ocop/lam-dong")
    products = collection(config)
    assert (config["media_folder"], products["folder"], products["extension"]) == ("ocop/lam-dong/media",
                                                                                   "ocop/lam-dong", "yaml")
    # A photo of LC-0016 goes to <folder>/media/LC-0016/ and is written "LC-0016/<file>", as records say.
    assert (products["media_folder"], products["public_folder"]) == ("media/{{slug}}", "{{slug}}")
    assert products["delete"] is False and products["slug"] == "{{fields.id}}"


def test_without_a_git_host_the_form_works_only_on_this_computer():
    config = cms.cms_config(*sample_settings(), "products")
    assert config["backend"]["name"] == "proxy" and config["local_backend"] == {"url": cms.LOCAL_BACKEND_URL}
    assert "publish_mode" not in config


@pytest.mark.parametrize("settings, backend, policy_hosts", [
    ({"backend": "github", "repo": "so-nn/ocop", "base_url": "https://auth.example.vn", "review": "true"},
     {"name": "github", "repo": "so-nn/ocop", "branch": "main", "base_url": "https://auth.example.vn"},
     ["https://api.github.com", "https://auth.example.vn"]),
    ({"backend": "forgejo", "repo": "so-nn/ocop", "branch": "du-lieu", "base_url": "https://git.example.vn",
      "api_root": "https://git.example.vn/api/v1", "app_id": "a1b2", "review": "true"},
     {"name": "forgejo", "repo": "so-nn/ocop", "branch": "du-lieu", "base_url": "https://git.example.vn",
      "api_root": "https://git.example.vn/api/v1", "app_id": "a1b2", "auth_type": "pkce"},
     ["https://git.example.vn"]),
    ({"backend": "gitea", "repo": "so-nn/ocop", "api_root": "https://gitea.example.vn/api/v1"},
     {"name": "gitea", "repo": "so-nn/ocop", "branch": "main", "api_root": "https://gitea.example.vn/api/v1"},
     ["https://gitea.example.vn"]),
])
def test_the_git_host_of_dataset_yaml_and_the_page_policy(settings, backend, policy_hosts):
    units, publisher = sample_settings()
    config = cms.cms_config(units, replace(publisher, cms=settings), "products")
    commit_messages = config["backend"].pop("commit_messages")
    assert config["backend"] == backend
    assert commit_messages["create"] == "Thêm hồ sơ {{slug}} qua trang quản trị / Add {{slug}} from the admin page"
    assert ("publish_mode" in config) == (settings.get("review") == "true")
    policy = dict(part.strip().split(" ", 1) for part in content_security_policy(settings).split(";"))
    assert policy["connect-src"] == " ".join(["'self'", "blob:", "data:", "http://127.0.0.1:8081", *policy_hosts])
    assert policy["script-src"] == "'self' 'unsafe-eval' 'wasm-unsafe-eval'"
    assert policy["default-src"] == "'none'"


def test_a_wildcard_or_a_quote_in_dataset_yaml_never_widens_the_page_policy():
    for hostile in ("https://*.com", 'https://git.example.vn"; script-src *', "javascript://x.vn", "https://a b.vn"):
        policy = content_security_policy({"backend": "gitea", "repo": "a/b", "api_root": hostile})
        assert "connect-src 'self' blob: data: http://127.0.0.1:8081;" in policy, hostile


def test_a_dataset_of_the_whole_country_types_a_unit_code():
    units, _ = sample_settings()
    fields = fields_by_path(collection(cms.cms_config(units, NO_PUBLISHER, "products"))["fields"])
    assert fields["unit"]["widget"] == "string"


def test_the_next_id_counts_aliases_and_the_git_history(tmp_path):
    """admin/ids.json: the form proposes the number after the highest ever used, as `ocop new` does."""
    repo = tmp_path / "repo"
    folder = repo / "products"
    folder.mkdir(parents=True)
    record = (SAMPLE / "LC-0001.yaml").read_text(encoding="utf-8")
    (folder / "dataset.yaml").write_text("id_prefix: LC\n", encoding="utf-8")
    (folder / "LC-0001.yaml").write_text(record.replace("images:\n  - file: LC-0001/hop-che.jpg\n    alt:\n"
                                                        "      vi: Hộp chè 200 g\n      en: 200 g box of tea\n", "")
                                         + "aliases:\n  - LC-0030\n", encoding="utf-8")
    (folder / "LC-0041.yaml").write_text(record.replace("id: LC-0001", "id: LC-0041"), encoding="utf-8")

    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.vn", *args], cwd=repo, check=True,
                       capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "two records")
    git("rm", "-q", "products/LC-0041.yaml")
    git("commit", "-q", "-m", "one deleted")
    settings = id_settings(load_dataset(folder, TODAY, check_images=False, check_history=False))
    assert settings == {"prefix": "LC", "width": 4, "highest": 41,
                        "record_name": r"^[A-Z0-9]+(-[A-Z0-9]+)*\.(yaml|yml)$"}


def test_the_admin_page_is_unlisted_pinned_and_policed(site):
    if not (ROOT / "vendor" / "decap-cms" / "decap-cms.js").is_file():
        message = "Decap CMS not fetched: run `python scripts/vendor_npm.py` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    page = _get(site + "admin/").decode("utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    assert html.unescape(policy) == content_security_policy(None)
    scripts = dict(re.findall(r'<script src="([^"]+)" integrity="([^"]+)"></script>', page))
    assert set(scripts) == {"decap-cms.js", "ocop-cms.js"}
    for name, integrity in scripts.items():
        assert integrity == "sha384-" + base64.b64encode(hashlib.sha384(_get(site + "admin/" + name)).digest()).decode()
    assert _get(site + "admin/config.yml").decode("utf-8") == COMMITTED.read_text(encoding="utf-8")
    assert json.loads(_get(site + "admin/ids.json"))["prefix"] == "LC"
    for public in ("", "en/", "sitemap.xml", "p/LC-0001/"):
        assert "admin/" not in _get(site + public).decode("utf-8"), f"{public or 'home'} links the admin page"


def _get(url) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def _tarball(members) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data, kind in members:
            info = tarfile.TarInfo(name)
            info.type = kind
            if kind == tarfile.SYMTYPE:
                info.linkname = "/etc/passwd"
            else:
                info.size = len(data)
            archive.addfile(info, io.BytesIO(data) if kind != tarfile.SYMTYPE else None)
    return buffer.getvalue()


def test_the_vendored_tarball_keeps_only_the_named_regular_files(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("vendor_npm", ROOT / "scripts" / "vendor_npm.py")
    vendor_npm = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor_npm)
    tarball = tmp_path / "cms.tgz"
    tarball.write_bytes(_tarball([
        ("package/dist/decap-cms.js", b"cms", tarfile.REGTYPE),
        ("package/dist/12.decap-cms.js", b"chunk", tarfile.REGTYPE),
        ("package/dist/decap-cms.js.map", b"map", tarfile.REGTYPE),
        ("package/dist/../../evil.js", b"evil", tarfile.REGTYPE),
        ("package/dist/link.decap-cms.js", b"", tarfile.SYMTYPE),
    ]))
    target = tmp_path / "out"
    target.mkdir()
    count = vendor_npm._extract(tarball, ["dist/decap-cms.js", "dist/*.decap-cms.js"], target)
    assert count == 2 and sorted(p.name for p in target.iterdir()) == ["12.decap-cms.js", "decap-cms.js"]
    assert not (tmp_path / "evil.js").exists()


def test_the_pinned_hash_is_the_registry_format():
    entry = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["vendor"]["decap-cms"]
    assert entry["integrity"].startswith("sha512-") and len(entry["integrity"]) == len("sha512-") + 88
    vendored = ROOT / "vendor" / "decap-cms" / ".vendored.json"
    if vendored.is_file():
        assert json.loads(vendored.read_text(encoding="utf-8"))["integrity"] == entry["integrity"]
