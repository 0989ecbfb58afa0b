"""The Japanese catalog, part four: what kpi says about the values, years, files and rows it is
given, and about where it writes (tried after the first parts, before the plan's patterns)."""

from __future__ import annotations

UTF8_CSV = "「CSV UTF-8」形式で保存し直してください"

INPUT_MESSAGES: list[tuple[str, str]] = [
    (
        r"(.*) '(.*)' is in (.*), but this KPI is measured in (.*); convert it to .* \(or give the number alone\)",
        "{0:w} '{1}' の単位は {2} ですが、このKPIの単位は {3} です。{3}に換算するか数値だけを入力してください",
    ),
    (
        r"year '(.*)' is before 1989: only 平成 (\(H\) )?and 令和 (\(R\) )?(fiscal )?years are supported",
        "年度 '{0}' は1989年より前です。使えるのは平成（H）と令和（R）の年度だけです",
    ),
    (
        r"'(.*)' is not a range of years; write it like H27～R1 or 2015-2019",
        "'{0}' は年度の範囲ではありません。H27～R1 や 2015-2019 のように書いてください",
    ),
    (
        r"range '(.*)' ends before it starts; write the earlier year first",
        "範囲 '{0}' は終わりが始まりより前です。前の年度を先に書いてください",
    ),
    (
        r"cohort '(.*)' has no month (.*); write it like H27\.3卒",
        "卒業年月 '{0}' に{1}月はありません。H27.3卒 のように書いてください",
    ),
    (r"'(.*)': give the era of '(.*)', e\.g\. H21～H25", "'{0}': '{1}' の元号を書いてください（例: H21～H25）"),
    (r"year '(.*)' is not a four-digit year", "年度 '{0}' は4桁の西暦ではありません"),
    (
        r"an empty value \(a void row\) must name the row it takes back",
        "空の値（取り消しの行）には取り消す行を書かなければなりません",
    ),
    (
        r"value '(.*)' is not a plain decimal of at most 15 digits and 6 places",
        "値 '{0}' は整数部15桁・小数6桁までの普通の10進数ではありません",
    ),
    (
        r"correction '(.*)' is neither true, false nor a row's hash",
        "訂正欄 '{0}' が true、false、行のハッシュのどれでもありません",
    ),
    (r"batch '(.*)' is not of the form ID:i/n", "取り込み欄 '{0}' が ID:i/n の形ではありません"),
    (r"cannot be read as (\d+) CSV fields", "{0}個のCSV欄として読めません"),
    (r"not UTF-8 text", "UTF-8 の文字ではありません"),
    (r"(\w+) '(.*)' is (.*); check the number \(and its unit\)", "{0:w} '{1}' は{2:m}。数値と単位を確認してください"),
    (r"not a finite number", "有限の数ではありません"),
    (r"(.*); row left out", "{0:m}。この行は数えません"),
    (r"(.*); file skipped", "{0:m}。このファイルは読み飛ばします"),
    (
        r"incomplete last line \(a write was interrupted\); it is ignored, and removed by the next kpi record",
        "最終行が不完全です（書き込みの中断）。数えず、次の kpi record で取り除きます",
    ),
    (r"no ledger yet \(0 rows\)", "台帳はまだありません（0行）"),
    (r"(\d+) rows in (\d+) files", "{0}行（{1}ファイル）"),
    (
        r"(.*) is outside the plan's years \((.*)\); kpi void it if it was a typo",
        "{0} は計画期間（{1}）の外です。入力ミスなら kpi void で取り消してください",
    ),
    (
        r"(.*) is not a review \(its note is not kpi's review record\)",
        "{0} は評価ではありません（備考が kpi の評価記録の形ではありません）",
    ),
    (
        r"(.*) uses words the plan's vocabulary does not have \((.*)\); add them to \[review\] .*",
        "{0} に計画の語彙にない語があります（{1}）。計画の [review] に加えるか、評価し直してください",
    ),
    (
        r"ledger (.*) is a link to a missing file; fix the link or give another --ledger",
        "台帳 {0} は存在しないファイルへのリンクです。リンクを直すか、別の --ledger を指定してください",
    ),
    (r"nothing to write", "書き込むものがありません"),
    (r"cannot check ledger (.*): (.*)", "台帳 {0} を確認できません: {1}"),
    (
        r"cannot open ledger (.*) for writing: (.*); if it is open in Excel, close it and try again, else check the "
        r"file's permissions; nothing was recorded",
        "台帳 {0} を書き込み用に開けません: {1}。Excel で開いているなら閉じてからやり直してください。そうでなければ"
        "ファイルの権限を確認してください。何も記録していません",
    ),
    (r"cannot open ledger (.*) for writing: (.*)", "台帳 {0} を書き込み用に開けません: {1}"),
    (r"cannot create ledger (.*): (.*)", "台帳 {0} を作成できません: {1}"),
    (
        r"cannot create (.*): (.*); give --ledger a writable place",
        "{0} を作成できません: {1}。--ledger に書き込める場所を指定してください",
    ),
    (r"cannot create a temporary file in (.*)", "{0} に一時ファイルを作成できません"),
    (r"cannot write (.*): (.*)", "{0} に書き込めません: {1}"),
    (r"a line cannot be read; nothing was changed", "読めない行があります。何も変更していません"),
    (
        r"cannot repair (.*): (.*); if it is open in Excel, close it and try again, else check the file's "
        r"permissions; nothing was changed",
        "{0} は修復できません: {1}。Excel で開いているなら閉じてからやり直してください。そうでなければ"
        "ファイルの権限を確認してください。何も変更していません",
    ),
    (r"cannot repair (.*): (.*); nothing was changed", "{0} は修復できません: {1}。何も変更していません"),
    (
        r"reading \.xlsx needs openpyxl; install kpi again with its dependencies",
        ".xlsx を読むには openpyxl が必要です。依存パッケージとともに kpi を入れ直してください",
    ),
    (r'broken UTF-16 text; save it as "CSV UTF-8" and import again', "UTF-16 の文字が壊れています。" + UTF8_CSV),
    (
        r"a cell is longer than (.*) characters; is this the right file\?",
        "{0}文字より長いセルがあります。正しいファイルですか？",
    ),
    (
        r"running total (.*) stored as that year's own count (.*)",
        "累計値 {0} をその年度だけの値 {1} として記録します",
    ),
    (r"(.*); check the totals", "{0:m}。累計値を確認してください"),
    (
        r"no sections; start them with (.*)",
        "見出しがありません。{0} で始めてください",
    ),
    (r"unknown section '(.*)'; use (.*)", "見出し '{0}' は使えません。次を使ってください: {1}"),
    (
        r"cannot read (.*) as UTF-8 text \((.*)\); save it as UTF-8",
        "{0} を UTF-8 として読めません（{1}）。UTF-8 で保存してください",
    ),
    (r"(\d+) bad rows?; nothing was written", "問題のある行が{0}行あります。何も書き込んでいません"),
    (
        r"--excel applies to csv and tsv, not (.*); add --format csv or drop --excel",
        "--excel は csv と tsv のためのものです（{0} には使えません）。"
        "--format csv を付けるか --excel を外してください",
    ),
    (
        r"an \.xlsx workbook is not for the terminal; add --output FILE\.xlsx",
        ".xlsx ブックは端末には出せません。--output ファイル名.xlsx を付けてください",
    ),
    (r"not JSON: (.*)", "JSONにできません: {0}"),
    (
        r"kpi show draws a table or writes json, not (.*); use kpi status for (.*)",
        "kpi show は表か json だけです（{0} は出せません）。{1} には kpi status を使ってください",
    ),
    (
        r"unknown kind '(.*)'; use level, cumulative or target_only",
        "種類 '{0}' は使えません。level、cumulative、target_only のいずれか",
    ),
    (r"unknown office \(振興局\) '(.*)'; valid: (.*)", "振興局 '{0}' は見つかりません。使える名前: {1}"),
    (r"unknown region '(.*)'; valid: (.*)", "連携地域 '{0}' は見つかりません。使える名前: {1}"),
    (
        r"give both --baseline and --baseline-year \(or neither, for a target-only KPI\)",
        "--baseline と --baseline-year は両方指定してください（目標値だけのKPIならどちらも省きます）",
    ),
    (r"add it first with kpi plan add-project", "先に kpi plan add-project で追加してください"),
    (r"did you mean (.*)\?", "もしかして {0} ですか？"),
    (r"wrote a report of (\d+) KPIs to (.*)", "{1} に{0}件のKPIの資料を書き出しました"),
    (
        r"a draft; add --reviewed-on DATE once the 地域づくり連携会議 has reviewed it",
        "下書きです。地域づくり連携会議で検証したら --reviewed-on 日付 を付けて記録し直してください",
    ),
    (r"see them with kpi review list", "確認: kpi review list"),
    (r"(\d+) unchanged, (\d+) blank \(not yet known\)", "変更なし{0}件、空欄（まだ不明）{1}件"),
    (r"(\d+) unchanged, (\d+) blank", "変更なし{0}件、空欄{1}件"),
    (r"(\d+) unchanged", "変更なし{0}件"),
    (r"(\d+) blank \(not yet known\)", "空欄（まだ不明）{0}件"),
    (r"(\d+) more notes; kpi verify --all lists every one", "ほかに注が{0}件あります。すべて表示: kpi verify --all"),
    (
        r"every selected KPI already has a value for (.*) \(--all lists them\)",
        "選んだKPIはすべて {0} の値が記録済みです（--all で全件を出せます）",
    ),
    (r"valid( names)?: (.*)", "使える名前: {1}"),
    (r"allowed keys: (.*)", "使えるキー: {0}"),
    (r"known: (.*)", "あるもの: {0}"),
    (r"empty (\w+); (.*)", "{0:w} が空です。{1:m}"),
]
