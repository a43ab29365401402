"""find_roles runs a pattern only when the sentence holds the words it needs: the roles found are the
same as when every pattern runs (sentences written for this test, one or more per pattern)."""
from checker import roles
from checker.entities import find_entities
from checker.normalize import normalize

SENTENCES = [
    "青松贷的实际控制人为王大伟。", "董事长郑林国腾挪资金。", "作为青松贷实控人，王大伟一直没有露面。",
    "吴某作为某公司的法定代表人，负有责任。", "王大伟就是青松贷的创始人。", "王大伟与其夫人一起创立了青松贷。",
    "青松贷(运营方青松科技)上线。", "青松贷(松果借条)上线。", "青松科技旗下的“青松贷”“松果”等平台。",
    "王某被判处无期徒刑。", "青松贷由青松金融信息服务公司负责运营。", "青松贷成立于杭州市。",
    "青松科技于2019年在纽交所上市。", "公司挂牌新三板。", "公司办公地点位于杭州市西湖区文三路。",
    "青松网络科技有限公司(以下简称“青松贷”)成立。", "青松贷全称为青松网络科技有限公司。",
    "青松网络科技有限公司的全资子公司松果科技有限公司。", "王某户籍地为浙江省杭州市。",
    "王某出生于浙江省。", "青松贷的注册地在开曼群岛。", "被告人王某，浙江省温州市人，现住温州市鹿城区。",
    "青松贷(青松(杭州)金融信息服务有限公司)上线。", "青松贷的法人为王大伟。",
    "青松贷高管王某、李某被带走。", "主要股东包括松果科技有限公司、蓝天科技有限公司。", "孙一、周二等人作为代言人。",
    "松果大学旗下P2P网贷平台青松贷出现逾期。",
]


def test_roles_are_those_of_every_pattern(monkeypatch):
    text = normalize("".join(SENTENCES)).text
    entities = find_entities(text, "")
    spans, pos = [], 0
    for s in SENTENCES:
        spans.append((pos, pos + len(s)))
        pos += len(s)
    cued = [roles.find_roles(text, s0, s1, entities) for s0, s1 in spans]
    monkeypatch.setattr(roles, "_cued", lambda sentence: set(roles._CUES) | {"role", "list"})
    every = [roles.find_roles(text, s0, s1, entities) for s0, s1 in spans]
    assert cued == every
    assert all(every)  # each sentence has a role: each pattern family is exercised


def test_cue_families():
    assert roles._cued("青松贷由青松科技运营。") == {"由"}
    assert roles._cued("董事长王某注册了公司(青松)。") == {"role", "placed", "("}
    assert roles._cued("今天天气很好。") == set()
