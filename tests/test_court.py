"""Court-report details (checker/court.py), on sentences written for these tests."""
from checker import extract
from checker.court import find_court
from checker.normalize import normalize


def court(text):
    text = normalize(text).text
    return [(r.predicate, text[r.value[0]:r.value[1]]) for r in find_court(text, 0, len(text))]


def test_case_and_document_numbers():
    assert court("本院于2019年5月作出(2019)甲0105民初123号民事判决。") == [("案号", "(2019)甲0105民初123号")]
    assert court("某区检察院以某检公诉刑诉[2015]77号起诉书指控被告人。") == [("案号", "某检公诉刑诉[2015]77号")]
    assert ("案号", "(2016)乙刑终字第8号") in court("二审作出(2016)乙刑终字第8号裁定。")
    assert court("他住在3号楼(2016)年入住。") == []  # no serial after the year
    text = "(2018)丙刑初5号\n全文\n丁县人民法院刑事判决书(2018)丙刑初5号，被告人李某。"
    assert [v for p, v in court(text) if p == "案号"] == ["(2018)丙刑初5号"]  # a repeat is one claim


def test_charges_in_verdicts_and_indictments():
    got = court("检察院指控被告人李某、赵某犯集资诈骗罪，被告人孙某犯非法吸收公众存款罪一案。")
    assert [v for p, v in got if p == "罪名"] == ["集资诈骗罪", "非法吸收公众存款罪"]
    assert ("罪名", "合同诈骗罪") in court("二审法院全案改判为合同诈骗罪。")
    assert court("法院认定部分被告人犯非法吸收公众存款罪、部分犯集资诈骗罪。") == [
        ("罪名", "非法吸收公众存款罪"), ("罪名", "集资诈骗罪")]
    for sentence in ("该公司涉嫌犯罪，警方已立案。", "侵犯公民个人信息罪的规定。", "单位犯前款罪的，处罚金。",
                     "主犯李某被判处有期徒刑。", "李某犯诈骗罪一审刑事判决书"):
        assert not [v for p, v in court(sentence) if p == "罪名"], sentence


def test_the_charge_a_case_was_opened_on():
    assert court("7月1日，某区公安分局以涉嫌集资诈骗案对青松科技立案侦查。") == [("罪名", "集资诈骗")]
    assert court("青松贷涉嫌非法吸收公众存款，警方已立案侦查。") == []  # a suspicion retold


def test_courts_and_prosecutors_in_their_roles():
    assert court("甲省高级人民法院") == [("审理法院", "甲省高级人民法院")]  # a judgment's heading
    assert court("原公诉机关甲省乙市人民检察院。") == [("公诉机关", "甲省乙市人民检察院")]
    assert ("审理法院", "甲省乙市中级人民法院") in court("甲省乙市中级人民法院审理乙市人民检察院指控被告人一案。")
    assert ("抗诉机关", "乙市人民检察院") in court("宣判后，乙市人民检察院提出抗诉。")
    assert ("审理法院", "甲省高院") in court("二审甲省高院经审理后改判。")
    assert court("他说去过乙市人民法院附近的商场。") == []  # an authority in no role


def test_outcomes_of_appeals():
    assert court("二审裁定撤销原判，发回重审。") == [("裁判结果", "撤销原判，发回重审")]
    assert court("二审驳回上诉，维持原判。") == [("裁判结果", "驳回上诉，维持原判")]
    assert court("本院决定不开庭审理。") == [("裁判结果", "不开庭审理")]
    assert court("本院公开开庭审理了本案。") == []


def test_court_claims_reach_the_extractor(nlp):
    got = {(c.predicate, c.value) for c in extract(nlp, "本院作出(2019)甲0105民初123号判决，认定被告人犯集资诈骗罪。").claims}
    assert {("案号", "(2019)甲0105民初123号"), ("罪名", "集资诈骗罪")} <= got
