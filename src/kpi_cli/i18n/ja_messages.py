"""The Japanese catalog of messages: patterns for error and warning lines, result lines on
stdout, and hint fragments (``tests/test_i18n.py`` checks every pattern fills its placeholders)."""

from __future__ import annotations

# (English pattern, Japanese with {0}, {1}, ... for the groups), tried in order.
MESSAGES: list[tuple[str, str]] = [
    (r"unknown KPI '(.*)'; did you mean (.*)\?", "KPI '{0}' は見つかりません。もしかして {1} ですか？"),
    (r"unknown KPI '(.*)'; see: kpi kpis", "KPI '{0}' は見つかりません。一覧: kpi kpis"),
    (r"no KPI matches '(.*)'; (.*)", "'{0}' に一致するKPIはありません。{1}"),
    (
        r"KPI '(.*)' matches (\d+) KPIs; give one id(; or narrow it with --region)?: (.*)",
        "'{0}' は{1}件のKPIに一致します。IDを1つ指定するか --region で絞ってください: {3}",
    ),
    (r"unknown region '(.*)'; (.*)", "連携地域・振興局 '{0}' は見つかりません。{1}"),
    (r"unknown 振興局 '(.*)'; (.*)", "振興局 '{0}' は見つかりません。{1}"),
    (r"unknown project '(.*)'; (.*)", "プロジェクト '{0}' は見つかりません。{1}"),
    (
        r"(.*) is outside the plan's years \((.*)\); check the year and its era, or add --outside-plan if it is meant",
        "{0} は計画期間（{1}）の外です。年度と元号を確認してください（意図したものなら --outside-plan）",
    ),
    (
        r"(.*) is outside the plan's years \((.*)\); check the year and its era",
        "{0} は計画期間（{1}）の外です。年度と元号を確認してください",
    ),
    (
        r"FY(\d+) \((.*)\) has not started yet \(the current fiscal year is (.*)\); check the year \(and its era\)",
        "{1}（{0}年度）はまだ始まっていません（今年度は {2}）。年度と元号を確認してください",
    ),
    (r"year '(.*)' does not exist: (.*)", "年度 '{0}' はありません: {1}"),
    (
        r"value '(.*)' is in (.*), but this KPI is measured in (.*); convert it to .* \(or give the number alone\)",
        "値 '{0}' の単位は {1} ですが、このKPIの単位は {2} です。{2}に換算するか数値だけを入力してください",
    ),
    (
        r"value (.*) is negative, but (.*) counts (.*), which cannot be below zero; check the sign",
        "値 {0} が負です。{1} は{2}を数えるので負になりません。符号を確認してください",
    ),
    (r"value '(.*)' is not a decimal number(.*)", "値 '{0}' は数値ではありません{1}"),
    (
        r"(.*) already has the value (.*) \((.*)\), not (.*); use --correct to supersede it",
        "{0} には記録済みの値 {1}（{2}）があります（今回 {3}）。訂正するには --correct を付けてください",
    ),
    (
        r"(.*): (\d+) bad rows?; nothing was written\. Fix them and import again:",
        "{0}: 問題のある行が{1}行あります。何も書き込んでいません。直してからもう一度取り込んでください:",
    ),
    (r"cannot read ledger (.*): (.*)", "台帳 {0} を読めません: {1}"),
    (
        r"ledger (.*) is not a regular file \(a device, a FIFO or a socket\); give a CSV file",
        "台帳 {0} は通常のファイルではありません（デバイス、FIFO、ソケット）。CSVファイルを指定してください",
    ),
    (
        r"(.*):1: not a kpi ledger \(header is '(.*)'\); the first line must be: (.*)",
        "{0}:1: kpiの台帳ではありません（見出しは '{1}'）。1行目は次のとおりです: {2}",
    ),
    (
        r"folder (.*) does not exist; create it or choose another --ledger",
        "フォルダ {0} がありません。作成するか、別の --ledger を指定してください",
    ),
    (
        r"cannot create (.*): (.*); give --ledger a writable place",
        "{0} を作成できません: {1}。書き込める場所を --ledger で指定してください",
    ),
    (r"cannot write to (.*): (.*); nothing was recorded", "{0} に書き込めません: {1}。何も記録していません"),
    (
        r"plan file (.*) not found; give an existing file with --plan or KPI_PLAN",
        "計画ファイル {0} がありません。--plan か KPI_PLAN で既存のファイルを指定してください",
    ),
    (
        r"(.*): not valid TOML: (.*); fix the syntax there",
        "{0}: TOMLとして読めません: {1}。その箇所の書式を直してください",
    ),
    (
        r"plan (.*) is not valid \((\d+) problems?\); fix the lines below, then run: kpi plan check",
        "計画 {0} に問題が{1}件あります。下の行を直してから kpi plan check を実行してください",
    ),
    (
        r"refused: the plan would not be valid; (.*) is unchanged",
        "拒否しました: 計画が不正になります。{0} は変更していません",
    ),
    (r"'(.*)' is not a year; (.*)", "'{0}' は年度ではありません。{1}"),
    (r"year '(.*)' is out of range; (.*)", "年度 '{0}' は範囲外です。{1}"),
    (
        r"year '(.*)' is ambiguous: give the era or four digits; (.*)",
        "年度 '{0}' はあいまいです。元号か西暦4桁で指定してください。{1}",
    ),
    (r"(.*) '(.*)' is not a date; write it as (.*)", "{0} '{1}' は日付ではありません。{2} のように書いてください"),
    (
        r"--output (.*) is the plan or ledger in use \(or part of it\); write the output elsewhere",
        "--output {0} は使用中の計画か台帳です。別の場所に書き出してください",
    ),
    (
        r"cannot tell the format of --output (.*) from its extension; use (.*) or add --format",
        "--output {0} の拡張子から形式がわかりません。{1} のいずれかにするか --format を指定してください",
    ),
    (r"--output (.*) is a folder; give a file name", "--output {0} はフォルダです。ファイル名を指定してください"),
    (r"cannot read (.*): (.*); check the path", "{0} を読めません: {1}。パスを確認してください"),
    (r"(.*) is not a part of (.*); its parts are (.*)", "{0} は {1} の内訳ではありません。内訳は {2} です"),
    (
        r"(.*) '(.*)' is not a word of the plan's vocabulary; use one of: (.*)",
        "{0} '{1}' は計画の語彙にありません。次のいずれかを使ってください: {2}",
    ),
    (r"(.*): (\d+) bad rows?; nothing was written", "{0}: 問題のある行が{1}行あります。何も書き込んでいません"),
    (
        r"(.*) is cumulative \(累計: each year's own count, added up by kpi\), but its values (.*) look like running "
        r"totals; (.*)",
        "{0} は累計KPI（各年度の単年の数をkpiが合計）ですが、値 {1} は累計値のように見えます。"
        "累計値なら --running-total（年度ごとの差を記録）、単年の値なら --yearly を付けてください",
    ),
    (r"(\d+) problems? found in (.*)", "{1} に問題が{0}件見つかりました"),
    (r"(\d+) values still owed for (.*)", "{1} の未記録が{0}件あります"),
    (r"warning: (.*)", "警告: {0}"),
    (r"wrote (\d+) (.*) to (.*)", "{2} に書き出しました（{0}件）"),
    (
        r"dry run: (\d+) rows would be recorded in (.*) \((.*)\); nothing written",
        "試行: {1} に{0}行を記録します（{2}）。書き込んでいません",
    ),
    (r"interrupted, nothing was written", "中断しました。何も書き込んでいません"),
    (r"a negative number\? put -- before it: (.*)", "負の数ですか？前に -- を付けてください: {0}"),
]

# Result lines on stdout (whole lines), tried in order.
SUMMARIES: list[tuple[str, str]] = [
    (r"recorded: (.*) → (.*)", "記録しました: {0} → {1}"),
    (r"corrected: (.*) → (.*)", "訂正しました: {0} → {1}"),
    (r"unchanged: (.*); nothing written", "変更なし: {0}（書き込みなし）"),
    (r"voided: (.*) \(the row (.*) no longer counts\) → (.*)", "取り消しました: {0}（行 {1} は数えません）→ {2}"),
    (r"imported (\d+) rows into (.*) \(lines (.*)\); (.*)", "{1} に{0}行を取り込みました（{2}行目）。{3}"),
    (r"imported (\d+) rows into (.*) \(lines (.*)\)", "{1} に{0}行を取り込みました（{2}行目）"),
    (r"imported 0 rows: nothing new in (.*); (.*)", "新しい値はありません（{0}）。{1}"),
    (r"reviewed: (.*) → (.*)", "評価を記録しました: {0} → {1}"),
    (
        r"imported (\d+) reviews into (.*); (\d+) unchanged, (\d+) not filled in",
        "{1} に{0}件の評価を取り込みました（変更なし{2}件、未記入{3}件）",
    ),
    (r"(.*): (\d+) rows, head (.*)", "{0}: {1}行、末尾ハッシュ {2}"),
]

# Hints that end many messages, replaced after a pattern matched (or alone).
FRAGMENTS: dict[str, str] = {
    "write it as 2019, FY2019, R1, 令和元年度 or H26": "2019、FY2019、R1、令和元年度、H26 のように書いてください",
    "see: kpi kpis": "一覧: kpi kpis",
    "see: kpi projects": "一覧: kpi projects",
    "check the year and its era": "年度と元号を確認してください",
    "check the number (and its unit)": "数値（と単位）を確認してください",
    "No such file or directory": "ファイルまたはフォルダがありません",
    "Permission denied": "権限がありません",
    "No space left on device": "ディスクの空きがありません",
    "Read-only file system": "読み取り専用のファイルシステムです",
}
