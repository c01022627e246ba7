"""The demo cases' parties (cases/demo.py): fictional people and businesses, their identity numbers and credit codes
valid in format only."""

from __future__ import annotations

from typing import Any

from kernel.validators import credit_code_check_char, id_number_check_char

from .choices import PartyKind


def _person(name: str, id17: str, *, address: str, phone: str) -> dict[str, Any]:
    return {
        "kind": PartyKind.INDIVIDUAL,
        "name": name,
        "id_number": id17 + id_number_check_char(id17),
        "address": address,
        "phone": phone,
    }


def _organization(name: str, code17: str, *, legal_representative: str, address: str, phone: str) -> dict[str, Any]:
    return {
        "kind": PartyKind.ORGANIZATION,
        "name": name,
        "credit_code": code17 + credit_code_check_char(code17),
        "legal_representative": legal_representative,
        "address": address,
        "phone": phone,
    }


HOME_FURNISHING = _organization(
    "包头市尚品家居有限公司",
    "91150207MA0P6H1T2",
    legal_representative="孟凡军",
    address="内蒙古自治区包头市九原区建华南路88号",
    phone="0472-5216688",
)
SUPERMARKET = _organization(
    "包头市鹿城优品超市有限公司",
    "91150203MA0Q7K3D5",
    legal_representative="韩卫东",
    address="内蒙古自治区包头市昆都仑区钢铁大街126号",
    phone="0472-2158866",
)
TRADING = _organization(
    "包头市北辰商贸有限责任公司",
    "91150204MA0R2N8L4",
    legal_representative="王志刚",
    address="内蒙古自治区包头市青山区青年路36号",
    phone="0472-3365520",
)
NOODLE_SHOP = _person(
    "刘桂芝",
    "15020419830822162",
    address="内蒙古自治区包头市青山区富强路17号（刘记手擀面馆）",
    phone="13514723309",
)
VENDOR = _person(
    "赵永强",
    "15020719681105053",
    address="内蒙古自治区包头市九原区赛罕路6号",
    phone="15947211476",
)
BARBECUE = _person(
    "马国栋",
    "15020219900618317",
    address="内蒙古自治区包头市东河区巴彦塔拉大街52号",
    phone="18604729935",
)
