"""The Japanese catalog, part three: what kpi says about a plan file (``kpi plan check``, the
plan commands, loading and writing a plan), tried after the ledger's patterns.

``{0:m}`` translates a group itself (a nested message, such as a number's bound)."""

from __future__ import annotations

ONE_OF_THEM = "どちらかを直してください"

PLAN_MESSAGES: list[tuple[str, str]] = [
    (
        r"plan (.*) is not valid \((\d+) problems?\); fix the lines below, then run: kpi plan check",
        "計画 {0} に問題が{1}件あります。下の行を直してから kpi plan check を実行してください",
    ),
    (r"unknown key '(.*)'; did you mean '(.*)'\?", "キー '{0}' はありません。もしかして '{1}' ですか？"),
    (r"unknown key '(.*)'; allowed keys: (.*)", "キー '{0}' はありません。使えるキー: {1}"),
    (r"missing; add (.*) = (.*)", "ありません。{0} = {1:m} を追加してください"),
    (r"must be (.*), not (.*) \((.*)\)", "{0:m}でなければなりません（{1:m}の {2} になっています）"),
    (r"(.*); check the number", "{0:m}。数値を確認してください"),
    (
        r"(.*) is not a fiscal year between (\d+) and (\d+); write the Western year, e.g\. 2019 for R1",
        "{0} は{1}～{2}の年度ではありません。西暦で書いてください（R1 なら 2019）",
    ),
    (r"'(.*)' is not one of (.*)", "'{0}' は使えません。次のいずれか: {1}"),
    (
        r"'(.*)' is not a valid id; use lower-case ASCII letters, digits and single hyphens, e\.g\. (.*)",
        "'{0}' はIDに使えません。半角英小文字・数字と単独のハイフンで書いてください（例: {1}）",
    ),
    (r"must be an array of tables \(\[\[(.*)\]\]\)", "テーブルの配列（[[{0}]]）でなければなりません"),
    (r'must be a list of strings, e\.g\. \["\.\.\."\]', '文字列のリスト（例: ["..."]）でなければなりません'),
    (
        r"label '(.*)' reads as (.*) but the year is (.*); correct one of them",
        "表記 '{0}' は {1} と読めますが、年度は {2} です。" + ONE_OF_THEM,
    ),
    (
        r"duplicate (.*) id '(.*)' \(also at (.*)\); make it unique",
        "{0:m}のID '{1}' が重複しています（{2} にもあります）。重ならないIDにしてください",
    ),
    (r"unknown (.*) '(.*)'; did you mean (.*)\?", "{0:m} '{1}' はありません。もしかして {2} ですか？"),
    (r"unknown (.*) '(.*)'; known: (.*)", "{0:m} '{1}' はありません。あるもの: {2}"),
    (
        r"unknown direction '(.*)'; use increase or decrease",
        "方向 '{0}' は使えません。increase か decrease にしてください",
    ),
    (
        r"unknown ownership '(.*)'; use printed or inferred",
        "担当の根拠 '{0}' は使えません。printed か inferred にしてください",
    ),
    (
        r"unknown project '(.*)'; add it first with kpi plan add-project",
        "プロジェクト '{0}' はありません。先に kpi plan add-project で追加してください",
    ),
    (
        r"give the reason for the revision with --reason .*",
        "見直しの理由を --reason で書いてください（例: 決定した会議）",
    ),
    (
        r"(.*) already has a revision from (.*); choose another year",
        "{0} には {1} からの見直しが既にあります。別の年度にしてください",
    ),
    (
        r"no rows; the first line must be the header of kpi kpis --format csv",
        "行がありません。1行目は kpi kpis --format csv の見出しにしてください",
    ),
    (
        r"the header lacks (.*); export one with: kpi kpis --format csv",
        "見出しに {0} がありません。見本: kpi kpis --format csv",
    ),
    (r"(\d+) bad rows?; the plan was not changed", "問題のある行が{0}行あります。計画は変更していません"),
    (
        r"KPI '(.*)' belongs to project (.*), not (.*)",
        "KPI '{0}' はプロジェクト {1} のもので、{2} のものではありません",
    ),
    (r"not a well-formed CSV file \((.*)\)", "CSVファイルとして読めません（{0}）"),
    (
        r"KPI '(.*)': unknown 振興局 in parts: (.*); use office ids",
        "KPI '{0}': 内訳に知らない振興局があります: {1}。振興局のIDで書いてください",
    ),
    (r"not UTF-8 text; save the plan as UTF-8", "UTF-8 の文字ではありません。計画を UTF-8 で保存してください"),
    (
        r"not valid TOML: arrays or tables nested too deeply; is this the right file\?",
        "TOMLとして読めません（配列やテーブルの入れ子が深すぎます）。正しいファイルですか？",
    ),
    (
        r"plan (.*) is a folder; give the plan's \.toml file",
        "計画 {0} はフォルダです。計画の .toml ファイルを指定してください",
    ),
    (r"cannot read plan (.*): (.*)", "計画 {0} を読めません: {1}"),
    (r"a second revision from (.*); keep one per year", "{0} からの見直しが2つあります。1年度に1つにしてください"),
    (
        r"the revised target year (.*) is before the revision takes effect \((.*)\)",
        "見直し後の目標年度 {0} が見直しの適用（{1}）より前です",
    ),
    (
        r"(.*) is not after the baseline year (.*); a revision takes effect later",
        "{0} が基準年度 {1} より後ではありません。見直しは基準年度より後に適用します",
    ),
    (r"a cumulative target must be above zero", "累計の目標値は0より大きくしてください"),
    (
        r"the revised target (.*) is (above|below) the baseline (.*) of a KPI that must (rise|fall); .*",
        "見直し後の目標値 {0} が基準値 {2} の{1:m}ですが、このKPIは{3:m}べきものです。"
        "数値を確認してください（入力ミス？）",
    ),
    (
        r"'(.*)' must be a path relative to the plan's folder, e\.g\. (.*)",
        "'{0}' は計画のフォルダからの相対パスにしてください（例: {1}）",
    ),
    (r"(.*) must be above 0 and at most 1, e\.g\. 0\.8", "{0} は0より大きく1以下にしてください（例: 0.8）"),
    (
        r"no regions; add at least one \[\[regions\]\] table with id and name",
        "連携地域がありません。id と name のある [[regions]] を1つ以上追加してください",
    ),
    (r"an office appears twice; list each 振興局 once", "同じ振興局が2回あります。1回ずつにしてください"),
    (
        r"parts the plan does not print need a note saying why; add parts_note = .*",
        '計画に書かれていない内訳には理由の注記が必要です。parts_note = "..." を追加してください',
    ),
    (
        r"a cumulative KPI needs its period; add period = (.*)",
        "累計KPIには期間が必要です。period = {0} を追加してください",
    ),
    (
        r"an inferred owner needs a note saying why; add note = .*",
        '推定した担当には理由の注記が必要です。note = "..." を追加してください',
    ),
    (
        r"(.*) differs from the period end (.*); make them equal",
        "{0} が期間の終わり {1} と違います。同じにしてください",
    ),
    (
        r'a target_only KPI has no baseline; remove it or set kind = "level"',
        '目標値だけのKPI（target_only）に基準値はありません。基準値を消すか kind = "level" にしてください',
    ),
    (
        r"(.*) is not supported; this kpi reads schema_version = (.*)",
        "{0} には対応していません。この kpi が読めるのは schema_version = {1} です",
    ),
    (
        r"(.*) is after the baseline year (.*); the average runs from year_from to year",
        "{0} が基準年度 {1} より後です。平均は year_from から year までです",
    ),
    (
        r'only a cumulative KPI has a period; remove it or set kind = "cumulative" \(kind is (.*)\)',
        '期間があるのは累計KPIだけです。期間を消すか kind = "cumulative" にしてください（今は {0}）',
    ),
    (
        r"target year (.*) is before the baseline year (.*); correct one of them",
        "目標年度 {0} が基準年度 {1} より前です。" + ONE_OF_THEM,
    ),
    (
        r"baseline equals target, so the direction cannot be inferred; add direction = .*",
        '基準値と目標値が同じなので方向がわかりません。direction = "increase" か "decrease" を追加してください'
        "（値が保つべき側）",
    ),
    (
        r"(.*) is before the start (.*); the period runs start\.\.end",
        "{0} が始まり {1} より前です。期間は start から end までです",
    ),
    (
        r"direction is (.*) but the target (.*) is (above|below) the baseline (.*); "
        r"correct the direction or the values",
        "方向は {0} ですが目標値 {1} が基準値 {3} の{2:m}です。方向か値を直してください",
    ),
    (
        r"is empty; give at least one word, or leave it out for the default",
        "が空です。語を1つ以上書くか、省いて既定のものを使ってください",
    ),
    (
        r"'(.*)' is not an ASCII code such as on_course; use a-z, 0-9 and _",
        "'{0}' は on_course のようなASCIIのコードではありません。a-z、0-9、_ で書いてください",
    ),
    (r"the (.*) (.*) appears twice; each word once", "{0} の {1} が2回あります。1回ずつにしてください"),
    (
        r"(.*) already exists; choose another file name \(kpi never overwrites a plan it did not read\)",
        "{0} は既にあります。別のファイル名にしてください（kpi は読んでいない計画を上書きしません）",
    ),
    (r"folder (.*) does not exist; create it first", "フォルダ {0} がありません。先に作成してください"),
    (r"(.*) already exists; choose another file name", "{0} は既にあります。別のファイル名にしてください"),
    (
        r"the plan shipped inside kpi is read-only; start your own with kpi plan init (.*) \(or copy it\) .*",
        "kpi 同梱の計画は読み取り専用です。kpi plan init {0} で自分の計画を作り（またはコピーし）、"
        "--plan で指定してください",
    ),
]

# Words that stand for a kind or a side inside the messages above.
PLAN_WORDS: dict[str, str] = {
    "a string": "文字列",
    "an integer": "整数",
    "a number": "数値",
    "a list": "リスト",
    "a table": "テーブル",
    "a value": "値",
    "above": "上",
    "below": "下",
    "rise": "上がる",
    "fall": "下がる",
    "region": "連携地域",
    "office": "振興局",
    "office (振興局)": "振興局",
    "project": "プロジェクト",
    "KPI": "KPI",
}
