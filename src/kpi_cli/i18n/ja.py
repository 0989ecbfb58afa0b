"""The Japanese catalog: help texts (English → 日本語) and message patterns.

``tests/test_i18n.py`` checks that every command's summary and every option's help has an
entry here, and that every message pattern matches a message the code really prints.
"""

from __future__ import annotations

HELP: dict[str, str] = {
    # the app and the groups
    "Track the KPIs of Hokkaido's 連携地域別政策展開方針 (regional policy plans).": (
        "北海道「連携地域別政策展開方針」のKPIを管理します。"
    ),
    "Check, start and edit plan files.": "計画ファイルの検証・作成・編集。",
    "Project reviews (評価, 今後の方向性) for the 地域づくり連携会議.": (
        "地域づくり連携会議のためのプロジェクト評価（評価・今後の方向性）。"
    ),
    # command summaries
    "Each KPI's baseline, target, actual and gap to the straight line from baseline to target.": (
        "各KPIの基準値・目標値・実績と、基準値から目標値への直線（期待値）との差を示します。"
    ),
    "Every actual joined with its plan data: one row per KPI and year, with that year's figures.": (
        "記録された実績を計画の情報とともに出力します（KPI・年度ごとに1行）。"
    ),
    "One KPI in full: project, 振興局, 施策, baseline, target, rating, a chart and its history.": (
        "1つのKPIの詳細（プロジェクト、振興局、施策、基準値、目標値、評価、グラフ、履歴）を表示します。"
    ),
    "The 推進状況 document for the 地域づくり連携会議: one self-contained HTML file.": (
        "地域づくり連携会議のための推進状況資料を1つのHTMLファイルで作成します。"
    ),
    "A static site of the plan, ledger and reviews: a folder of pages and downloads to publish.": (
        "計画・台帳・評価から静的サイト（ページとダウンロードのフォルダ）を作成し、公開できるようにします。"
    ),
    "What changed between two fiscal years: KPIs whose rating changed, projects whose review changed.": (
        "2つの年度の間の変化（評価が変わったKPI、プロジェクト評価が変わったプロジェクト）を示します。"
    ),
    "Record one yearly actual value in the ledger.": "年度の実績値を1件、台帳に記録します。",
    "Import many yearly values at once: all rows are checked first, then written as one batch.": (
        "多くの実績値をまとめて取り込みます。全行を確認してから一括で書き込みます。"
    ),
    "Record the tourism KPIs' shares as printed in the report workbook of the 北海道観光入込客数調査.": (
        "北海道観光入込客数調査の報告書のブックから、観光KPIの内訳を印刷どおりに記録します。"
    ),
    "The collection sheet of one fiscal year: one row per KPI without a value for it, to fill in and import.": (
        "年度の実績照会シート（未記録のKPIごとに1行）を作成します。記入して kpi import で取り込みます。"
    ),
    "What is still owed for a fiscal year, grouped by the 振興局 taking part in each KPI's project.": (
        "年度の未記録の実績を、振興局ごとに示します。"
    ),
    "Take back the value in force for a KPI and year: it then counts as not recorded.": (
        "KPIと年度の実績を取り消します（未記録として扱われます）。"
    ),
    "Every recorded row, newest first, with superseded and voided rows marked.": (
        "記録の履歴を新しい順に表示します（訂正・取消も示します）。"
    ),
    "Check the ledger: header, every row, the hash chain, the remembered head, KPI ids, years, conflicts.": (
        "台帳を検証します（見出し、全行、ハッシュの連鎖、末尾、KPI ID、年度、矛盾）。"
    ),
    "List the 連携地域 with their 中核都市, 振興局 and project counts.": (
        "連携地域の一覧（中核都市、振興局、プロジェクト数）。"
    ),
    "List the projects printed in the plan, optionally of some regions.": "計画のプロジェクト一覧。",
    "List the KPIs with baseline and target, optionally of some regions or projects.": (
        "KPIの一覧（基準値と目標値）。"
    ),
    "Print the completion script for a shell: commands, options, KPI ids, regions, offices, projects.": (
        "シェルの補完スクリプトを出力します（コマンド、オプション、KPI ID、地域、振興局、プロジェクト）。"
    ),
    "Validate a plan file and print a one-line summary.": "計画ファイルを検証し、1行の要約を表示します。",
    "Start a new plan with the 6 連携地域 and 14 振興局 and no projects.": (
        "6連携地域・14振興局だけの新しい計画ファイルを作成します。"
    ),
    "Add a project to a plan (checked like kpi plan check before anything is written).": (
        "計画にプロジェクトを追加します（書き込む前に検証します）。"
    ),
    "Add a KPI to a project (checked like kpi plan check before anything is written).": (
        "プロジェクトにKPIを追加します（書き込む前に検証します）。"
    ),
    "Revise a KPI's target from a year on; the original target stays in the file.": (
        "KPIの目標値をある年度から改定します（当初の目標値も残ります）。"
    ),
    "Build or extend a plan from a spreadsheet: new projects and KPIs are added, known KPI ids replaced.": (
        "表計算のファイルから計画を作成・拡張します。"
    ),
    "Record a project's review for a fiscal year; a later review of the same year supersedes it.": (
        "プロジェクトの年度評価を記録します（同じ年度の後の評価が優先されます）。"
    ),
    "The project reviews in force (or every version with --history), with the suggested assessment.": (
        "プロジェクト評価の一覧（KPIからの目安つき）。"
    ),
    "The review sheet of a fiscal year: one row per project, with its KPIs' ratings and a suggestion.": (
        "年度のプロジェクト評価シート（プロジェクトごとに1行、KPIの評価と目安つき）を作成します。"
    ),
    "Record the reviews of a review sheet: every row checked first, then written as one batch.": (
        "評価シートのプロジェクト評価を取り込みます。全行を確認してから一括で書き込みます。"
    ),
    # options
    "A review sheet (kpi review template) as .xlsx or CSV; - reads stdin.": (
        "評価シート（kpi review template）の .xlsx か CSV。- で標準入力。"
    ),
    "CSV only: utf-8 or cp932 [default: detected].": "CSVの文字コード: utf-8 または cp932 [既定: 自動判定]。",
    "A UTF-8 text file with the sections ## 取組状況, ## 成果・課題 and ## 今後の取組.": (
        "## 取組状況、## 成果・課題、## 今後の取組 の見出しをもつUTF-8のテキストファイル。"
    ),
    "A head hash noted earlier (e.g. in a commit message): it must still be in the ledger. Repeatable.": (
        "以前控えた末尾ハッシュ（台帳に残っているはずのもの）。複数指定可。"
    ),
    "A remark kept with the KPI.": "KPIの備考。",
    "A remark kept with the project.": "プロジェクトの備考。",
    "A remark kept with the value.": "実績値の備考。",
    "A 振興局 taking part; repeat [default: all of the region].": (
        "参加する振興局（複数指定可）[既定: 地域の全振興局]。"
    ),
    "A 施策 (■ line); repeat.": "施策（■の行）。複数指定可。",
    "Accept a fiscal year outside the plan's years (refused otherwise: a typo guard).": (
        "計画期間外の年度を受け付けます（通常は誤入力防止のため拒否します）。"
    ),
    "Files of values: .xlsx, .xls, .ods or CSV with the columns kpi_id,year,value[,note,source] "
    "(or KPI ID,年度,実績値[,備考,出典]); several are imported as one batch; - reads stdin.": (
        "実績値のファイル: kpi_id,year,value[,note,source]（または KPI ID,年度,実績値[,備考,出典]）の列をもつ "
        ".xlsx、.xls、.ods か CSV。複数のファイルはまとめて1回分として取り込みます。- で標準入力。"
    ),
    "As-of fiscal year [default: each KPI's latest recorded year].": "評価する年度 [既定: 各KPIの実績のある最新年度]。",
    "Baseline fiscal year, e.g. H26.": "基準年度（例: H26）。",
    "Baseline value.": "基準値。",
    "CSV for Excel: UTF-8 with BOM, CRLF, formula-like text made inert.": (
        "Excel向けCSV（BOM付きUTF-8、CRLF、数式に見える文字列は無効化）。"
    ),
    "CSV only: utf-8 or cp932. Default: detected (UTF-8, a BOM, or cp932 from Excel on Japanese Windows).": (
        "CSVの文字コード: utf-8 または cp932。既定は自動判定。"
    ),
    "CSV with the columns of kpi kpis --format csv; - reads stdin.": (
        "kpi kpis --format csv と同じ列のCSV。- で標準入力。"
    ),
    "Cumulative (累計) KPIs: the values are each year's own counts, even if they grow.": (
        "累計KPI: 値はその年度単年の数です（増え続けていても）。"
    ),
    "Cumulative (累計) KPIs: the values are totals so far; store each year's own count (the difference).": (
        "累計KPI: 値はそれまでの累計です。年度ごとの差を記録します。"
    ),
    "Cumulative: first year counted.": "累計: 最初の年度。",
    "Cumulative: last year counted.": "累計: 最後の年度。",
    "Every KPI whose id or name contains this (観光 finds all nine); repeatable.": (
        "IDか名称にこの語を含むすべてのKPI（「観光」で9件）。複数指定可。"
    ),
    "Every review row, superseded ones too (oldest first).": "訂正前のものも含むすべての評価（古い順）。",
    "Every selected KPI, also those that already have a value for the year.": "記録済みのKPIも含めます。",
    "Exit 3 if any KPI is rated this or worse (e.g. behind).": "この評価以下のKPIがあれば終了コード3（例: behind）。",
    "Exit 3 when anything is still owed (for scheduled checks).": "未記録があれば終了コード3（定期確認用）。",
    "First as-of year the revised target applies to.": "改定後の目標値を適用する最初の年度。",
    "First fiscal year of the edition, e.g. R7 or 2025.": "計画の最初の年度（例: R7、2025）。",
    "First year of an averaged baseline (H21～25平均).": "平均値の基準値の最初の年度（H21～25平均）。",
    "Fiscal year: 2019, FY2019, R1, 令和元年度, H31, ...; for a point-in-time KPI also the day counted "
    "(2020-04-01, R2.4.1).": (
        "年度: 2019、FY2019、R1、令和元年度、H31 など。時点のKPIは調査日でも可（2020-04-01、R2.4.1）。"
    ),
    "KPI id or name fragment (all KPIs it matches) [default: all KPIs].": (
        "KPIのIDか名称の一部（一致するすべて）[既定: すべてのKPI]。"
    ),
    "KPI id, or a name fragment that matches one KPI.": "KPIのID、または1つのKPIに一致する名称の一部。",
    "Ledger CSV file, or a folder of per-writer files (end it with /) [env KPI_LEDGER; default: the ledger "
    "the plan names, else ledger.csv beside the plan].": (
        "台帳のCSVファイル、または記録者ごとのファイルのフォルダ（/で終える）[環境変数 KPI_LEDGER]。"
    ),
    "Oldest row first.": "古い順に表示します。",
    "Only KPIs with this rating (achieved, on_track, nearly, behind, worse, no_data); repeatable.": (
        "この評価のKPIだけ（achieved, on_track, nearly, behind, worse, no_data）。複数指定可。"
    ),
    "Only rows recorded by this name.": "この記録者の行だけ。",
    "Only rows recorded on or after this date (2026-04-01).": "この日以降に記録された行だけ（2026-04-01）。",
    "Only this fiscal year.": "この年度だけ。",
    "Order KPIs by gap, progress or rating (worst first) or name [default: plan order].": (
        "並べ替え: gap、progress、rating（悪い順）、name [既定: 計画の順]。"
    ),
    "Output format [default: table on a terminal, csv in a pipe].": "出力形式 [既定: 端末では表、パイプではCSV]。",
    "Plan file [env KPI_PLAN; default ./data/plan.toml, else the plan shipped with kpi].": (
        "計画ファイル [環境変数 KPI_PLAN。既定: ./data/plan.toml、なければ同梱の計画]。"
    ),
    "Plan file to check [default: the plan in use].": "検証する計画ファイル [既定: 使用中の計画]。",
    "Printed form, e.g. H27.3卒.": "計画での表記（例: H27.3卒）。",
    "Printed form, e.g. H27～R1累計.": "計画での表記（例: H27～R1累計）。",
    "Printed form, e.g. R2.3卒.": "計画での表記（例: R2.3卒）。",
    "Project id or name fragment.": "プロジェクトのIDか名称の一部。",
    "Project id or name fragment; repeat for several.": "プロジェクトのIDか名称の一部。複数指定可。",
    "The value is a 速報 (provisional): a 確定 replaces it later.": (
        "速報値として記録します（後で確定値が置き換えます）。"
    ),
    "The value is the 確定 (final); it replaces a 速報 without --correct.": (
        "確定値として記録します。速報値は --correct なしで置き換わります。"
    ),
    "A half-year's value: H1 (上期, April-September) or H2 (下期); shown, never rated.": (
        "半期の値: H1（上期、4〜9月）または H2（下期）。表示のみで、評価には使いません。"
    ),
    "Take back a half-year's value: H1 (上期) or H2 (下期).": "半期の値を取り消します: H1（上期）または H2（下期）。",
    "Record one 振興局's share of a KPI summed over offices (e.g. 渡島 for donan-tourists).": (
        "振興局の合計であるKPIの、1つの振興局分を記録します（例: donan-tourists の渡島分）。"
    ),
    "Revised target year [default: unchanged].": "改定後の目標年度 [既定: 変更なし]。",
    "Short ASCII id, e.g. tokachi-food-hub.": "短い英数字のID（例: tokachi-food-hub）。",
    "Short ASCII id, e.g. tokachi-food-value-added.": "短い英数字のID（例: tokachi-food-value-added）。",
    "Replace a review the 地域づくり連携会議 already approved (--reviewed-on); the old row stays.": (
        "地域づくり連携会議で検証済みの評価を置き換えます（元の行も残ります）。"
    ),
    "Supersede a value already recorded for this KPI and year (the old row stays).": (
        "記録済みの値を訂正します（元の行も残ります）。"
    ),
    "Target fiscal year, e.g. R1.": "目標年度（例: R1）。",
    "Target value, e.g. 1,440 or 1,440万人.": "目標値（例: 1,440、1,440万人）。",
    "The folder to write the site into: new, empty, or a site kpi made before (replaced whole).": (
        "サイトを書き出すフォルダ: 新しいフォルダ、空のフォルダ、"
        "または以前 kpi が作成したサイト（丸ごと置き換えます）。"
    ),
    "Replace a folder that is not a kpi site, and everything in it.": (
        "kpi が作成したサイトでないフォルダも、中身ごと置き換えます。"
    ),
    "The file to write: .html, .pdf, .md or .xlsx.": "書き出すファイル: .html、.pdf、.md、.xlsx。",
    "An .xlsx with every machine column and code (for scripts) instead of for people.": (
        ".xlsx を人向けでなく、すべての機械向けの列とコードのまま書き出します（スクリプト用）。"
    ),
    "The KPI's name as printed.": "計画に印刷されたKPIの名称。",
    "The actual value, e.g. 1372.6, 1,372.6 or 1,372.6万人.": "実績値（例: 1372.6、1,372.6、1,372.6万人）。",
    "The date of the 地域づくり連携会議 that reviewed it (2021-02-15); without it the review is a draft.": (
        "検証した地域づくり連携会議の日付（2021-02-15）。なければ案として記録します。"
    ),
    "The edition's name, e.g. 連携地域別政策展開方針（令和7年）.": (
        "計画の名称（例: 連携地域別政策展開方針（令和7年））。"
    ),
    "The fiscal year [default: last fiscal year, within the plan].": "年度 [既定: 前年度（計画期間内）]。",
    "The fiscal year reviewed: R2, 2020, 令和2年度, ...": "評価する年度: R2、2020、令和2年度 など。",
    "The earlier fiscal year: R1, 2019, 令和元年度, ...": "前の年度: R1、2019、令和元年度 など。",
    "Replace an --output sheet that holds filled-in rows not in the ledger yet.": (
        "台帳にまだない記入済みの行がある --output のシートでも置き換えます。"
    ),
    "The later fiscal year.": "後の年度。",
    "The fiscal year to collect: R6, 2024, 令和6年度, ...": "照会する年度: R6、2024、令和6年度 など。",
    "The fiscal year whose value is taken back: 2019, R1, H31, ...": "取り消す実績の年度: 2019、R1、H31 など。",
    "The new plan file (must not exist).": "新しい計画ファイル（既存のファイルは不可）。",
    "The project's id.": "プロジェクトのID。",
    "The project's name as printed.": "計画に印刷されたプロジェクトの名称。",
    "The revised target value.": "改定後の目標値。",
    "The target is a minimum (以上).": "目標値は下限（以上）。",
    "The unit as printed, e.g. 万人, 件, ％.": "計画での単位（例: 万人、件、％）。",
    "The 【…】 text as printed.": "計画の【…】の記載。",
    (
        "A KPI with recorded values whose unit changes in magnitude (万人 → 千人): record each of its values "
        "again in the new unit (a correction), then change the plan."
    ): (
        "値が記録済みのKPIの単位が桁だけ変わるとき（万人 → 千人）、各値を新しい単位で記録し直して（訂正）から"
        "計画を変えます。"
    ),
    "The 振興局 writing the review.": "評価を書いた振興局。",
    "The 連携地域 that owns it.": "所属する連携地域。",
    (
        "Undo a spreadsheet's re-save (BOM, CRLF, cp932, TRUE/FALSE, quotes) when every row proves intact; "
        "remove an unfinished last line; write a missing head file."
    ): (
        "表計算ソフトでの再保存（BOM、CRLF、cp932、TRUE/FALSE、引用符）を、全行が無傷と確認できれば元に戻します。"
        "書きかけの最終行を削除し、ない head ファイルを書きます。"
    ),
    "List every note (by default the first 20 and a count of the rest).": (
        "注をすべて表示します（既定では最初の20件と残りの件数）。"
    ),
    "Where the value comes from.": "実績値の出典。",
    "Who records [env KPI_USER; default: your login].": "記録者 [環境変数 KPI_USER。既定: ログイン名]。",
    "Why the value is taken back (kept in the ledger).": "取り消す理由（台帳に残ります）。",
    "Take back one 振興局's share of a KPI summed over offices.": (
        "振興局の合計であるKPIの、1つの振興局分を取り消します。"
    ),
    "Why, e.g. the decision of the meeting.": "理由（例: 会議での決定）。",
    "Write to this file instead of stdout.": "標準出力の代わりにこのファイルへ書き出します（拡張子で形式を判断）。",
    "Years as columns: one row per KPI with its baseline, each year's actual, target, rating.": (
        "年度を列にします（KPIごとに1行: 基準値、各年度の実績、目標値、評価）。"
    ),
    "bash, zsh, fish, powershell or pwsh.": "bash、zsh、fish、powershell、pwsh のいずれか。",
    "increase or decrease [default: from the values].": "increase か decrease [既定: 値から判断]。",
    "level, cumulative or target_only.": "level、cumulative、target_only のいずれか。",
    "printed or inferred.": "printed か inferred。",
    "table (text and chart) or json [default: table].": "table（表とグラフ）か json [既定: table]。",
    "utf-8, utf-8-sig or cp932 (Excel on Japanese Windows); a BOM is detected.": (
        "utf-8、utf-8-sig、cp932（日本語WindowsのExcel）。BOMは自動判定。"
    ),
    "今後の取組: next steps.": "今後の取組。",
    "今後の方向性: 拡充, 継続, 見直し, 廃止, 終了 (or the code).": (
        "今後の方向性: 拡充、継続、見直し、廃止、終了（またはコード）。"
    ),
    "取組状況: what was done (paragraphs allowed).": "取組状況（段落可）。",
    "成果・課題: results and problems.": "成果・課題。",
    "振興局 (name or id, e.g. 渡島); repeat for several.": "振興局（名称かID、例: 渡島）。複数指定可。",
    "評価: a word of the plan's vocabulary, or its code.": "評価: 計画の語彙の語、またはそのコード。",
    "連携地域 or 振興局 (name or id); repeat for several.": "連携地域または振興局（名称かID）。複数指定可。",
    # kpi import-stats
    "Report workbooks of the 北海道観光入込客数調査 (.xls or .xlsx, as the 道 publishes them; .ods too); "
    "several are recorded as one batch.": (
        "北海道観光入込客数調査の報告書のブック（道が公表する .xls か .xlsx。.ods も可）。"
        "複数のファイルはまとめて1回分として記録します。"
    ),
    "The fiscal year to take from a workbook that holds several (R1, 2019, 令和元年度, ...).": (
        "複数の年度を含むブックから取り込む年度（R1、2019、令和元年度 など）。"
    ),
    # options added with the one recording workflow
    "Accept a value 1,000 times larger or smaller than the KPI's baseline, target and latest value.": (
        "KPIの基準値・目標値・直近の値の1,000倍以上（または1,000分の1以下）の値でも受け付けます。"
    ),
    "Check everything and show what would be written; write nothing.": (
        "すべて確認し、書き込む内容を示します（書き込みはしません）。"
    ),
    "Write every other row and list the rows that conflict with the ledger (instead of writing nothing).": (
        "台帳と食い違う行を一覧にして、それ以外の行を書き込みます（既定では何も書き込みません）。"
    ),
    "Take back every value an import wrote (its batch id, as kpi history shows it) instead of one.": (
        "1件ではなく、取り込み1回分（kpi history に示す取り込みID）の値をすべて取り消します。"
    ),
    "List the 振興局 with their 連携地域 and what each supplies every year.": (
        "振興局の一覧（連携地域と、毎年度記入する値）を表示します。"
    ),
}

# Click's own words in help and usage errors.
CLICK: dict[str, str] = {
    "Usage:": "使い方:",
    "Options": "オプション",
    "Options:": "オプション:",
    "Arguments": "引数",
    "Commands": "コマンド",
    "Commands:": "コマンド:",
    "Show this message and exit.": "このヘルプを表示して終了します。",
    "[required]": "[必須]",
    "[default: ": "[既定: ",
    "Try ": "ヘルプ: ",
    " for help.": "",
    "Error: ": "エラー: ",
    "No such option:": "そのオプションはありません:",
    "Possible options:": "候補:",
    "Files in use:": "使用中のファイル:",
}

# The files a call would use (kpi --version, the end of kpi --help).
FILES_IN_USE = "計画 {plan}{shipped}、台帳 {ledger}"
SHIPPED = "（kpi 同梱）"

# Click's usage errors, by pattern (applied before the words above).
CLICK_PATTERNS: list[tuple[str, str]] = [
    (r"Option '([^']*)' requires an argument\.", r"オプション \1 には値が必要です。"),
    (r"Missing argument '([^']*)'\.", r"引数 \1 がありません。"),
    (r"Missing option '([^']*)'( / '([^']*)')?\.", r"オプション \1 がありません。"),
    (r"No such command '([^']*)'\.", r"コマンド '\1' はありません。"),
    (r"Did you mean '([^']*)'\?", r"もしかして '\1' ですか？"),
    (r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)", r"余分な引数があります（\1）"),
    (
        r"Invalid value for '([^']*)'( / '[^']*')?: '([^']*)' is not one of (.*)\.",
        r"\1 の値 '\3' は使えません。次のいずれか: \4",
    ),
    (
        r"Invalid value for '([^']*)'( / '[^']*')?: '([^']*)' is not a valid integer\.",
        r"\1 の値 '\3' は整数ではありません。",
    ),
    (
        r"Invalid value for '([^']*)'( / '[^']*')?: File '([^']*)' is a directory\.",
        r"\1 の '\3' はフォルダです。ファイル名を指定してください。",
    ),
    (r"Invalid value for '([^']*)'( / '[^']*')?: (.*)", r"\1 の値が正しくありません: \3"),
]
