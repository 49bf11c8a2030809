"""``ocop cms-config``: write (or check) products/admin/config.yml, the admin form's configuration."""

from pathlib import Path

from ..outputs.cms_config import CONFIG_DIR_NAME, CONFIG_FILE_NAME, cms_config_text
from ..reading.history import folder_in_repository
from .common import add_check_option, folder_settings, write_generated

ORDER = 12
SUMMARY = ("Tạo products/admin/config.yml, cấu hình biểu mẫu của trang quản trị admin/. / "
           "Write products/admin/config.yml, the configuration of the admin/ form.")
EXAMPLE = "ocop cms-config --check"
NEEDS_DATASET = False  # reads only the dataset's settings (units.yaml, dataset.yaml), never the records


def add_arguments(parser):
    parser.description = (
        f"{SUMMARY}\n\n"
        "Tạo từ ocop/reading/schema.py (mọi trường, nhãn, gợi ý, giá trị được phép), các đơn vị của bộ dữ liệu\n"
        "và mục 'cms' của dataset.yaml (kho git). Đừng sửa tay: chạy lại lệnh này khi các tệp đó đổi.\n"
        "  / Generated from ocop/reading/schema.py, the dataset's units and dataset.yaml's 'cms' (the git host).\n"
        "  Never edit it by hand: run this command again when they change.")
    add_check_option(parser)


def run(args, data, out, err):
    settings = folder_settings(args, err)
    if isinstance(settings, int):
        return settings
    folder = Path(args.products)
    in_repository = folder_in_repository(folder)
    wanted = cms_config_text(*settings, in_repository if in_repository is not None else folder.resolve().name)
    return write_generated(folder / CONFIG_DIR_NAME / CONFIG_FILE_NAME, wanted, args, out, err,
                           "ocop/reading/schema.py và dataset.yaml", "ocop cms-config")
