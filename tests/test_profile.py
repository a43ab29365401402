"""Descriptive facts of profiles (checker/profile.py), on sentences written for these tests."""
from checker import extract
from checker.entities import find_entities
from checker.normalize import normalize
from checker.profile import find_profile


def profile(text):
    text = normalize(text).text
    return {(r.predicate, text[r.value[0]:r.value[1]]) for r in find_profile(text, 0, len(text), find_entities(text, ""))}


def test_standings_and_records():
    assert profile("青松贷是中国最大的汽车金融服务商。") == {("排名", "中国最大的汽车金融服务商")}
    assert ("排名", "浙江省首家互联网小贷公司") in profile("据了解，这是浙江省首家互联网小贷公司。")
    assert ("纪录", "上市以来单季营收最低纪录") in profile("青松科技创下上市以来单季营收最低纪录。")
    assert profile("青松贷是国内最早成立的网贷平台之一。") == set()  # one of many: no standing
    assert profile("浙江省成立首家互联网小贷公司") == set()  # no scope before it, nothing says it is
    assert profile("逾期是最大的风险。") == set()  # no scope: only a first or only one is a standing
    assert profile("青松贷是首家接入网联的平台。") == {("排名", "首家接入网联的平台")}
    assert len(profile("这是浙江省首家互联网小贷公司。这是浙江省首家互联网小贷公司。")) == 1  # a repeat: once


def test_names_codes_and_licences():
    assert profile("公司已更名为“青松资产运营有限公司”。") == {("现名", "青松资产运营有限公司")}
    assert profile("母公司随后更名为“松果”。") == set()  # a brand's new name is left
    assert profile("青松科技(Pine Tech)发布财报。") == {("英文名", "Pine Tech")}
    assert profile("青松贷(APP)上线。") == set()  # capitals alone are no English name
    assert ("股票代码", "PTX") in profile("青松科技(纽约证券交易所代码:PTX)公布业绩。")
    assert ("牌照", "“全国性网络小贷牌照”") in profile("青松科技持有“全国性网络小贷牌照”。")
    assert profile("青松科技至今未取得支付牌照。") == set()


def test_credentials_schooling_and_location():
    got = profile("李四，东南财经大学经济学博士，某某律师事务所律师。")
    assert got == {("身份", "东南财经大学经济学博士"), ("身份", "某某律师事务所律师")}
    assert ("身份", "青松投资担保有限公司法人") in profile("被告人王某，青松投资担保有限公司法人，住某市。")
    assert profile("被告人王某，男，汉族，初中文化，无业。") == {("文化程度", "初中文化")}
    assert profile("青松贷成立于2016年，位于浙江省杭州市西湖区。") == {("所在地", "浙江省杭州市西湖区")}
    assert profile("他买下位于杭州市西湖区的一套房子。") == set()  # not where the subject is
    assert profile("投资人赶赴青松贷的宁波总部。") == {("headquarters", "宁波")}
    assert profile("宁波网贷平台“青松贷”暂停运营。") == {("所在地", "宁波")}
    assert profile("该中心由某省人民政府批复设立。") == {("批准机关", "某省人民政府")}


def test_profile_claims_reach_the_extractor(nlp):
    got = {(c.predicate, c.value, c.kind) for c in extract(nlp, "青松贷是中国最大的汽车金融服务商。").claims}
    assert ("排名", "中国最大的汽车金融服务商", "text") in got
