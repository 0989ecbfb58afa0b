"""The Japanese catalog of messages: patterns for error and warning lines, result lines on
stdout, and hint fragments (``tests/test_i18n.py`` checks every pattern fills its placeholders)."""

from __future__ import annotations

from kpi_cli.i18n.ja_input import INPUT_MESSAGES
from kpi_cli.i18n.ja_ledger import LEDGER_MESSAGES
from kpi_cli.i18n.ja_plan import PLAN_MESSAGES, PLAN_WORDS

# (English pattern, Japanese with {0}, {1}, ... for the groups), tried in order.
MESSAGES: list[tuple[str, str]] = [
    *LEDGER_MESSAGES,
    (r"unknown KPI '(.*)'; did you mean (.*)\?", "KPI '{0}' は見つかりません。もしかして {1} ですか？"),
    (r"unknown KPI '(.*)'; see: kpi kpis", "KPI '{0}' は見つかりません。一覧: kpi kpis"),
    (r"no KPI matches '(.*)'; (.*)", "'{0}' に一致するKPIはありません。{1:m}"),
    (
        r"KPI '(.*)' matches (\d+) KPIs; give one id(; or narrow it with --region)?: (.*)",
        "'{0}' は{1}件のKPIに一致します。IDを1つ指定するか --region で絞ってください: {3}",
    ),
    (r"unknown region '(.*)'; (.*)", "連携地域・振興局 '{0}' は見つかりません。{1:m}"),
    (r"unknown 振興局 '(.*)'; (.*)", "振興局 '{0}' は見つかりません。{1:m}"),
    (r"unknown project '(.*)'; (.*)", "プロジェクト '{0}' は見つかりません。{1:m}"),
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
    (
        r"value '(.*)' is in (.*), but this KPI is measured in (.*); convert it to .* \(or give the number alone\)",
        "値 '{0}' の単位は {1} ですが、このKPIの単位は {2} です。{2}に換算するか数値だけを入力してください",
    ),
    (
        r"value (.*) is negative, but (.*) counts (.*), which cannot be below zero; check the sign",
        "値 {0} が負です。{1} は{2}を数えるので負になりません。符号を確認してください",
    ),
    (r"(\w+) '(.*)' is not a decimal number(.*)", "{0:w} '{1}' は数値ではありません{2}"),
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
    (r"(.*) '(.*)' is not a date; write it as (.*)", "{0:w} '{1}' は日付ではありません。{2} のように書いてください"),
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
        "{0:w} '{1}' は計画の語彙にありません。次のいずれかを使ってください: {2}",
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
    (r"--reason is empty; say why the value is taken back", "--reason が空です。取り消す理由を書いてください"),
    (
        r"--running-total and --yearly contradict each other; give one",
        "--running-total と --yearly は両立しません。どちらか一方にしてください",
    ),
    (
        r"FY(\d+) \((.*)\) has not started yet; check the year \(and its era\)",
        "{1}（{0}年度）はまだ始まっていません。年度と元号を確認してください",
    ),
    (r"FY(\d+) has not started yet; check the year", "{0}年度はまだ始まっていません。年度を確認してください"),
    (
        r"(.*) has not started yet; a review looks back on a year that began",
        "{0} はまだ始まっていません。評価は始まった年度について行います",
    ),
    (r"KPI id '(.*)' already exists; choose another id", "KPI ID '{0}' は既にあります。別のIDにしてください"),
    (
        r"project id '(.*)' already exists; choose another id",
        "プロジェクトID '{0}' は既にあります。別のIDにしてください",
    ),
    (
        r"project '(.*)' matches (\d+) projects; give one id: (.*)",
        "'{0}' は{1}件のプロジェクトに一致します。IDを1つ指定してください: {2}",
    ),
    (r"unknown rating '(.*)' for (.*); use one of (.*)", "{1} の評価 '{0}' はありません。次のいずれか: {2}"),
    (
        r"unknown encoding '(.*)'; (.*)",
        "文字コード '{0}' は使えません。utf-8 か cp932 を指定してください（省略すると自動判定）",
    ),
    (r"empty (.*); give a number such as 1372.6", "{0:w} が空です。1372.6 のような数値を入力してください"),
    (
        r"(.*) '(.*)' has trailing text '(.*)'; give the number alone",
        "{0:w} '{1}' の後ろに '{2}' があります。数値だけを入力してください",
    ),
    (
        r"(.*) '(.*)' is too large: kpi keeps at most (\d+) digits before the decimal point; (.*)",
        "{0:w} '{1}' は大きすぎます（整数部は{2}桁まで）。数値と単位を確認してください",
    ),
    (
        r"(.*) '(.*)' is too precise: kpi keeps at most (\d+) decimal places; (.*)",
        "{0:w} '{1}' は細かすぎます（小数は{2}桁まで）。数値と単位を確認してください",
    ),
    (
        r"(.*) '(.*)' is not a plain decimal number; (.*)",
        "{0:w} '{1}' は普通の10進数ではありません。1,372.6 のように数字と小数点（桁区切り可）で書いてください",
    ),
    (
        r"(.*) contains a line break; keep it on one line \(one row = one line\)",
        "{0:w} に改行があります。1行にしてください",
    ),
    (
        r"(.*) contains the control character (U\+[0-9A-F]+); (.*)",
        "{0:w} に制御文字 {1} があります。取り除いてください",
    ),
    (r"(.*): empty; the first line must be the header (.*)", "{0}: 空です。1行目は見出し {1} にしてください"),
    (
        r"(.*): the header lacks (.*); the first line must be (.*)",
        "{0}: 見出しに {1} がありません。1行目は {2} にしてください",
    ),
    (r"(.*): no sheet has the header (.*) in its first rows", "{0}: 見出し {1} のあるシートがありません"),
    (
        r"(.*): not an \.xlsx workbook \(it does not start like one\); save it again from Excel",
        "{0}: .xlsx ブックではありません。Excel で保存し直してください",
    ),
    (
        r"(.*): cannot be read as an \.xlsx workbook \((.*)\); save it again from Excel",
        "{0}: .xlsx ブックとして読めません（{1}）。Excel で保存し直してください",
    ),
    (
        r"(.*): not a well-formed CSV line \((.*)\); check the quotes on that line",
        "{0}: CSVの行として読めません（{1}）。その行の引用符を確認してください",
    ),
    (r"(.*): no rows to import below the header \((.*)\)", "{0}: 見出し（{1}）の下に取り込む行がありません"),
    (
        r"(.*) appears again \(first at (.*)\); keep one row per KPI and year",
        "{0} が再び出てきます（最初は {1}）。KPIと年度ごとに1行にしてください",
    ),
    (
        r"(.*) has no value to void; check the KPI and the year \((.*)\)",
        "{0} には取り消す値がありません。KPIと年度を確認してください（{1}）",
    ),
    (
        r"(.*) has no value yet, so there is nothing to correct; drop --correct",
        "{0} にはまだ値がないので訂正できません。--correct を外してください",
    ),
    (
        r"(.*) is recorded for the whole KPI, not per 振興局 \(the plan gives it no parts\); drop --office",
        "{0} はKPI全体で記録します（振興局別の内訳はありません）。--office を外してください",
    ),
    (
        r"ledger (.*) does not exist; check the path \(kpi verify does not create it\)",
        "台帳 {0} がありません。パスを確認してください（kpi verify は作成しません）",
    ),
    (
        r"--expect-head (.*) is not a 64-character hex hash; copy the head kpi verify prints",
        "--expect-head {0} は64桁の16進ハッシュではありません。kpi verify が表示する末尾ハッシュを写してください",
    ),
    (r"no KPI matches '(.*)'; (.*)", "'{0}' に一致するKPIはありません。{1:m}"),
    (
        r"year '(.*)' does not exist: 平成 ended in its 31st year \(2019\); write (.*) or (.*)",
        "年度 '{0}' はありません。平成は31年（2019年）までです。{1} または {2} と書いてください",
    ),
    (
        r"year '(.*)' does not exist: era years start at 1 \(元年\); (.*)",
        "年度 '{0}' はありません。元号の年は1（元年）から始まります。{1}",
    ),
    (r"year '(.*)' is out of range; (.*)", "年度 '{0}' は範囲外です。{1}"),
    (r"year '(.*)' does not exist: (.*)", "年度 '{0}' はありません: {1}"),
    (
        r"(\d+) cells, but the header has (\d+); a number with a thousands separator must be quoted .*",
        "セルが{0}個ありますが見出しは{1}個です。"
        '桁区切りのある数値は "1,372.6" のように引用符で囲むか、1372.6 と書いてください',
    ),
    (
        r"cannot write (.*): (.*); if it is open in Excel, close it and try again, else check the file's permissions",
        "{0} に書き込めません: {1}。Excel で開いているなら閉じてからやり直してください。そうでなければ"
        "ファイルの権限を確認してください",
    ),
    (
        r"cannot write (.*): (.*); choose a writable --output path",
        "{0} に書き込めません: {1}。書き込める --output のパスを指定してください",
    ),
    (
        r"--output (.*) should end in \.html \(the document\), \.md \(Markdown\) or \.xlsx",
        "--output {0} の拡張子は .html（資料）、.md（Markdown）、.xlsx のいずれかにしてください",
    ),
    (r"--sort (.*): unknown; use one of (.*)", "--sort {0} は使えません。次のいずれか: {1}"),
    (
        r"repaired (.*): (\d+) rows back in kpi's own form; the file as found is (.*)",
        "{0} を修復しました: {1}行を kpi 本来の形に戻しました。見つかったままのファイルは {2} です",
    ),
    (
        r"cannot repair (.*): (.*); only a spreadsheet's re-save can be undone .*",
        "{0} は修復できません: {1}。戻せるのは表計算ソフトでの保存し直しだけです"
        "（バックアップか git の履歴から戻してください）",
    ),
    (
        r"cannot repair (.*): the rewritten rows do not all verify; nothing was changed",
        "{0} は修復できません: 書き直した行が検証を通りません。何も変更していません",
    ),
    (r"'(.*)' taken as (.*) \((.*)\)", "'{0}' を {1}（{2}）とみなしました"),
    (
        r"no data/plan\.toml in this folder or its parents: using the plan shipped with kpi and the ledger (.*)",
        "このフォルダにも親フォルダにも data/plan.toml がありません。kpi 同梱の計画と台帳 {0} を使います",
    ),
    (
        r"removed an interrupted write \((\d+) bytes\) from the end of (.*)",
        "{1} の末尾から書きかけの書き込み（{0}バイト）を取り除きました",
    ),
    (r"(\d+) more problems; run: kpi verify", "ほかに{0}件の問題があります。確認: kpi verify"),
    (r"ignored columns: (.*)", "使わない列: {0}"),
    (
        r"nothing to repair: no row was re-saved by a spreadsheet",
        "修復するものはありません（表計算ソフトで保存し直された行はありません）",
    ),
    (r"(.*): (.*): not a kpi writer file; skipped", "{0}: {1}: kpi の書き込みファイルではないので読み飛ばしました"),
    (
        r"(.*): (.*): a file of the ledger is open in Excel \(this is its lock file\); close it without saving, "
        r"or a save re-saves the ledger",
        "{0}: {1}: 台帳のファイルが Excel で開かれています（これはそのロックファイルです）。保存せずに閉じてください"
        "（保存すると台帳が保存し直されます）",
    ),
    (
        r"(.*): read as cp932 \(Shift-JIS, Excel's CSV on Japanese Windows\)",
        "{0}: cp932（Shift-JIS、日本語版 Windows の Excel のCSV）として読みました",
    ),
    (
        r"(.*): neither UTF-8 nor cp932 text; save it as \"CSV UTF-8\"",
        "{0}: UTF-8 でも cp932 でもありません。「CSV UTF-8」形式で保存し直してください",
    ),
    (
        r"(.*): not valid (.*) text; check --encoding .*",
        "{0}: {1} の文字として読めません。--encoding を確認してください（省略すると UTF-8 と cp932 を自動判定）",
    ),
    (r"wrote (\d+) (.*) to (.*)", "{2} に書き出しました（{0}件）"),
    (
        r"dry run: (\d+) rows would be recorded in (.*) \((.*)\); nothing written",
        "試行: {1} に{0}行を記録します（{2:m}）。書き込んでいません",
    ),
    (r"interrupted, nothing was written", "中断しました。何も書き込んでいません"),
    (r"a negative number\? put -- before it: (.*)", "負の数ですか？前に -- を付けてください: {0}"),
    *INPUT_MESSAGES,
    *PLAN_MESSAGES,
]

# Result lines on stdout (whole lines), tried in order.
SUMMARIES: list[tuple[str, str]] = [
    (r"recorded: (.*) → (.*)", "記録しました: {0} → {1}"),
    (r"corrected: (.*) → (.*)", "訂正しました: {0} → {1}"),
    (
        r"(.*): OK — (\d+) regions \(連携地域\), (\d+) offices \(振興局\), (\d+) projects, (\d+) KPIs \((.*)\)",
        "{0}: OK — 連携地域{1}、振興局{2}、プロジェクト{3}、KPI{4}（{5}）",
    ),
    (r"added KPI (.*) to (.*) → (.*)", "KPI {0} を {1} に追加しました → {2}"),
    (r"added project (.*) → (.*)", "プロジェクト {0} を追加しました → {1}"),
    (r"imported (.*): (\d+) KPIs added, (\d+) in all → (.*)", "{0} を取り込みました: KPIを{1}件追加、全{2}件 → {3}"),
    (r"revised (.*) → (.*)", "{0} を見直しました → {1}"),
    (r"unchanged: (.*) is already (.*); nothing written", "変更なし: {0} は既に {1} です（書き込みなし）"),
    (r"unchanged: (.*); nothing written", "変更なし: {0}（書き込みなし）"),
    (
        r"created (.*): (\d+) regions, (\d+) offices, no projects yet; its values go to its own ledger (.*)",
        "{0} を作成しました: 連携地域{1}、振興局{2}、プロジェクトはまだありません。値は専用の台帳 {3} に記録します",
    ),
    (r"voided: (.*) \(the row (.*) no longer counts\) → (.*)", "取り消しました: {0}（行 {1} は数えません）→ {2}"),
    (r"imported (\d+) rows into (.*) \(lines (.*)\); (.*)", "{1} に{0}行を取り込みました（{2}行目）。{3:m}"),
    (r"imported (\d+) rows into (.*) \(lines (.*)\)", "{1} に{0}行を取り込みました（{2}行目）"),
    (r"imported 0 rows: nothing new in (.*); (.*)", "新しい値はありません（{0}）。{1:m}"),
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
    "Is a directory": "フォルダです",
    "Not a directory": "フォルダではありません",
    "Too many levels of symbolic links": "リンクが循環しています",
    "File name too long": "ファイル名が長すぎます",
    "too large: kpi keeps at most 15 digits before the decimal point": "大きすぎます（整数部は15桁まで）",
    "too precise: kpi keeps at most 6 decimal places": "細かすぎます（小数は6桁まで）",
    "not a decimal number": "数値ではありません",
    "; give digits such as 1372.6 or 1,372.6": "。1372.6 や 1,372.6 のように数字で入力してください",
    "is not a plain digit; ": "は普通の数字ではありません。",
    "? did you mean": "？もしかして",
    "did you mean ": "もしかして ",
    " (or KPI ID,年度,実績値[,備考,出典])": "（または KPI ID,年度,実績値[,備考,出典]）",
    "? valid names: ": "？ 使える名前: ",
    "valid names: ": "使える名前: ",
    "type the digits 0-9 (full-width ０-９ are fine)": "0-9 の数字を入力してください（全角の０-９も可）",
}

# Subjects that open a message ("value '5²' is ..."), replaced when a pattern's group is exactly one.
WORDS: dict[str, str] = {
    **PLAN_WORDS,
    "value": "値",
    "year": "年度",
    "baseline": "基準値",
    "target": "目標値",
    "target_value": "目標値",
    "the note": "備考",
    "the source": "出典",
    "the name": "名前",
    "quotes": "引用符",
    "TRUE/FALSE": "TRUE/FALSE",
    "saved in cp932/Shift-JIS": "cp932（Shift-JIS）で保存",
    "trailing zeros": "末尾の0の省略",
}
