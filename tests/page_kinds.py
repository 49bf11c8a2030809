"""One page of each kind the public site has, in the sample site: the checks that must hold on every
kind of page (the phone's width, axe-core) take their list from here. A new kind of page is added
here, so that no check forgets it."""

PAGE_KINDS = {
    "home": "",
    "home-en": "en/",
    "product-valid": "p/LC-0001/",
    "product-valid-en": "en/p/LC-0001/",
    "product-expiring": "p/LC-0005/",
    "product-expired": "p/LC-0011/",
    "product-revoked": "p/LC-0007/",
    "product-withdrawn": "p/LC-0015/",
    "list-group": "san-pham/nhom/thuc-pham/",
    "list-stars": "san-pham/sao/3/",
    "list-unit": "san-pham/don-vi/phuong-tan-phong/",
    "list-inactive": "san-pham/het-hieu-luc/",
    "list-all": "san-pham/",
    "list-index-groups": "san-pham/nhom/",
    "list-index-stars": "san-pham/sao/",
    "list-index-units": "san-pham/don-vi/",
    "page": "gioi-thieu/",
    "page-en": "en/gioi-thieu/",
    "news": "tin-tuc/",
    "news-item": "tin-tuc/hoi-cho-ocop-thang-9-2026/",
    "producer": "nha-san-xuat/to-hop-tac-mien-dong-suoi-mo/",  # the longest contact values (LC-0005)
    "producer-en": "en/nha-san-xuat/cong-ty-tnhh-nong-san-dinh-may/",
    "producers": "nha-san-xuat/",
    "sales": "noi-ban/",
    "sales-unit": "noi-ban/phuong-tan-phong/",
    "sales-online-en": "en/noi-ban/truc-tuyen/",
    "not-found": "404.html",
    "open-data": "data/",
    "offline": "offline.html",  # what the offline worker shows for a page never saved
}
