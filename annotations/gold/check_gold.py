"""Check gold claims (annotations/gold/*.jsonl against data/*.txt by default).

The rules of annotations/gold/GUIDELINES.md, plus: no duplicate claims (same predicate and span),
and durations are given in their written unit (天 周 月 年 小时 分钟 季度) with at most 4 decimals.

Run from the repository root:
    python annotations/gold/check_gold.py                      # data/ and annotations/gold/
    python annotations/gold/check_gold.py DATA_DIR GOLD_DIR    # e.g. annotations/heldout/data …/gold
Exits 1 (after printing every problem) if any line is bad, 0 otherwise.

What is checked, per line:
  * valid JSON object with exactly the fields of GUIDELINES.md, each of the right type
    (`number`/`number_max` a JSON number or null, `empty` a bool, `start`/`end` ints);
  * `file` names the data file the .jsonl belongs to;
  * kind, unit and qualifier come from the guideline vocabularies; a canonical predicate has its
    own kind, any other predicate is open (free text with Chinese, e.g. `分期期数`, `缺字`);
  * `date` / `as_of` are ISO dates at some precision (YYYY, YYYY-MM, YYYY-MM-DD, ...T..);
  * 0 <= start < end <= len(text) on the DECODED original text, and text[start:end]
    contains `value` when the claim is not empty;
  * empty claims have value "" and null number / number_max / unit / qualifier / date;
  * dates: number == the year of `date`, unit `year`;
  * ranges: qualifier `range` iff number_max is set, and number <= number_max;
  * the span does not start/end on punctuation or whitespace, nor inside a pinyin gloss;
  * `subject` is Simplified (OpenCC t2s when importable, else a small Traditional-only list).
Every data file must have a gold file and vice versa.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(sys.argv[1]).resolve() if len(sys.argv) > 2 else ROOT / 'data'
GOLD = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else ROOT / 'annotations' / 'gold'

FIELDS = ['file', 'subject', 'predicate', 'value', 'number', 'number_max', 'unit', 'qualifier',
          'date', 'as_of', 'kind', 'empty', 'start', 'end']
PREDICATES = {
    'founded': 'date', 'headquarters': 'place', 'registered_capital': 'money',
    'overdue_amount': 'money', 'overdue_balance': 'money', 'overdue_rate': 'percent',
    'overdue_duration': 'duration', 'overdue_count': 'count', 'loan_amount': 'money', 'loan_balance': 'money',
    'user_count': 'count', 'borrower_count': 'count', 'interest_rate': 'percent',
    'penalty_rate': 'percent', 'complaint_count': 'count', 'bad_debt_rate': 'percent',
    'event_time': 'date', 'publication_time': 'date',
}
DURATION_UNITS = {'天', '周', '月', '年', '小时', '分钟', '季度'}
COUNT_UNITS = {'人', '名', '户', '家', '个', '笔', '条', '起', '次', '期', '款', '份', '岁', '件', '位', '项', '张', '单'}
UNIT_BY_KIND = {'money': {'元'}, 'percent': {'%'}, 'duration': DURATION_UNITS, 'date': {'year'},
                'count': COUNT_UNITS, 'multiple': {'倍'}, 'rank': COUNT_UNITS | {None},
                'place': {None}, 'name': {None}, 'code': {None}, 'text': {None}}
UNITS = set().union(*UNIT_BY_KIND.values()) | {None}
#: kinds whose value is text: no number required
TEXT_KINDS = {'place', 'name', 'code', 'text'}
HAN = re.compile(r'[\u3400-\u9fff]')
QUALIFIERS = {'exact', 'over', 'under', 'about', 'range', 'early', 'mid', 'late', None}
ISO = re.compile(r'^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?)?)?)?$')
# a span must not start or end on whitespace / punctuation, nor start inside a pinyin gloss
BAD_EDGE = set(' \t\r\n，。、：；！？“”‘’（）()《》,.;:!?')
GLOSS_AT = re.compile(r'^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]*\)')
# fallback when OpenCC is not installed: Traditional-only characters likely in subjects
TRAD_ONLY = set('眾衆達貸劉鄭趙陳張華東國際網聯資產業務營總註冊餘額數據壞賬罰違約規發開臺灣萬億兩個')


def decode(path):
    """Decode a sample article.

    Tries utf-8, then gbk, then big5, in that order. This heuristic is only good enough
    for the known sample files in data/ (one GBK, one Big5, the rest UTF-8): Big5 bytes
    of these files are not valid GBK, and GBK bytes are not valid UTF-8. It is NOT a
    general-purpose encoding detector.
    """
    raw = path.read_bytes()
    for enc in ('utf-8', 'gbk', 'big5'):
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            pass
    raise ValueError(f'{path.name}: not utf-8, gbk or big5')


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def check_line(r, fname, text, t2s):
    errs = []
    if not isinstance(r, dict):
        return ['not a JSON object']
    missing = [f for f in FIELDS if f not in r]
    extra = [f for f in r if f not in FIELDS]
    if missing:
        errs.append(f'missing fields {missing}')
    if extra:
        errs.append(f'unknown fields {extra}')
    if missing:
        return errs
    if r['file'] != fname:
        errs.append(f"file {r['file']!r} != {fname!r}")
    for f in ('subject', 'predicate', 'value', 'kind'):
        if not isinstance(r[f], str):
            errs.append(f'{f} must be a string')
    for f in ('unit', 'qualifier', 'date', 'as_of'):
        if r[f] is not None and not isinstance(r[f], str):
            errs.append(f'{f} must be a string or null')
    for f in ('number', 'number_max'):
        if r[f] is not None and not is_number(r[f]):
            errs.append(f'{f} must be a JSON number or null, got {r[f]!r}')
    if not isinstance(r['empty'], bool):
        errs.append('empty must be a bool')
    for f in ('start', 'end'):
        if not isinstance(r[f], int) or isinstance(r[f], bool):
            errs.append(f'{f} must be an int')
    if errs:
        return errs

    if not r['subject'].strip():
        errs.append('empty subject')
    elif (t2s.convert(r['subject']) != r['subject'] if t2s is not None
          else any(ch in TRAD_ONLY for ch in r['subject'])):
        errs.append(f"subject {r['subject']!r} is not Simplified")
    kind = PREDICATES.get(r['predicate'])
    if kind is None:  # open predicate: the clause's own words
        if not HAN.search(r['predicate']):
            errs.append(f"unknown predicate {r['predicate']!r} (open predicates are Chinese text)")
        elif r['kind'] not in UNIT_BY_KIND:
            errs.append(f"unknown kind {r['kind']!r}")
        else:
            kind = r['kind']
    elif r['kind'] != kind:
        errs.append(f"kind {r['kind']!r} does not match predicate {r['predicate']} ({kind})")
    if r['unit'] not in UNITS:
        errs.append(f"unknown unit {r['unit']!r}")
    if r['qualifier'] not in QUALIFIERS:
        errs.append(f"unknown qualifier {r['qualifier']!r}")
    for f in ('date', 'as_of'):
        if r[f] is not None and not ISO.match(r[f]):
            errs.append(f'{f} {r[f]!r} is not an ISO date')

    s, e = r['start'], r['end']
    if not (0 <= s < e <= len(text)):
        errs.append(f'bad span {s}:{e} (text has {len(text)} chars)')
        return errs
    span = text[s:e]
    if span[0] in BAD_EDGE or span[-1] in BAD_EDGE or GLOSS_AT.match(text[s:]):
        errs.append(f'span {span!r} starts/ends on punctuation, whitespace or inside a gloss')
    if s > 0 and text[s - 1] == '(' and GLOSS_AT.match(text[s:]):
        errs.append(f'span {span!r} starts inside a pinyin gloss')

    if r['empty']:
        if r['value'] != '':
            errs.append('empty claim must have value ""')
        for f in ('number', 'number_max', 'unit', 'qualifier', 'date'):
            if r[f] is not None:
                errs.append(f'empty claim must have {f} null')
    else:
        if not r['value']:
            errs.append('non-empty claim has empty value')
        elif r['value'] not in span:
            errs.append(f"value {r['value']!r} not in span {span!r}")
        if kind not in TEXT_KINDS and r['number'] is None:
            errs.append('number missing')
        if kind and r['unit'] not in UNIT_BY_KIND[kind]:
            errs.append(f"unit {r['unit']!r} not allowed for kind {kind}")
        if kind == 'date':
            if r['date'] is None:
                errs.append('date claim without date')
            elif r['number'] != int(r['date'][:4]):
                errs.append(f"number {r['number']} != year of date {r['date']}")
        elif r['date'] is not None:
            errs.append('date set on a non-date claim')
        if (r['qualifier'] == 'range') != (r['number_max'] is not None):
            errs.append('qualifier range <=> number_max set')
        if r['number_max'] is not None and r['number'] is not None and r['number'] > r['number_max']:
            errs.append('number > number_max')
        if kind != 'date' and r['qualifier'] in ('early', 'mid', 'late'):
            errs.append('early/mid/late only for dates')
        if kind == 'duration' and r['number'] is not None and round(r['number'], 4) != r['number']:
            errs.append(f"duration {r['number']} has more than 4 decimals")
    return errs


def main():
    try:
        import opencc
        t2s = opencc.OpenCC('t2s')
    except Exception:  # optional: only used to check subjects are Simplified
        t2s = None
    data_files = sorted(p.name for p in DATA.glob('*.txt'))
    gold_files = sorted(p.name[:-len('.jsonl')] for p in GOLD.glob('*.jsonl'))
    bad = 0
    for name in sorted(set(data_files) ^ set(gold_files)):
        print(f'{name}: data file and gold file must both exist')
        bad += 1
    total = empty = 0
    for name in gold_files:
        if name not in data_files:
            continue
        text, enc = decode(DATA / name)
        n_file = 0
        seen = set()
        with open(GOLD / (name + '.jsonl'), encoding='utf-8') as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                except json.JSONDecodeError as ex:
                    print(f'{name}.jsonl:{lineno}: invalid JSON: {ex}')
                    bad += 1
                    continue
                errs = check_line(r, name, text, t2s)
                if isinstance(r, dict) and not errs:
                    key = (r['predicate'], r['subject'], r['start'], r['end'])
                    if key in seen:
                        errs.append(f'duplicate claim {key}')
                    seen.add(key)
                for err in errs:
                    print(f'{name}.jsonl:{lineno}: {err}')
                bad += bool(errs)
                n_file += 1
                empty += bool(isinstance(r, dict) and r.get('empty') is True)
        total += n_file
        print(f'{name} ({enc}): {n_file} claims')
    print(f'{total} claims, {empty} empty, {bad} bad')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
