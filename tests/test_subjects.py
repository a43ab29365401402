"""Whom a claim is about: names the text gives (short names, quoted names, a company's short form,
people in court reports, cases), and the rules that pick a value's subject among them. Sentences are
written for these tests (no third-party text)."""
import pytest

from checker import extract
from checker.entities import find_entities


def subject_of(nlp, text, value):
    found = [c for c in extract(nlp, text).claims if c.value == value]
    assert found, [(c.predicate, c.value) for c in extract(nlp, text).claims]
    return found[0].subject


@pytest.mark.parametrize("text,value,subject", [
    # a quoted name the text says is an app or a platform
    ("“云朵来”APP被立案调查。截至5月，“云朵来”借贷余额已逾18亿元。", "逾18亿元", "云朵来"),
    # a name given in brackets makes its owner the topic, even after 来自
    ("他的欠款来自橙果App(下称“橙果”)，审核后2小时内放款。", "2小时内", "橙果App"),
    # the short form of a company's full name, the region in brackets allowed
    ("蓝湾(上海)信息科技有限公司注册资金5亿元，蓝湾是一家老牌平台。", "5亿元", "蓝湾(上海)信息科技有限公司"),
    # a company name found twice with a suffix keeps the character before it
    ("白鹭湾控股公布财报。白鹭湾控股全年营收为12亿元。", "12亿元", "白鹭湾控股"),
    # people in a court report: pseudonyms after 向, the accused by his part
    ("被告人孔某作为公司负责人，先后向邹某某借款300万元、向冯乙借款120万元，共计人民币420万元。", "300万元", "邹某某"),
    ("被告人孔某作为公司负责人，先后向邹某某借款300万元、向冯乙借款120万元，共计人民币420万元。", "120万元", "冯乙"),
    ("被告人孔某作为公司负责人，先后向邹某某借款300万元、向冯乙借款120万元，共计人民币420万元。", "420万元", "孔某"),
    ("主犯严立新获刑8年，并处罚金30万元。", "30万元", "严立新"),
    # an owner (X旗下) and a place (在X) are not what a clause is about
    ("青松贷，作为白桦集团旗下的借贷平台，累计放款超过80亿元。", "超过80亿元", "青松贷"),
    ("工程师刘明在“云朵来”平台投了5000元。“云朵来”平台已停止运营。", "5000元", "刘明"),
    # 她/他 stand for the person named last
    ("工程师刘明从2019年开始出借。她的账户本息已达12万元。", "12万元", "刘明"),
    # a region opening its clause after 目前
    ("目前全国共有近500家网贷平台。", "近500家", "全国"),
    # 该公司 stands for the company named last, not the brand it runs
    ("橙果贷的母公司是橙果科技。该公司2023年营收增长15%。", "15%", "橙果科技"),
    # a stock listing after a name makes it a company, suffix or not; so does a clause reporting its results
    ("白桦科技公布财报。2025年5月，青松(NYSE:QS)公布一季度业绩，单季营收仅900万元。青松的股价下跌。", "900万元", "青松"),
    ("白桦科技公布财报。同期，红杉实现营收12亿元。", "12亿元", "红杉"),
    # people named by their post act for a company: a later sentence naming no one is not about them,
    # nor about the company a post is given for; an officer's is no personal loan
    ("青松金服的产品逾期了。12月5日，青松金服董事长王建林与白桦集团执行总裁沈大山见面。据投资者统计，资金规模已超200亿元。",
     "超200亿元", "青松金服"),
    ("青松贷的法人为王旭东，位于杭州。截至2018年6月30日，当前出借人数量93679人，逾期金额为0元。", "0元", "青松贷"),
    # a quoted name right after 平台 (网贷平台“X”) is a platform when the text names it again
    ("白桦金服的网贷平台“青禾”出现逾期。青禾累计借贷交易总额达到80亿元。", "80亿元", "青禾"),
])
def test_subject_rules(nlp, text, value, subject):
    assert subject_of(nlp, text, value) == subject


@pytest.mark.parametrize("text,value,subject", [
    # a name in a list governed by 通过 is an instrument, quoted names before it or not
    ("严立新非法集资案宣判。严立新、林可等人通过“金穗”、“云朵来”平台吸收资金8亿元。“云朵来”平台已关停。",
     "8亿元", "严立新非法集资案"),
    # 如X、Y等 lists examples; 如X推出… gives X its own clause
    ("青松贷的合作方有很多，如白桦小贷、红杉金融等，审批最快30分钟。", "快30分钟", "青松贷"),
    ("部分平台加快吸金，如红杉金融推出年利率为18%的新产品。", "18%", "红杉金融"),
    # a list item is about its head, whatever else its sentences name
    ("2. 青松贷：逾期3天起收取罚息，同时白桦金融将暂停服务。逾期90天以上将被起诉。", "90天以上", "青松贷"),
    # a text that never names its platform (the name lost): 平台
    ("作为借贷信息中介平台，当前平台上的借条期限为7-30天，平台收取管理费。", "7-30天", "平台"),
    ("根据投诉数据，截至5月，该平台累计投诉量达780条。平台称已整改。", "780条", "平台"),
    # a case given as an example is what the figures after its colon are about
    ("典型如2024年曝光的案例：借款5000元实际到账3500元。", "3500元", "2024年曝光案例"),
    # a paragraph that names nothing is about the organisation that last opened a clause
    ("橙果贷的母公司是橙果科技。\n其实，橙果科技早已问题重重。\n二是逾期率上升。首日逾期率升至5.0%。", "5.0%", "橙果科技"),
    # names listed before 等 are examples; X旗下的Y outside a 作为 clause is X's
    ("青松贷是持牌公司，白桦金融、红杉金融等平台的借款人都见过它。截至2021年末，公司贷款规模为212亿元。", "212亿元", "青松贷"),
    ("白桦集团旗下各板块的累计交易额已突破1.2万亿元。", "突破1.2万亿元", "白桦集团"),
    # X是Y…: Y completes what X is, X stays the subject
    ("“青禾宝”是“青松贷”平台此前的主打产品，期限3个月到18个月不等。", "3个月到18个月", "青禾宝"),
    # a list of names where something is done (在其建立的X、Y平台发布…) is a place
    ("白桦集团案宣判。白桦集团及实际控制人王某等人在其建立的“青禾宝”、“红杉金融”平台发布虚假项目，吸收资金12亿元。",
     "12亿元", "白桦集团案"),
    # a coordinated subject: its first name
    ("青松科技和白桦集团有限公司先后作为核心企业，为其上游供应商共100余家提供融资。", "100余家", "青松科技"),
    # 关于X的公告 is about X, not by X
    ("青松贷发布了一则关于白桦科技未能还款的公告。根据公告，四个逾期项目金额共90万元。", "90万元", "青松贷"),
    # 国内 opening a clause: figures for the whole country
    ("截至2015年9月底，国内P2P运营平台数已增至2935家。", "2935家", "国内"),
    # X等41名: the group's count is the case's
    ("白桦集团案宣判。警方已对王立新等41名犯罪嫌疑人采取强制措施。", "41名", "白桦集团案"),
    # an example (如X…、Y…) is no topic for a later 平台 or sentence
    ("作为借贷中介平台，平台撮合借款。对比同类产品，如白桦金融年化利率7.2%、红杉金融5.4%。平台收入来自管理费(每笔0.3%)。",
     "0.3%", "平台"),
    # 借呗 and 花呗 are names on their own
    ("对比同类产品，青松贷年化利率7.2%、借呗5.4%。", "5.4%", "借呗"),
])
def test_subject_in_context(nlp, text, value, subject):
    assert subject_of(nlp, text, value) == subject


def test_authority_in_another_clause_is_no_subject(nlp):
    text = "青松贷爆雷。2021年4月，杭州警方对青松贷立案侦查，实际控制人王某被刑事拘留。"
    got = {(c.predicate, c.subject) for c in extract(nlp, text).claims}
    assert ("实际控制人", "青松贷") in got


def test_a_date_opening_its_sentence_dates_the_next_clauses_actor(nlp):
    text = "白桦金融的合作方是青松贷。\n2020年7月，在毫无征兆的情况下，青松贷官网最后一次发布运营数据。"
    [c] = [c for c in extract(nlp, text).claims if c.value == "2020年7月"]
    assert c.subject == "青松贷"


def test_main_entity_is_no_name_met_once(nlp):
    text = "平台与持牌机构合作，如白桦小贷、红杉金融等。\n平台上的借条期限为7-30天。平台称已整改。"
    assert find_entities(text, "").main is None
    assert subject_of(nlp, text, "7-30天") == "平台"


@pytest.mark.parametrize("text,value,subject", [
    # a case is named by its owner and charge, the amount and the place left out
    ("2019年江西省南昌市严立新5.6亿元非法集资案件进入公众视野。", "5.6亿元", "严立新非法集资案"),
    # 该案 stands for the case named last
    ("严立新非法集资案一审宣判。该案涉及2000余名投资者。", "2000余名", "严立新非法集资案"),
    # a value inside a case's name is about the case
    ("王立等12人集资诈骗案今日宣判。", "12人", "王立等12人集资诈骗案"),
    # the head of a group (X、Y等人) acts for the case named before
    ("严立新非法集资案一审宣判。法院查明，严立新、林可等人通过多个平台吸收资金8亿元。", "8亿元", "严立新非法集资案"),
])
def test_subject_cases(nlp, text, value, subject):
    assert subject_of(nlp, text, value) == subject


@pytest.mark.parametrize("text,not_a_name", [
    ("借款人提供房产抵押或珠宝质押，借款50万元。", "或珠宝"),  # 珠宝 is a word, not a brand
    ("据微贷网显示，据微贷网统计，平台数据如下。", "据微贷"),  # 微贷网 is named whole
    ("公司主营第三方财富管理平台，第三方财富管理规模较大。", "第三方财富"),
    ("这是百亿级非法集资案，也是全国的百亿大案。", "百亿级非法集资案"),  # no one's case is named
])
def test_not_names(text, not_a_name):
    e = find_entities(text, "")
    assert not_a_name not in {m[2] for m in e.mentions}


def test_role_and_party_matches_from_their_start_characters_equal_a_full_scan():
    from checker.entities import _PARTY, _PARTY_START, _PERSON_ROLE, _PERSON_ROLE_START, _matches_from

    texts = ["3楼 橙子：我也借了\n【2楼】老K：一样\n  5楼 小王：好", "借款人周恒表示，被告：王某某，原告：李明。",
             "网友“晴天”说，发帖人：小吴称读者大伟去年借了钱", "被告人吴丙与主犯王伟等34人向涂某某借款，和季乙、工程师陈杰",
             "网友：\"阿明\"", "粉丝小周（化名）", ""]
    for pattern, starts in ((_PERSON_ROLE, _PERSON_ROLE_START), (_PARTY, _PARTY_START)):
        for text in texts:
            full = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in _matches_from(pattern, starts, text)] == full
    assert len(list(_matches_from(_PERSON_ROLE, _PERSON_ROLE_START, texts[0]))) == 3
