"""Rules drawn from real pages (issue 8), each on sentences written for these tests: dates that
head a story, names in roles, full names, places, value patterns and page chrome."""
from checker import extract


def claims(nlp, text):
    return extract(nlp, text).claims


def events(nlp, text):
    return [c.value for c in claims(nlp, text) if c.predicate == "event_time"]


def test_a_date_opening_a_sentence_is_when_it_happened(nlp):
    assert events(nlp, "2017年7月底，一位工程师这样认识了青松贷。") == ["2017年7月底"]
    assert events(nlp, "据报道，7月13日早上，员工们照常上班。") == ["7月13日"]


def test_a_date_heading_a_story_is_an_event_and_dates_its_figures(nlp):
    cs = claims(nlp, "2014年12月27日，她经朋友介绍，向青松贷借款150万元。")
    assert [c.value for c in cs if c.predicate == "event_time"] == ["2014年12月27日"]
    assert [c.as_of for c in cs if c.value == "150万元"] == ["2014-12-27"]


def test_a_year_that_only_dates_a_figure_is_no_event(nlp):
    assert events(nlp, "2022年，青松贷全年放款规模达到96亿元。") == []
    assert events(nlp, "2022年，受行业影响，青松贷的不良率上升至2.35%。") == []


def test_a_date_with_nothing_after_it_is_no_event(nlp):
    assert events(nlp, "截至三个月\n十二月三十一日，\n总收入") == []


def test_spaces_that_separate_words_are_no_dropped_word():
    from checker.damage import find_dropped

    for text in ("人民币 人民币 美元 人民币", "民 事 判 决 书", "青松贷暂停发标 平台称将尽快兑付\n", "行业动态 网站公告"):
        assert find_dropped(text) == [], text
    assert find_dropped("受全 经济放缓影响，平台逾期上升") != []  # a word dropped inside a clause


def test_a_year_before_a_scope_noun_is_no_mid_year_and_no_event(nlp):
    from checker.numbers import scan_values

    assert [v.text for v in scan_values("2016年中国网贷行业报告")] == ["2016年"]
    assert [v.date for v in scan_values("2016年中，平台开始转型") if v.kind == "date"] == ["2016"]
    assert events(nlp, "2016年中国网贷行业投资人流失状况") == []


def test_thousands_set_apart_by_a_space(nlp):
    from checker.numbers import scan_values

    assert [(v.kind, v.number) for v in scan_values("运营平台数增至2 935家，成交规模突破6 000亿元")] == [
        ("count", 2935), ("money", 6e11)]
    assert [v.number for v in scan_values("2020 2021 同比 19.2 %")] == [19.2]  # years in a table heading stay apart


def test_page_counters_after_a_figure_are_no_claims(nlp):
    assert [c.value for c in claims(nlp, "青松贷 发表了文章 • 0 个评论 • 30 次浏览") if c.kind == "count"] == []


def test_a_balance_is_not_the_volume_lent_nor_an_average(nlp):
    cs = {c.value: c.predicate for c in claims(nlp, "截至今年3月，青松贷累计借贷金额1200亿，借贷余额45亿，人均累计出借金额12.5万。")}
    assert cs["1200亿"] == "loan_amount" and cs["45亿"] == "loan_balance"
    assert cs["12.5万"] == "人均累计出借金额"  # an average per lender: its own fact


def roles(nlp, text):
    return {(c.predicate, c.subject, c.value) for c in claims(nlp, text) if c.kind in ("name", "place")}


def test_names_in_roles(nlp):
    assert ("实控人", "青松贷", "王大伟") in roles(nlp, "作为青松贷实控人，王大伟一直没有露面。")
    assert ("法定代表人", "被告单位某公司", "吴某") in roles(nlp, "被告人吴某作为被告单位某公司的法定代表人，负有责任。")
    assert ("董事长", "青松贷", "郑林国") in roles(nlp, "青松贷新来的董事长郑林国腾挪办公室。")  # no word ends the name
    assert ("CEO", "蓝松集团", "郭去疾") in roles(nlp, "蓝松集团董事会主席兼CEO郭去疾如是说。")


def test_full_names_and_parents(nlp):
    text = "4月9日，青松(上海)金融信息服务有限公司(以下简称“青松贷”)法定代表人周某某投案自首。青松贷的逾期金额超过3亿元。"
    assert ("公司全称", "青松贷", "青松(上海)金融信息服务有限公司") in roles(nlp, text)
    assert ("公司全称", "青松贷", "青松(北京)信息科技有限公司") in roles(nlp, "青松贷全称为青松(北京)信息科技有限公司。")
    assert ("母公司", "上海麦苗资产管理有限公司", "上海青松金融信息服务有限公司") in roles(
        nlp, "这是上海青松金融信息服务有限公司的全资子公司上海麦苗资产管理有限公司。")
    assert ("母公司", "上海松果资产管理有限公司", "上海青松信息服务有限公司") in roles(
        nlp, "上海青松信息服务有限公司(以下称青松)的全资子公司上海松果资产管理有限公司被立案。")  # no quotes
    assert ("母公司", "青新科技", "青松集团有限公司") in roles(nlp, "青新科技为青松集团有限公司(以下简称“青松金融”)全资附属公司。")


def test_another_companys_full_name_only_introduces_it(nlp):
    text = "青松贷逾期金额超过3亿元。承付方为北京蓝天网络科技股份有限公司(以下简称“蓝天科技”)。青松贷称将兜底。"
    assert not any(p == "公司全称" for p, _, _ in roles(nlp, text))


def test_addresses(nlp):
    assert {v for p, _, v in roles(nlp, "被告人王某，户籍地山东省枣庄市山亭区，现押于佛山市顺德区看守所。")} == {
        "山东省枣庄市山亭区", "佛山市顺德区看守所"}
    assert ("办公地", "青松贷", "杭州钱江新城财富金融中心") in roles(nlp, "青松贷原办公室位于杭州钱江新城财富金融中心。")
    assert any(v == "开曼群岛" for _, _, v in roles(nlp, "青松贷的母公司注册于开曼群岛。"))
    assert roles(nlp, "他的办公室很大。") == set()


TABLE = """青松科技公布2023年全年业绩。全年净利润为人民币28.96亿元。

(除百分比外,以百万为单位)
2022 2023
人民币 人民币 美元

总收入

13,286 15,831 2,484 19.2 %

净利润

2,847 2,896 454 1.7 %

总费用

(9,106 ) (11,492 ) (1,803 ) 26.2 %

其他收益/(损失)-净额

(132 ) 32 5 (124.2 %)
"""


def test_statement_table_cells_are_money_claims(nlp):
    from checker.tables import table_cells

    cells = [(c.number, c.unit) for c in table_cells(TABLE)]
    assert cells[:3] == [(13286e6, "元"), (15831e6, "元"), (2484e6, "美元")]
    assert (-132e6, "元") in cells and (9106e6, "元") in cells  # a net loss is negative, a cost an amount
    assert all(abs(n) != 2022e6 for n, _ in cells)  # the row of years is a heading
    got = {(c.predicate, c.number) for c in claims(nlp, TABLE) if c.kind == "money"}
    assert ("总收入", 15831e6) in got and ("总费用", 11492e6) in got
    numbers = [c.number for c in claims(nlp, TABLE) if c.kind == "money"]
    assert numbers.count(2896e6) == 1  # the cell restates 28.96亿元 of the text: one claim, not two
    assert table_cells("净利润\n2,847 2,896\n") == []  # no unit line: no table figures


def test_a_top_n_standing_before_a_noun_is_a_claim(nlp):
    assert [c.value for c in claims(nlp, "这家曾在全国同业稳居前十的上市平台已停业。") if c.kind == "rank"] == ["稳居前十"]


def test_ranks_with_a_scope_and_top_n():
    from checker.numbers import scan_values

    assert [(v.kind, v.number, v.qualifier) for v in scan_values("交易规模排名华东第一，全国稳居前十")] == [
        ("rank", 1, "exact"), ("rank", 10, "under")]
    assert scan_values("进入前三季度") == []


def test_court_record_fields(nlp):
    text = "法院\n\n某市某区人民法院\n\n案由\n\n非法吸收公众存款\n"
    assert {("审理法院", "某市某区人民法院"), ("案由", "非法吸收公众存款")} <= {(p, v) for p, _, v in roles(nlp, text)}


def test_months_without_a_written_year():
    from checker.numbers import scan_values

    assert [v.date for v in scan_values("截止今年2月份，早在5月份，去年十二月")] == ["--02", "--05", "--12"]
    assert [v.kind for v in scan_values("3个月份额")] == ["duration"]


def test_a_sentence_dated_by_the_one_before(nlp):
    text = ("2020年7月，青松贷官网最后一次发布运营数据。当月运营数据显示，借贷余额约102.02亿元。"
            "值得注意的是，贷后数据显示，逾期金额为0。")
    got = {c.value: (c.number, c.as_of) for c in claims(nlp, text)}
    assert got["约102.02亿元"] == (10202000000, "2020-07")
    assert got["0"] == (0, "2020-07")  # a bare zero after a trigger is a figure


def test_since_a_date_dates_the_figures_and_the_event(nlp):
    cs = claims(nlp, "自2020年9月起，青松贷开始出现大面积逾期，逾期金额超过97亿元。")
    assert [c.value for c in cs if c.predicate == "event_time"] == ["2020年9月"]
    assert [c.as_of for c in cs if c.predicate == "overdue_amount"] == ["2020-09"]


def test_a_time_relative_to_an_unknown_date_is_no_event(nlp):
    assert events(nlp, "去年12月平台突然说系统升级，之后就再没回过款。") == []


def test_year_end_fractions_and_the_same_year(nlp):
    from checker.numbers import scan_values

    assert [v.date for v in scan_values("2019年底，2021年末")] == ["2019-12", "2021-12"]
    assert [round(v.number, 1) for v in scan_values("十分之一，三分之一")] == [10, 33.3]
    dates = [c.date for c in claims(nlp, "被告人于2013年10月10日被刑事拘留，同年11月11日被逮捕。")
             if c.predicate == "event_time"]
    assert dates == ["2013-10-10", "2013-11-11"]


def test_one_fact_under_two_phrasings_is_one_predicate(nlp):
    a = {c.value: c.predicate for c in claims(nlp, "法院判决，主犯王某获刑10年，并处罚金50万元。这起涉案金额484亿元。")}
    b = {c.value: c.predicate for c in claims(nlp, "主犯王某被判处有期徒刑十年，处罚金50万元。涉案金额484亿余元。")}
    assert a["10年"] == b["十年"] == "有期徒刑"
    assert a["50万元"] == b["50万元"] == "罚金"
    assert a["484亿元"] == b["484亿余元"]


def test_codes_differing_only_by_a_space_agree():
    from checker.compare import Statement, agree

    a, b = (Statement("1", "s1", "code", False, value=v) for v in ("NYSE: WEI", "NYSE:WEI"))
    assert agree(a, b)


def test_most_people_and_waiting_are_no_values():
    from checker.damage import find_dropped
    from checker.numbers import scan_values

    assert scan_values("他可能并不为多数人所知") == [] and [v.text for v in scan_values("数千家平台")] == ["数千家"]
    assert find_dropped("用户填写借款申请,等待审核即可") == [] and find_dropped("通过短信、 等方式") != []


def test_dates_reached_by_a_story_are_events(nlp):
    assert events(nlp, "这场骗局的起点要追溯到2011年3月。") == ["2011年3月"]  # at the sentence's end
    assert events(nlp, "直到2023年资金链断裂，骗局才被揭穿。") == ["2023年"]  # 直到 is no 截至


def test_products_under_an_owner_and_sentences_without_a_number(nlp):
    got = {(p, v) for p, _, v in roles(nlp, "该公司主要通过旗下“青松在线”“松果罐”等P2P平台开展线上非法募资。")}
    assert ("旗下平台", "“青松在线”“松果罐”") in got
    assert ("刑罚", "无期徒刑") in {(p, v) for p, _, v in roles(nlp, "二审维持原判，王某被判处无期徒刑，剥夺政治权利终身。")}


def test_periods_and_datelines_are_no_events(nlp):
    assert events(nlp, "青松科技公布2021年第四季度和全年财务业绩。") == []
    assert events(nlp, "【本报2020年7月5日讯】青松贷暂停发标。") == []
    assert events(nlp, "7月5日电话通知借款人还款。") == ["7月5日"]


def test_interest_in_fen_is_a_monthly_percentage():
    from checker.numbers import scan_values

    assert [(v.kind, v.number) for v in scan_values("每月给2分利息，给了她3分的利息")] == [("percent", 2), ("percent", 3)]
    assert [v.kind for v in scan_values("3分钟后，3分利润")] == ["duration"]


def test_court_records_give_native_place_and_residence(nlp):
    got = roles(nlp, "原审被告人王某，浙江省温州市人，现住温州市鹿城区。被告人李某，湖南省某县人，住长沙市岳麓区。")
    assert {(p, v) for p, _, v in got} >= {("籍贯", "浙江省温州市"), ("住所", "温州市鹿城区"), ("住所", "长沙市岳麓区")}
    assert not any(p in ("籍贯", "住所") for p, _, _ in roles(nlp, "中国人，住得起房子吗？浙江省内投资人，不在少数。"))


def test_an_operators_registered_name_in_brackets(nlp):
    got = roles(nlp, "榜单包括蓝松网(蓝松(杭州)金融信息服务有限公司)、青松贷(北京青松信息技术有限公司)等平台。")
    assert {v for p, _, v in got if p == "运营主体"} == {"蓝松(杭州)金融信息服务有限公司", "北京青松信息技术有限公司"}


def test_more_names_in_roles(nlp):
    got = roles(nlp, "青松贷的法人为王大伟。蓝松科技首席财务官李小明表示，业绩稳定。")
    assert {(p, v) for p, _, v in got} >= {("法定代表人", "王大伟"), ("首席财务官", "李小明")}


def test_lists_of_names_and_shareholders(nlp):
    assert ("董事", "王大伟、李小红") in {(p, v) for p, _, v in roles(nlp, "青松贷的董事王大伟、李小红均已离职。")}
    assert ("高管", "王某甲、李某乙、赵某某") in {(p, v) for p, _, v in roles(nlp, "青松贷高管王某甲、李某乙、赵某某被带走。")}
    assert ("代言人", "孙一、周二") in {(p, v) for p, _, v in roles(nlp, "青松贷曾请孙一、周二等人作为代言人。")}
    got = {(p, v) for p, _, v in roles(nlp, "青松小贷的主要股东包括松果科技有限公司、蓝天信息服务有限公司。")}
    assert ("主要股东", "松果科技有限公司、蓝天信息服务有限公司") in got
    assert ("大股东", "蓝天投资有限公司") in {(p, v) for p, _, v in roles(nlp, "青松小贷的大股东已变更为民营的蓝天投资有限公司。")}
    assert ("唯一股东", "蓝天控股集团有限公司") in {(p, v) for p, _, v in roles(
        nlp, "蓝天控股集团有限公司(以下简称“蓝天控股”)是其唯一股东。")}
    assert ("母公司", "蓝天控股集团有限公司") in {(p, v) for p, _, v in roles(nlp, "蓝天控股集团有限公司是青松贷的母公司。")}
    assert roles(nlp, "股东代表王某发言。") == set()  # one name: no list, no role claim


def test_owners_that_are_no_known_entity(nlp):
    owner = lambda text: {v for p, _, v in roles(nlp, text) if p == "所属机构"}
    assert owner("据悉，松果大学旗下P2P网贷平台青松贷出现逾期。") == {"松果大学"}  # its holding is typed
    assert owner("名单包括：蓝海旗下青松惠民(青松惠民投资管理(北京)有限公司)等。") == {"蓝海"}  # named in full
    assert owner("青松贷是蓝天信息服务有限公司(简称“蓝天”)旗下的网贷平台。") == {"蓝天信息服务有限公司"}
    assert owner("松果大学旗下青松贷出现逾期") == set()  # a headline: neither typed nor named in full


def test_what_an_owner_holds_must_be_named(nlp):
    assert not any(p == "所属机构" for p, _, _ in roles(nlp, "青松贷的创始人王大伟。青松贷旗下有多款理财产品。"))


def test_a_short_name_in_brackets_is_no_operator(nlp):
    assert not any(p == "运营主体" for p, _, _ in roles(nlp, "王某成立某投资有限公司分公司(下简称某分公司)，经营理财。"))


def test_analysts_are_named_in_their_role(nlp):
    assert ("分析师", "赵六") in {(p, v) for p, _, v in roles(nlp, "长期关注网贷行业的分析师赵六认为，风险仍在。")}


def test_dates_set_in_spaced_type():
    from checker.numbers import scan_values

    assert [v.date for v in scan_values("北京时间 2024 年 3 月 8 日，公司公布业绩")] == ["2024-03-08"]
    assert [v.date for v in scan_values("截至 6 月 30 日，余额为")] == ["--06-30"]
    assert [v.date for v in scan_values("第 3 月")] == []


def test_a_value_before_its_noun_and_a_promised_return_are_claims(nlp):
    got = {c.value for c in claims(nlp, "青松贷曾推出年化超8%的活期产品，并承诺6%-9%的年化收益。")}
    assert {"超8%", "6%-9%"} <= got
    assert not [c for c in claims(nlp, "年利率超过24%的部分不受法律保护。") if c.kind == "percent"]  # a limit


def test_a_part_of_a_month_whose_year_is_unwritten():
    from checker.numbers import scan_values

    assert [(v.date, v.qualifier) for v in scan_values("平台于8月底出现兑付危机")] == [("--08", "late")]
    assert [v.kind for v in scan_values("借款期限为3个月")] == ["duration"]


def test_an_order_of_magnitude_after_a_qualifier():
    from checker.numbers import scan_values

    got = [(v.kind, v.number, v.qualifier) for v in scan_values("平台涉及近万名出借人，单笔借款动辄过亿元，超万人维权")]
    assert got == [("count", 1e4, "about"), ("money", 1e8, "over"), ("count", 1e4, "over")]
    assert scan_values("成千上万的人") == []


def test_ministries_counted_and_a_years_end():
    from checker.numbers import scan_values

    assert [(v.kind, v.number) for v in scan_values("银保监会等四部委联合发文")] == [("count", 4)]
    assert [(v.date, v.qualifier) for v in scan_values("2023年岁末，平台上线新品")] == [("2023-12", "late")]


def test_listed_in_a_country(nlp):
    assert any(p == "上市地点" and v == "美" for p, _, v in roles(nlp, "青松科技是一家在美上市的金融科技公司。"))
