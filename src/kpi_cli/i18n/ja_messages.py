"""The Japanese catalog of messages: English template → Japanese template, with the same fields.

Looked up by ``Msg.text`` (``i18n/msg.py``); ``tests/test_i18n_catalog.py`` checks that every
template in the source has an entry here with the same fields, and that no entry is orphaned.
Values are inserted after the lookup, so what a user typed is never translated.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    " in {unit}": "{unit}で",
    "--batch takes back a whole import: give it without a KPI, year, --office or --half": (
        "--batch は取り込み1回分をまとめて取り消します。KPI・年度・--office・--half を付けずに指定してください"
    ),
    "--by (or KPI_USER) is blank; give a name, e.g. --by oshima-taro": (
        "--by（または KPI_USER）が空です。名前を指定してください（例: --by oshima-taro）"
    ),
    "--excel applies to csv and tsv, not {format}; add --format csv or drop --excel": (
        "--excel は csv と tsv のためのものです（{format} には使えません）。--format csv を付けるか --excel "
        "を外してください"
    ),
    "--expect-head {head} is not a 64-character hex hash; copy the head kpi verify prints": (
        "--expect-head {head} は64桁の16進ハッシュではありません。kpi verify が表示する末尾ハッシュを写してください"
    ),
    "--from and {option} cannot be used together; write the text as ## {heading} in {path}": (
        "--from と {option} は同時に指定できません。本文は {path} に ## {heading} として書いてください"
    ),
    "--output {output} holds the plan, the ledger or the current folder; write the site to a folder of its own": (
        "--output {output} には使用中の計画・台帳か現在のフォルダが入っています。"
        "サイト専用のフォルダに書き出してください"
    ),
    (
        "--output {output} is a folder with other files, not a site kpi made; choose a new or empty folder, "
        "or add --force to replace it and everything in it"
    ): (
        "--output {output} は kpi が作成したサイトではなく、ほかのファイルがあるフォルダです。"
        "新しいフォルダか空のフォルダを指定するか、中身ごと置き換えるなら --force を付けてください"
    ),
    "--output {output} is a folder; give a file name": (
        "--output {output} はフォルダです。ファイル名を指定してください"
    ),
    "--output {output} is a link; give the file itself (kpi does not write through links)": (
        "--output {output} はリンクです。ファイルそのものを指定してください（kpi はリンク先に書き込みません）"
    ),
    "--output {output} is a link; give the folder itself (kpi does not write through links)": (
        "--output {output} はリンクです。フォルダそのものを指定してください（kpi はリンク先に書き込みません）"
    ),
    "--output {output} is not a folder; give a folder for the site": (
        "--output {output} はフォルダではありません。サイトを書き出すフォルダを指定してください"
    ),
    "--output {output} is not a regular file (a device, a FIFO or a socket); give a file name": (
        "--output {output} は通常のファイルではありません（デバイス、FIFO、ソケット）。ファイル名を指定してください"
    ),
    "--output {output} is the plan or ledger in use (or part of it); write the output elsewhere": (
        "--output {output} は使用中の計画か台帳です。別の場所に書き出してください"
    ),
    "--output {output} should end in .html (the document), .pdf, .md (Markdown) or .xlsx": (
        "--output {output} の拡張子は .html（資料）、.pdf、.md（Markdown）、.xlsx のいずれかにしてください"
    ),
    "--provisional and --final contradict each other; give one": (
        "--provisional と --final は両立しません。どちらか一方を指定してください"
    ),
    "--reason is empty; say why the value is taken back": "--reason が空です。取り消す理由を書いてください",
    "--running-total and --yearly contradict each other; give one": (
        "--running-total と --yearly は両立しません。どちらか一方にしてください"
    ),
    "--sort {key}: unknown; use one of {choices}": "--sort {key} は使えません。次のいずれか: {choices}",
    "1 KPI is rated {rating} or worse: {kpi}": "1件のKPIの評価が {rating} 以下です: {kpi}",
    "1 problem found in {ledger}": "{ledger} に問題が1件見つかりました",
    "Device or resource busy": "使用中です",
    "Disk quota exceeded": "ディスクの割り当てを超えました",
    "FY{year} ({era}) has not started yet (the current fiscal year is {current}); check the year (and its era)": (
        "{era}（{year}年度）はまだ始まっていません（今年度は {current}）。年度と元号を確認してください"
    ),
    "FY{year} ({era}) has not started yet; check the year (and its era)": (
        "{era}（{year}年度）はまだ始まっていません。年度と元号を確認してください"
    ),
    "File exists": "ファイルが既にあります",
    "File name too long": "ファイル名が長すぎます",
    "Files in use: {files}": "使用中のファイル: {files}",
    "Input/output error": "入出力エラーです",
    "Is a directory": "フォルダです",
    "KPI": "KPI",
    "KPI ID (kpi_id)": "KPI ID（kpi_id）",
    "KPI id {id!r} already exists; choose another id": "KPI ID {id!r} は既にあります。別のIDにしてください",
    "KPI name (kpi_name)": "KPI名（kpi_name）",
    "KPI {id!r} belongs to project {project_id}, not {given}": (
        "KPI {id!r} はプロジェクト {project_id} のもので、{given} のものではありません"
    ),
    "KPI {id!r}: unknown 振興局 in parts: {offices}; use office ids": (
        "KPI {id!r}: 内訳に知らない振興局があります: {offices}。振興局のIDで書いてください"
    ),
    (
        "KPI {id}: the unit would change from {old} to {new}, but {n} values are recorded in {old}, and "
        "{new} is not {old} in another magnitude; keep the unit, or give the KPI a new id (the values stay "
        "with the old one)"
    ): (
        "KPI {id}: 単位が {old} から {new} に変わりますが、{old} で記録した値が{n}件あり、{new} は {old} "
        "の桁違いではありません。単位をそのままにするか、"
        "KPIに新しいIDを付けてください（値は元のIDに残ります）"
    ),
    (
        "KPI {id}: the unit would change from {old} to {new}, but {n} values are recorded in {old}; add "
        "--convert-units to record each again in {new} (×{factor}), or keep the unit, or give the KPI a new "
        "id (the values stay with the old one)"
    ): (
        "KPI {id}: 単位が {old} から {new} に変わりますが、{old} で記録した値が{n}件あります。"
        "--convert-units を付けて各値を {new} で記録し直す（×{factor}）か、単位をそのままにするか、"
        "KPIに新しいIDを付けてください（値は元のIDに残ります）"
    ),
    (
        "KPI {id}: {key} {year} = {value}{old} is {converted}{new} in the new unit, which is {problem}; the "
        "plan was not changed (keep the unit, or give the KPI a new id)"
    ): (
        "KPI {id}: {key} {year} = {value}{old} は新しい単位で {converted}{new} ですが、{problem}。"
        "計画は変更していません（単位をそのままにするか、KPIに新しいIDを付けてください）"
    ),
    "KPI {term!r} matches {n} KPIs; give one id: {listing}": (
        "{term!r} は{n}件のKPIに一致します。IDを1つ指定してください: {listing}"
    ),
    "KPI {term!r} matches {n} KPIs; give one id; or narrow it with --region: {listing}": (
        "{term!r} は{n}件のKPIに一致します。IDを1つ指定するか --region で絞ってください: {listing}"
    ),
    "KPIs": "KPI",
    "No space left on device": "ディスクの空きがありません",
    "No such file or directory": "ファイルまたはフォルダがありません",
    "Not a directory": "フォルダではありません",
    "Operation not permitted": "許可されていない操作です",
    "Permission denied": "権限がありません",
    "Read-only file system": "読み取り専用のファイルシステムです",
    "Too many levels of symbolic links": "リンクが循環しています",
    "a KPI is summed over 振興局 (parts) or over 市町村 (municipalities), not both; keep one": (
        "KPIは振興局の合計（parts）か市町村の合計（municipalities）のどちらかです。一方だけにしてください"
    ),
    "a cumulative KPI needs its period; add period = {{ start = 2015, end = 2019 }}": (
        "累計KPIには期間が必要です。period = {{ start = 2015, end = 2019 }} を追加してください"
    ),
    "a cumulative target must be above zero": "累計の目標値は0より大きくしてください",
    "a draft; add --reviewed-on DATE once the 地域づくり連携会議 has reviewed it": (
        "下書きです。地域づくり連携会議で検証したら --reviewed-on 日付 を付けて記録し直してください"
    ),
    "a file name contains a NUL character (\\x00); check the arguments": (
        "ファイル名にNUL文字（\\x00）が含まれています。引数を確認してください"
    ),
    "a format 2 row in a file whose header is format 1's (the header was edited?); row left out": (
        "ヘッダーが形式1のファイルに形式2の行があります（ヘッダーが編集されましたか）。この行は除外しました"
    ),
    "a half-year's value is its own count: {option} does not apply; drop it": (
        "半期の値はその半期の数です。{option} は使えません。外してください"
    ),
    (
        "a level KPI needs a baseline: give {baseline} and {baseline_year} (or {kind} target_only for a KPI "
        "with a target only)"
    ): (
        "level のKPIには基準値が必要です。{baseline} と {baseline_year} "
        "を指定してください（目標値だけのKPIなら {kind} target_only）"
    ),
    "a line cannot be read; nothing was changed": "読めない行があります。何も変更していません",
    "a list": "リスト",
    "a negative number? put -- before it: kpi record KPI YEAR -- -5": (
        "負の数ですか？前に -- を付けてください: kpi record KPI YEAR -- -5"
    ),
    "a negative number? write {value} and put -- before it: kpi record KPI YEAR -- {value}": (
        "負の数ですか？{value} と書き、前に -- を付けてください: kpi record KPI YEAR -- {value}"
    ),
    "a number": "数値",
    'a point-in-time (時点) basis needs its day; add as_of = "4月1日現在"': (
        '時点の集計には調査日が必要です。as_of = "4月1日現在" を追加してください'
    ),
    "a row is longer than a ledger row may be; shorten its texts; nothing was recorded": (
        "1行が台帳の行の上限を超えています。文章を短くしてください。何も記録していません"
    ),
    (
        "a row of ledger format 2 under a format 1 header (the header was edited?); the row is read; run kpi "
        "verify --repair to put back the format 2 header"
    ): (
        "形式1の見出しの下に台帳形式2の行があります（見出しが編集された？）。行は読み取ります。kpi verify "
        "--repair で形式2の見出しに戻してください"
    ),
    "a row of {kpi_id} {year}": "{kpi_id} {year} の行",
    "a second revision from {from_year}; keep one per year": (
        "{from_year} からの見直しが2つあります。1年度に1つにしてください"
    ),
    "a string": "文字列",
    "a table": "テーブル",
    'a target_only KPI has no baseline; remove it or set kind = "level"': (
        '目標値だけのKPI（target_only）に基準値はありません。基準値を消すか kind = "level" にしてください'
    ),
    "a value": "値",
    "actions (actions)": "取組状況（actions）",
    "added KPI {id} to {project}": "KPI {id} を {project} に追加しました",
    "added project {id}": "プロジェクト {id} を追加しました",
    "after today": "今日より後です",
    "allowed keys: {keys}": "使えるキー: {keys}",
    "an .xlsx workbook is not for the terminal; add --output FILE.xlsx": (
        ".xlsx ブックは端末には出せません。--output ファイル名.xlsx を付けてください"
    ),
    "an empty value (a void row) must name the row it takes back": (
        "空の値（取り消しの行）には取り消す行を書かなければなりません"
    ),
    'an inferred owner needs a note saying why; add note = "..."': (
        '推定した担当には理由の注記が必要です。note = "..." を追加してください'
    ),
    "an integer": "整数",
    "an office appears twice; list each 振興局 once": "同じ振興局が2回あります。1回ずつにしてください",
    "assessment (assessment)": "評価（assessment）",
    (
        'baseline equals target, so the direction cannot be inferred; add direction = "increase" or '
        '"decrease" (the side on which the value must stay)'
    ): (
        '基準値と目標値が同じなので方向がわかりません。direction = "increase" か "decrease" '
        "を追加してください（値が保つべき側）"
    ),
    "batch {batch!r} is not of the form ID:i/n": "取り込み欄 {batch!r} が ID:i/n の形ではありません",
    "before that year began": "その年度が始まる前です",
    "both years are {year}; give two different years, e.g. kpi diff R1 R2": (
        "2つの年度がどちらも {year} です。kpi diff R1 R2 のように異なる年度を指定してください"
    ),
    "cannot be read as {n} CSV fields; row left out": "CSVの{n}個の欄として読めません。この行は数えません",
    "cannot be read as {n} or {m} CSV fields; row left out": (
        "{n}個または{m}個のCSV項目として読めません。この行は除外しました"
    ),
    "cannot check it against {name}: {why}": "{name} と照合できません: {why}",
    "cannot check ledger {file}: {why}": "台帳 {file} を確認できません: {why}",
    "cannot convert the report's 千人 to {unit!r}; the report counts people: give a KPI in 人, 千人 or 万人": (
        "報告書の千人を {unit!r} に換算できません。報告書は人数なので、単位が人・千人・万人のKPIを指定してください"
    ),
    "cannot create ledger {file}: {why}; nothing was recorded": (
        "台帳 {file} を作成できません: {why}。何も記録していません"
    ),
    "cannot create {folder}: {why}; give --ledger a writable place": (
        "{folder} を作成できません: {why}。書き込める場所を --ledger で指定してください"
    ),
    "cannot give {file} the header of ledger format 2: {why}; nothing was recorded": (
        "{file} のヘッダーを台帳形式2に更新できません: {why}。何も記録していません"
    ),
    "cannot list the ledger folder {folder}: {why}; check its permissions": (
        "台帳フォルダ {folder} の一覧を読めません: {why}。権限を確認してください"
    ),
    "cannot open ledger {file} for writing: {why}; nothing was recorded": (
        "台帳 {file} を書き込み用に開けません: {why}。何も記録していません"
    ),
    "cannot open ledger {file} for writing: {why}; {advice}; nothing was recorded": (
        "台帳 {file} を書き込み用に開けません: {why}。{advice}。何も記録していません"
    ),
    "cannot open plan {path} for editing: {why}": "計画 {path} を編集のために開けません: {why}",
    "cannot read ledger {path}: {why}": "台帳 {path} を読めません: {why}",
    "cannot read plan {shown}: {why}": "計画 {shown} を読めません: {why}",
    "cannot read {file}: {why}; check the path": "{file} を読めません: {why}。パスを確認してください",
    "cannot read {path} as UTF-8 text; save it as UTF-8": (
        "{path} をUTF-8のテキストとして読めません。UTF-8で保存してください"
    ),
    (
        "cannot repair {file}: it {problem}; nothing was changed (kpi never writes a new head over rows that "
        "are missing)"
    ): (
        "{file} は修復できません: {problem}。何も変更していません（行が欠けたファイルに kpi が新しい head "
        "を書くことはありません）"
    ),
    "cannot repair {file}: the rewritten rows do not all verify; nothing was changed": (
        "{file} は修復できません: 書き直した行が検証を通りません。何も変更していません"
    ),
    (
        "cannot repair {file}: {problem}; only a spreadsheet's re-save, an unfinished last line and a "
        "missing head file can be repaired (restore the file from a backup or the git history)"
    ): (
        "{file} は修復できません: {problem}。修復できるのは表計算ソフトでの保存し直し、書きかけの最終行、"
        "ない head ファイルだけです（バックアップか git の履歴から戻してください）"
    ),
    "cannot repair {file}: {why}; nothing was changed": "{file} は修復できません: {why}。何も変更していません",
    "cannot repair {file}: {why}; nothing was changed (the file repaired before it was put back)": (
        "{file} は修復できません: {why}。何も変更していません（先に修復したファイルは元に戻しました）"
    ),
    "cannot repair {file}: {why}; nothing was changed (the {n} files repaired before it were put back)": (
        "{file} は修復できません: {why}。何も変更していません（先に修復した{n}個のファイルは元に戻しました）"
    ),
    "cannot repair {file}: {why}; {advice}; nothing was changed": (
        "{file} は修復できません: {why}。{advice}。何も変更していません"
    ),
    "cannot tell the format of --output {name} from its extension; use {known} or add --format": (
        "--output {name} の拡張子から形式がわかりません。{known} のいずれかにするか --format を指定してください"
    ),
    "cannot use the ledger {path}: {why}; give another path (--ledger or KPI_LEDGER)": (
        "台帳 {path} を使えません: {why}。別のパスを指定してください（--ledger または KPI_LEDGER）"
    ),
    "cannot write the site to {output}: {why}; the folder was left as it was": (
        "サイトを {output} に書き出せません: {why}。フォルダは元のままです"
    ),
    "cannot write to stdout: {why}": "標準出力に書き込めません: {why}",
    "cannot write to {file}: {why}; nothing was recorded": "{file} に書き込めません: {why}。何も記録していません",
    "cannot write {output}: {why}": "{output} に書き込めません: {why}",
    "cannot write {output}: {why}; choose a writable --output folder": (
        "{output} に書き込めません: {why}。書き込めるフォルダを --output に指定してください"
    ),
    "cannot write {output}: {why}; choose a writable --output path": (
        "{output} に書き込めません: {why}。書き込める --output のパスを指定してください"
    ),
    "cannot write {output}: {why}; {advice}": "{output} に書き込めません: {why}。{advice}",
    "cannot write {path}: {why}": "{path} に書き込めません: {why}",
    "changes": "変化",
    "cohort {cohort!r} has no month {month}; write it like H27.3卒": (
        "卒業年月 {cohort!r} に{month}月はありません。H27.3卒 のように書いてください"
    ),
    (
        "conflict: the review of {project} {year} is {said} ({where}, the newest by its clock), but also "
        "{others}; settle it with kpi review add {project} {era} (the review it then records replaces both)"
    ): (
        "競合: {project} {year} の評価は {said}（{where}、時計で最新）ですが、{others} もあります。kpi "
        "review add {project} {era} で決めてください（そこで記録する評価が両方に置き換わります）"
    ),
    ("conflict: {kpi_id} {year} = {value} ({where}, {why}), but also {others}; settle it with kpi record --correct"): (
        "食い違い: {kpi_id} {year} = {value}（{where}、{why}）ですが、ほかに {others} もあります。kpi record "
        "--correct で決めてください"
    ),
    "converted {what} → {ledger}": "{what}換算しました → {ledger}",
    "corrected: {what} → {place}": "訂正しました: {what} → {place}",
    "correction {correction!r} is neither true, false nor a row's hash": (
        "訂正欄 {correction!r} が true、false、行のハッシュのどれでもありません"
    ),
    "could not update {file}: {why}": "{file} を更新できませんでした: {why}",
    (
        "created {path}: {regions} regions, {offices} offices, no projects yet; its values go to its own "
        "ledger {ledger}"
    ): (
        "{path} を作成しました: 連携地域{regions}、振興局{offices}、プロジェクトはまだありません。"
        "値は専用の台帳 {ledger} に記録します"
    ),
    "date of review (reviewed_on)": "検証日（reviewed_on）",
    "did you mean {close!r}?": "もしかして {close!r} ですか？",
    "did you mean {names}?": "もしかして {names} ですか？",
    "direction (direction)": "今後の方向性（direction）",
    (
        "direction is {direction} but the target {target} is above the baseline {baseline}; correct the "
        "direction or the values"
    ): "方向は {direction} ですが目標値 {target} が基準値 {baseline} の上です。方向か値を直してください",
    (
        "direction is {direction} but the target {target} is below the baseline {baseline}; correct the "
        "direction or the values"
    ): "方向は {direction} ですが目標値 {target} が基準値 {baseline} の下です。方向か値を直してください",
    "dry run: would convert {what} in {ledger}; nothing written": (
        "試行: {ledger} で{what}換算します。何も書き込んでいません"
    ),
    "dry run: would record the review {what}; nothing written": "試行: 評価 {what} を記録します（書き込みなし）",
    "dry run: would record {what}; nothing written": "試行: {what} を記録します（書き込みなし）",
    "dry run: would void {what}; nothing written": "試行: {what} を取り消します（書き込みなし）",
    (
        "dry run: {n} reviews would be recorded in {ledger}; {unchanged} unchanged, {blank} not filled in; "
        "nothing written"
    ): "試行: {ledger} に評価{n}件を記録します。変更なし{unchanged}件、未記入{blank}件（書き込みなし）",
    "dry run: {n} rows would be recorded in {ledger} ({counts}); nothing written": (
        "試行: {ledger} に{n}行を記録します（{counts}）。書き込んでいません"
    ),
    "dry run: {n} rows would be recorded in {ledger}; nothing written": (
        "試行: {ledger} に{n}行を記録します。書き込んでいません"
    ),
    "dry run: {what} → {plan}; nothing written": "試行: {what} → {plan}（書き込みなし）",
    "duplicate {what} id {ident!r} (also at {first}); make it unique": (
        "{what}のID {ident!r} が重複しています（{first} にもあります）。重ならないIDにしてください"
    ),
    "empty": "空欄",
    "empty year; write it as 2019, FY2019, R1, 令和元年度 or H26": (
        "年度が空です。2019、FY2019、R1、令和元年度、H26 のように書いてください"
    ),
    "empty {what}; give a number such as 1372.6": "{what} が空です。1372.6 のような数値を入力してください",
    "every selected KPI already has a value for {year} (--all lists them)": (
        "選んだKPIはすべて {year} の値が記録済みです（--all で全件を出せます）"
    ),
    "every value of import {batch} was already corrected or voided; nothing to take back": (
        "取り込み {batch} の値はすべて訂正済みか取消済みです。取り消すものはありません"
    ),
    "folder {folder} does not exist; create it first": "フォルダ {folder} がありません。先に作成してください",
    "folder {folder} does not exist; create it or choose another --ledger": (
        "フォルダ {folder} がありません。作成するか、別の --ledger を指定してください"
    ),
    "folder {folder} does not exist; create it or choose another --output": (
        "フォルダ {folder} がありません。作成するか、別の --output を指定してください"
    ),
    "form {form!r} is neither empty nor total": "値の形 {form!r} は空欄でも total でもありません",
    "git merge conflict marker {marker}": "git のマージの競合マーカー {marker} です",
    "give --force to replace the file": "置き換えるなら --force を付けてください",
    "give both {baseline} and {baseline_year} (or neither, for a target-only KPI)": (
        "{baseline} と {baseline_year} は両方指定してください（目標値だけのKPIならどちらも省きます）"
    ),
    "give the KPI and the year to take back (or --batch ID for a whole import)": (
        "取り消すKPIと年度を指定してください（取り込み1回分なら --batch ID）"
    ),
    "give the reason for the revision with --reason (e.g. the meeting that decided it)": (
        "見直しの理由を --reason で書いてください（例: 決定した会議）"
    ),
    (
        "has fewer rows than when kpi last wrote to it (line {line}, hash {hash}…): rows were cut; restore "
        "it from a backup or the git history (or delete the .head file if this is intended)"
    ): (
        "kpi が最後に書いたとき（{line}行目、ハッシュ {hash}…）より行が少なくなっています。バックアップか "
        "git の履歴から戻してください（意図したものなら .head ファイルを削除）"
    ),
    (
        "has no head file ({name}), so kpi cannot tell whether rows were cut from its end; the next kpi "
        "record writes one (or kpi verify --repair, after a look at the file)"
    ): (
        "ヘッドファイル（{name}）がないため、末尾の行が削られたかどうか判断できません。次の kpi record "
        "で作成されます（ファイルを確認してから kpi verify --repair でも作成できます）"
    ),
    (
        "hash does not match: this row was edited, or a row before it was deleted or moved; it is left out "
        "(compare with a backup or the git history)"
    ): (
        "ハッシュが一致しません。この行が書き換えられたか、前の行が削除・移動されています。"
        "この行は数えません（バックアップか git の履歴と比べてください）"
    ),
    "if it is open in Excel, close it and try again, else check the file's permissions": (
        "Excel で開いているなら閉じてからやり直してください。そうでなければファイルの権限を確認してください"
    ),
    "ignored columns: {columns}": "使わない列: {columns}",
    "import {batch} is incomplete ({present} of {total} rows present); its rows are kept": (
        "取り込み {batch} が欠けています（{total}行中{present}行）。残っている行は残します"
    ),
    (
        "import {batch} is incomplete ({present} of {total} rows: the import was interrupted); its rows are "
        "ignored, and removed by the next kpi record or import"
    ): (
        "取り込み {batch} が中断されています（{total}行中{present}行）。これらの行は数えず、次の kpi record "
        "か import で取り除きます"
    ),
    "imported 0 rows: nothing new in {file}": "取り込み0行: {file} に新しい値はありません",
    "imported 0 rows: nothing new in {file}; {counts}": "新しい値はありません（{file}）。{counts}",
    "imported {file}: {added} KPIs added, {n} in all": "{file} を取り込みました: KPIを{added}件追加、合計{n}件",
    "imported {n} reviews into {ledger}; {unchanged} unchanged, {blank} not filled in": (
        "{ledger} に{n}件の評価を取り込みました（変更なし{unchanged}件、未記入{blank}件）"
    ),
    "imported {n} rows into {file} (lines {first}-{last})": "{file} に{n}行を取り込みました（{first}-{last}行目）",
    "imported {n} rows into {file} (lines {first}-{last}); {counts}": (
        "{file} に{n}行を取り込みました（{first}-{last}行目）。{counts}"
    ),
    "incomplete last line (a write was interrupted); it is ignored, and removed by the next kpi record": (
        "最終行が不完全です（書き込みの中断）。数えず、次の kpi record で取り除きます"
    ),
    (
        "incomplete last line, and no head file to tell whether kpi was writing it; it is ignored; kpi "
        "verify --repair shows it and removes it"
    ): (
        "最終行が不完全で、kpi の書き込み途中だったかを確かめるヘッドファイルがありません。"
        "この行は無視します。kpi verify --repair で内容を示して取り除きます"
    ),
    'inferred fields need a note saying why; add note = "..."': (
        '推定した項目には理由の注記が必要です。note = "..." を追加してください'
    ),
    "interrupted": "中断しました",
    "interrupted, nothing was written": "中断しました。何も書き込んでいません",
    "interrupted; {files} was written before that (kpi verify checks it)": (
        "中断しました。それまでに {files} に書き込み済みです（kpi verify で確認できます）"
    ),
    "is already {value}": "はすでに {value} です",
    "is already {value} (確定)": "は既に {value}（確定）です",
    "is empty; give at least one word, or leave it out for the default": (
        "が空です。語を1つ以上書くか、省いて既定のものを使ってください"
    ),
    (
        "is missing, but kpi wrote to it ({name} remembers it); restore it from a backup or the git history "
        "(or delete the .head file if it was removed on purpose)"
    ): (
        "がありませんが、kpi はここに書いています（{name} に記録があります）。バックアップか git "
        "の履歴から戻してください（意図して消したなら .head ファイルを削除）"
    ),
    "it holds {text!r}, not a head": "内容が {text!r} で、ヘッドではありません",
    "it is a link; kpi keeps head files as plain files": "リンクです。kpi のヘッドファイルは通常のファイルです",
    "it is not a regular file": "通常のファイルではありません",
    "its shares add up to {total}": "振興局分の合計は {total} です",
    "known: {names}": "あるもの: {names}",
    "kpi show draws a table or writes json, not {value}; use kpi status for {value}": (
        "kpi show は表か json だけです（{value} は出せません）。{value} には kpi status を使ってください"
    ),
    "kpi_id,year,value[,note,source] (or KPI ID,年度,実績値[,備考,出典])": (
        "kpi_id,year,value[,note,source]（または KPI ID,年度,実績値[,備考,出典]）"
    ),
    "label {label!r} reads as {read} but the year is {shown}; correct one of them": (
        "表記 {label!r} は {read} と読めますが、年度は {shown} です。どちらかを直してください"
    ),
    "ledger {file} is a link to a missing file; fix the link or give another --ledger": (
        "台帳 {file} は存在しないファイルへのリンクです。リンクを直すか、別の --ledger を指定してください"
    ),
    "ledger {file} is not a regular file (a device, a FIFO or a socket); give a CSV file": (
        "台帳 {file} は通常のファイルではありません（デバイス、FIFO、ソケット）。CSVファイルを指定してください"
    ),
    "ledger {ledger} does not exist; check the path (kpi verify does not create it)": (
        "台帳 {ledger} がありません。パスを確認してください（kpi verify は作成しません）"
    ),
    "ledger {path} is not a regular file (a device, a FIFO or a socket); give a CSV file": (
        "台帳 {path} は通常のファイルではありません（デバイス、FIFO、ソケット）。CSVファイルを指定してください"
    ),
    (
        "line {line} is no longer the row kpi wrote there (hash {hash}…): the ledger was rebuilt; restore it "
        "from a backup or the git history (or delete the .head file if this is intended)"
    ): (
        "{line}行目が kpi の書いた行（ハッシュ {hash}…）ではありません。台帳が作り直されています。"
        "バックアップか git の履歴から戻してください（意図したものなら .head ファイルを削除）"
    ),
    "line {n}": "{n}行目",
    "missing; add municipalities = [...] or remove the other municipalities_ keys": (
        "ありません。municipalities = [...] を追加するか、ほかの municipalities_ の項目を削除してください"
    ),
    "missing; add {key} = {example}": "ありません。{key} = {example} を追加してください",
    'must be a list of strings, e.g. ["..."]': '文字列のリスト（例: ["..."]）でなければなりません',
    "must be an array of tables ([[{key}]])": "テーブルの配列（[[{key}]]）でなければなりません",
    "must be {kind}, not {got} ({value!r})": "{kind}でなければなりません（{got}の {value!r} になっています）",
    'neither UTF-8 nor cp932 text; save it as "CSV UTF-8"': (
        "UTF-8 でも cp932 でもありません。「CSV UTF-8」で保存してください"
    ),
    "next steps (next)": "今後の取組（next）",
    "no KPI is named {name!r}; give its id in a kpi_id column (see: kpi kpis)": (
        "{name!r} という名前のKPIはありません。kpi_id 列でKPI IDを指定してください（参照: kpi kpis）"
    ),
    "no KPI matches {term!r}; did you mean {close}?": (
        "{term!r} に一致するKPIはありません。もしかして {close} ですか？"
    ),
    "no KPI matches {term!r}; see: kpi kpis": "{term!r} に一致するKPIはありません。一覧: kpi kpis",
    "no data/plan.toml in this folder or its parents: using the plan shipped with kpi and the ledger {ledger}": (
        "このフォルダにも親フォルダにも data/plan.toml がありません。kpi 同梱の計画と台帳 {ledger} を使います"
    ),
    "no import {batch} in {ledger}; kpi history --format csv shows each row's batch": (
        "{ledger} に取り込み {batch} はありません。各行の取り込みIDは kpi history --format csv で確認できます"
    ),
    "no regions; add at least one [[regions]] table with id and name": (
        "連携地域がありません。id と name のある [[regions]] を1つ以上追加してください"
    ),
    "no row of the ledger": "台帳のどの行でもありません",
    "no 市町村 given to sum; name at least one": "合計する市町村がありません。1つ以上指定してください",
    "no 市町村 {wanted!r} in {where}; check the spelling against the report": (
        "{where} に市町村 {wanted!r} はありません。報告書の表記と照らして確認してください"
    ),
    "no 市町村 {wanted!r} in {where}; did you mean {near}?": (
        "{where} に市町村 {wanted!r} はありません。もしかして {near} ですか？"
    ),
    "none": "なし",
    "not UTF-8 text; row left out": "UTF-8 の文字ではありません。この行は数えません",
    "not a finite number": "有限の数ではありません",
    (
        "not a kpi ledger (header is {got!r}); the first line must be kpi's header: {header} (format 1), or "
        "{header_v2} (format 2)"
    ): (
        "kpiの台帳ではありません（見出しは {got!r}）。1行目はkpiの見出しです: {header}（形式1）または "
        "{header_v2}（形式2）"
    ),
    "not an Excel or OpenDocument file": "Excel でも OpenDocument でもないファイルです",
    "not valid {encoding} text; check --encoding (or leave it out: kpi detects UTF-8 and cp932)": (
        "{encoding} のテキストとして正しくありません。--encoding を確認してください（省略すると UTF-8 と "
        "cp932 を自動判別します）"
    ),
    "note": "備考",
    "note (note)": "備考（note）",
    "note and source": "備考と出典",
    "note and status (速報/確定)": "備考と速報/確定の区分",
    "note, source and status (速報/確定)": "備考・出典・速報/確定の区分",
    "note: {note}": "注: {note}",
    "note: {n} more notes; kpi verify --all lists every one": (
        "注: ほかに注が{n}件あります。すべて表示: kpi verify --all"
    ),
    (
        "nothing to repair: no row was re-saved by a spreadsheet, no write was left unfinished and no head "
        "file is missing"
    ): (
        "修復するものはありません（表計算ソフトで保存し直された行も、書きかけの書き込みも、ない head "
        "ファイルもありません）"
    ),
    "nothing to write": "書き込むものがありません",
    "office": "振興局",
    "office (office)": "振興局（office）",
    "office (振興局)": "振興局",
    "offices": "振興局",
    'only a cumulative KPI has a period; remove it or set kind = "cumulative" (kind is {kind})': (
        '期間があるのは累計KPIだけです。期間を消すか kind = "cumulative" にしてください（今は {kind}）'
    ),
    'only a point-in-time basis has a day; remove as_of or set basis = "point" (basis is {basis!r})': (
        '調査日を持つのは時点の集計だけです。as_of を削除するか basis = "point" にしてください（basis は {basis!r}）'
    ),
    'parts the plan does not print need a note saying why; add parts_note = "..."': (
        '計画に書かれていない内訳には理由の注記が必要です。parts_note = "..." を追加してください'
    ),
    "plan file {shown} not found; give an existing file with --plan or KPI_PLAN": (
        "計画ファイル {shown} がありません。--plan か KPI_PLAN で既存のファイルを指定してください"
    ),
    "plan {path} is not a regular file; give the plan's .toml file": (
        "計画 {path} は通常のファイルではありません。計画の .toml ファイルを指定してください"
    ),
    "plan {path} is not valid (1 problem); fix the line below, then run: kpi plan check": (
        "計画 {path} は正しくありません（問題1件）。下の行を直してから kpi plan check を実行してください"
    ),
    "plan {path} is not valid ({n} problems); fix the lines below, then run: kpi plan check": (
        "計画 {path} に問題が{n}件あります。下の行を直してから kpi plan check を実行してください"
    ),
    "plan {plan} (shipped with kpi); ledger {ledger}": "計画 {plan}（kpi 同梱）、台帳 {ledger}",
    "plan {plan}; ledger {ledger}": "計画 {plan}、台帳 {ledger}",
    "plan {shown} has {size:,} bytes, more than any plan; is it the right file?": (
        "計画 {shown} は{size:,}バイトあり、計画としては大きすぎます。正しいファイルですか？"
    ),
    "plan {shown} is a folder; give the plan's .toml file": (
        "計画 {shown} はフォルダです。計画の .toml ファイルを指定してください"
    ),
    "plan {shown} is not a regular file (a device, a FIFO or a socket); give the plan's .toml file": (
        "計画 {shown} は通常のファイルではありません（デバイス、FIFO、ソケット）。計画の .toml "
        "ファイルを指定してください"
    ),
    "plan: {path}": "計画: {path}",
    "project": "プロジェクト",
    "project ID (project_id)": "プロジェクトID（project_id）",
    "project id {project_id!r} already exists; choose another id": (
        "プロジェクトID {project_id!r} は既にあります。別のIDにしてください"
    ),
    "project {term!r} matches {n} projects; give one id: {listing}": (
        "{term!r} は{n}件のプロジェクトに一致します。IDを1つ指定してください: {listing}"
    ),
    (
        "project_id,year,assessment,direction[,actions,results,next,reviewed_on] (or "
        "プロジェクトID,年度,評価,今後の方向性)"
    ): (
        "project_id,year,assessment,direction[,actions,results,next,reviewed_on]（または "
        "プロジェクトID,年度,評価,今後の方向性）"
    ),
    "projects": "プロジェクト",
    "projects to review": "評価するプロジェクト",
    "range {text!r} ends before it starts; write the earlier year first": (
        "範囲 {text!r} は終わりが始まりより前です。前の年度を先に書いてください"
    ),
    (
        "re-saved by a spreadsheet ({cause}); the row is intact; run kpi verify --repair to restore kpi's "
        "own form (the file as found is kept beside it)"
    ): (
        "表計算ソフトで保存し直されています（{cause}）。内容は無事です。kpi verify --repair "
        "で元の形に戻せます（見つかったままのファイルは横に残します）"
    ),
    "read sheet {sheet!r}": "シート {sheet!r} を読みました",
    "read sheets {sheets}": "シート {sheets} を読みました",
    "reading the report workbook needs python-calamine; install kpi again with its dependencies": (
        "報告書のブックを読むには python-calamine が必要です。依存パッケージとともに kpi を入れ直してください"
    ),
    "reading workbooks needs python-calamine; install kpi again with its dependencies": (
        "ブックを読むには python-calamine が必要です。依存パッケージとともに kpi を入れ直してください"
    ),
    "recorded: {what} → {place}": "記録しました: {what} → {place}",
    "refused: the plan would not be valid; {path} is unchanged": (
        "拒否しました: 計画が不正になります。{path} は変更していません"
    ),
    "region": "連携地域",
    "regions": "連携地域",
    "removed an interrupted write ({n} bytes) from the end of {file}": (
        "{file} の末尾から書きかけの書き込み（{n}バイト）を取り除きました"
    ),
    (
        "removed the unfinished end of {file} (from line {line}, {n} bytes: {text!r}); the file as found is {backup}"
    ): "{file} の書きかけの末尾を削除しました（{line}行目から、{n}バイト: {text!r}）。元のファイルは {backup} です",
    "repaired {file}: {n} rows back in kpi's own form; the file as found is {backup}": (
        "{file} を修復しました: {n}行を kpi 本来の形に戻しました。見つかったままのファイルは {backup} です"
    ),
    "results (results)": "成果・課題（results）",
    "reviewed: {what} → {place}": "評価を記録しました: {what} → {place}",
    "reviews": "評価",
    "revised (確定): {what} → {place}": "確定値に改訂: {what} → {place}",
    "revised {id}": "{id} の目標値を見直しました",
    "row {i}/{n} of import {batch} is out of place (rows before it are missing); row kept": (
        "取り込み {batch} の{i}/{n}行目の位置が違います（前の行がありません）。行は残します"
    ),
    "rows": "行",
    (
        'say where the set of 市町村 is printed, or (municipalities_ownership = "inferred") the evidence for '
        'it; add municipalities_note = "..."'
    ): (
        '市町村の組み合わせが掲載されている出典か、（municipalities_ownership = "inferred" なら）'
        'その根拠を書いてください。municipalities_note = "..." を追加してください'
    ),
    "says the same as the review recorded": "は記録済みの評価と同じです",
    "sheet {sheet!r} row {row}": "シート {sheet!r} の{row}行目",
    (
        "sheet {sheet!r} row {row}: a 入込総数 row without a 圏域計, 振興局計 or 市町村 name; check that the "
        "sheet has not been edited"
    ): (
        "シート {sheet!r} の{row}行目: 圏域計・振興局計・市町村名のない入込総数の行があります。"
        "シートが編集されていないか確認してください"
    ),
    (
        "sheet {sheet!r}: cannot tell its fiscal year (no 「平成NN年度」 or 「令和N年度」 above the header "
        "nor in the sheet name); keep the report's title row above the table"
    ): (
        "シート {sheet!r}: "
        "年度がわかりません（見出しの上にもシート名にも「平成NN年度」「令和N年度」がありません）。"
        "表の上の報告書の表題行を残してください"
    ),
    "sheet {sheet!r}: its title names several fiscal years ({named}); keep only the report's own": (
        "シート {sheet!r}: 表題に複数の年度があります（{named}）。報告書の年度だけにしてください"
    ),
    (
        "sheet {sheet!r}: no header row starting 「圏\u3000域」, so it is not the monthly sheet of the "
        "北海道観光入込客数調査 report; give the report workbook as the 道 publishes it"
    ): (
        "シート {sheet!r}: 「圏\u3000域」で始まる見出し行がなく、北海道観光入込客数調査の月別表ではありません。"
        "道が公表した報告書のブックを指定してください"
    ),
    (
        "sheet {sheet!r}: no 入込総数 rows under the header (the 区分 column is missing); this is not the "
        "monthly sheet of the report"
    ): ("シート {sheet!r}: 見出しの下に入込総数の行がありません（区分の列がありません）。報告書の月別表ではありません"),
    (
        "sheet {sheet!r}: no 振興局計 and 市町村 rows of 入込総数 under the header; this is not the monthly "
        "sheet of the report"
    ): "シート {sheet!r}: 見出しの下に入込総数の振興局計と市町村の行がありません。報告書の月別表ではありません",
    "sheet {sheet!r}: the header has no column for {missing}; this is not the monthly sheet": (
        "シート {sheet!r}: 見出しに{missing}の列がありません。月別表ではありません"
    ),
    "sheet {sheet!r}: the header has no 年計 column after the months; this is not the monthly sheet": (
        "シート {sheet!r}: 見出しの月の後に年計の列がありません。月別表ではありません"
    ),
    "skipped the hidden sheet {sheet!r}, which has the header": (
        "見出し行のある非表示シート {sheet!r} は読み飛ばしました"
    ),
    "skipped the hidden sheets {sheets}, which have the header": (
        "見出し行のある非表示シート {sheets} は読み飛ばしました"
    ),
    "source": "出典",
    "source (source)": "出典（source）",
    "source and status (速報/確定)": "出典と速報/確定の区分",
    "status (速報/確定)": "速報/確定の区分",
    "status {status!r} is neither empty, provisional nor final": (
        "速報/確定の欄 {status!r} は空欄・provisional・final のいずれでもありません"
    ),
    "target": "目標値",
    "target year {target} is before the baseline year {baseline}; correct one of them": (
        "目標年度 {target} が基準年度 {baseline} より前です。どちらかを直してください"
    ),
    "that year's own count": "その年度の数",
    (
        "the last line is cut short, but kpi had written past it: the file was truncated; restore it from a "
        "backup or the git history"
    ): (
        "最終行が途中で切れていますが、kpi はその先まで書いていました。ファイルが切り詰められています。"
        "バックアップか git の履歴から戻してください"
    ),
    "the ledger has no complete set of its {n} shares for that year": (
        "台帳にはその年度の{n}振興局分がそろっていません"
    ),
    "the newest by its clock": "時計で最新",
    "the note": "備考",
    "the office that returned the sheet": "シートを返送した振興局",
    "the place in the file": "ファイル内の位置",
    (
        "the plan does not say on which day {kpi} is counted (no point-in-time basis on its source card): "
        "give the fiscal year instead of {date!r}, e.g. R1 or 2019"
    ): (
        "計画には {kpi} をいつの時点で数えるかが書かれていません（出典カードに時点の指定がありません）。"
        "{date!r} ではなく年度を指定してください（例: R1、2019）"
    ),
    (
        "the plan shipped inside kpi is read-only; start your own with kpi plan init data/plan.toml (or copy "
        "it) and give it with --plan"
    ): (
        "kpi 同梱の計画は読み取り専用です。kpi plan init data/plan.toml で自分の計画を作り（またはコピーし）"
        "、--plan で指定してください"
    ),
    "the reader of stdout went away": "標準出力の読み手が終了しました",
    "the reason": "理由",
    "the recorder's name": "記録者名",
    (
        "the review of {project} {year} was approved at the 地域づくり連携会議 on {day} ({file}:{line}); use "
        "--correct to replace it"
    ): (
        "{project} の {year} の評価は {day} の地域づくり連携会議で検証済みです（{file}:{line}）。"
        "置き換えるには --correct を付けてください"
    ),
    "the revised target year {year} is before the revision takes effect ({from_year})": (
        "見直し後の目標年度 {year} が見直しの適用（{from_year}）より前です"
    ),
    (
        "the revised target {target} is at or above the baseline {baseline} of a KPI that must fall; check "
        "the number (a typo?)"
    ): (
        "見直し後の目標値 {target} が、減らすべきKPIの基準値 {baseline} 以上です。数値を確認してください（入力ミス？）"
    ),
    (
        "the revised target {target} is at or below the baseline {baseline} of a KPI that must rise; check "
        "the number (a typo?)"
    ): (
        "見直し後の目標値 {target} が、増やすべきKPIの基準値 {baseline} 以下です。数値を確認してください（入力ミス？）"
    ),
    "the row has a value but no KPI; give its id in the KPI ID column": (
        "値があるのにKPIがありません。KPI ID の列にIDを入力してください"
    ),
    "the running total so far (累計)": "それまでの累計",
    "the running total {total} is below the {before} counted before that year": (
        "累計 {total} が、その年度より前に数えた {before} を下回っています"
    ),
    "the source": "出典",
    'the source card is empty; add statistic = "..." (or remove the card)': (
        '出典カードが空です。statistic = "..." を追加してください（またはカードを削除してください）'
    ),
    "the words of {first} and {second} overlap ({word!r}): what is typed would name either; make them differ": (
        "{first} と {second} の語が重なっています（{word!r}）。入力した語がどちらを指すか決まりません。"
        "別の語にしてください"
    ),
    (
        "the year cell {year!r} ({first}) and the year_label cell {label!r} disagree: the label names no "
        "year; correct the one that is wrong"
    ): (
        "年度の欄 {year!r}（{first}）と year_label の欄 {label!r} が食い違っています（year_label "
        "が年度を示していません）。誤っている方を直してください"
    ),
    (
        "the year cell {year!r} and the year_label cell {label!r} name different years ({first} and "
        "{second}); correct the one that is wrong"
    ): (
        "年度の欄 {year!r} と year_label の欄 {label!r} が別の年度を示しています（{first} と {second}）。"
        "誤っている方を直してください"
    ),
    "the {attr} {words} appears twice; each word once": "{attr} の {words} が2回あります。1回ずつにしてください",
    "the 確定": "確定値",
    "too large: kpi keeps at most {n} digits before the decimal point": (
        "大きすぎます。kpi は整数部を{n}桁まで記録します"
    ),
    "too precise: kpi keeps at most {n} decimal places": "桁が細かすぎます。kpi は小数点以下{n}桁まで記録します",
    "unchanged: {name} {year} {why}; nothing written": "変更なし: {name} {year} {why}（書き込みなし）",
    "unchanged: {what}; nothing written": "変更なし: {what}（書き込みなし）",
    "unknown KPI {term!r}; did you mean {close}?": "KPI {term!r} は見つかりません。もしかして {close} ですか？",
    "unknown KPI {term!r}; see: kpi kpis": "KPI {term!r} は見つかりません。一覧: kpi kpis",
    "unknown direction {direction!r}; use increase or decrease": (
        "方向 {direction!r} は使えません。increase か decrease にしてください"
    ),
    "unknown encoding {encoding!r}; use utf-8 or cp932 (or leave it out: kpi detects it)": (
        "文字コード {encoding!r} は使えません。utf-8 か cp932 を指定してください（省略すると自動判定）"
    ),
    "unknown key {key!r}; {hint}": "不明なキー {key!r}。{hint}",
    "unknown kind {kind!r}; use level, cumulative or target_only": (
        "種類 {kind!r} は使えません。level、cumulative、target_only のいずれか"
    ),
    "unknown office (振興局) {name!r}; valid: {valid}": "振興局 {name!r} は見つかりません。使える名前: {valid}",
    "unknown ownership {ownership!r}; use printed or inferred": (
        "担当の根拠 {ownership!r} は使えません。printed か inferred にしてください"
    ),
    "unknown project {project_id!r}; add it first with kpi plan add-project": (
        "プロジェクト {project_id!r} は見つかりません。先に kpi plan add-project で追加してください"
    ),
    "unknown project {term!r}; did you mean {close}?": (
        "プロジェクト {term!r} は見つかりません。もしかして {close} ですか？"
    ),
    "unknown project {term!r}; see: kpi projects": "プロジェクト {term!r} は見つかりません。一覧: kpi projects",
    "unknown rating {rating!r} for {option}; use one of {codes}": (
        "{option} の評価 {rating!r} はありません。次のいずれか: {codes}"
    ),
    "unknown region {name!r}; valid: {names}": "連携地域・振興局 {name!r} は見つかりません。使える名前: {names}",
    "unknown region {term!r}; did you mean {close}? valid names: {names}": (
        "連携地域・振興局 {term!r} は見つかりません。もしかして {close}？ 使える名前: {names}"
    ),
    "unknown region {term!r}; valid names: {names}": (
        "連携地域・振興局 {term!r} は見つかりません。使える名前: {names}"
    ),
    "unknown source_basis {basis!r}; use {bases} (or leave it empty)": (
        "source_basis {basis!r} は不明です。{bases} のいずれかにしてください（空欄でも構いません）"
    ),
    "unknown {what} {value!r}; {hint}": "{what} {value!r} は見つかりません。{hint}",
    "unknown 振興局 {printed!r}; did you mean {near}?": (
        "振興局 {printed!r} は見つかりません。もしかして {near} ですか？"
    ),
    "unknown 振興局 {printed!r}; the 振興局 are {offices}": (
        "振興局 {printed!r} は見つかりません。振興局は {offices} です"
    ),
    "unknown 振興局 {term!r}; did you mean {close}? valid names: {names}": (
        "振興局 {term!r} は見つかりません。もしかして {close}？ 使える名前: {names}"
    ),
    "unknown 振興局 {term!r}; valid names: {names}": "振興局 {term!r} は見つかりません。使える名前: {names}",
    "unreadable": "読めません",
    "value": "値",
    "value (value)": "実績値（value）",
    "value {value!r} is not a plain decimal of at most 15 digits and 6 places": (
        "値 {value!r} は整数部15桁・小数6桁までの普通の10進数ではありません"
    ),
    "value {value} has a fraction, but {kpi} counts whole {unit}; give a whole number": (
        "値 {value} に小数がありますが、{kpi} は{unit}を数えるKPIです。整数を入力してください"
    ),
    "value {value} is negative, but {kpi} counts {unit}, which cannot be below zero; check the sign": (
        "値 {value} が負です。{kpi} は{unit}を数えるので負になりません。符号を確認してください"
    ),
    "values still owed": "未記録の値",
    "values to collect": "照会する値",
    "void": "取消",
    "voided on {day} by {who}: {reason}": "{day} に {who} が取消（理由: {reason}）",
    "voided: {name} {year} (the row {hash}… no longer counts) → {place}": (
        "取り消しました: {name} {year}（行 {hash}… は数えません）→ {place}"
    ),
    "waiting for {ledger}: another kpi is writing to it (Ctrl-C stops this one; nothing is changed)": (
        "{ledger} の書き込み待ち: 別の kpi が書き込み中です（Ctrl-C でこちらを中止します。何も変更しません）"
    ),
    "waiting for {ledger}: another kpi is writing to it (Ctrl-C stops this one; nothing is recorded)": (
        "{ledger} の書き込み待ち: 別の kpi が書き込み中です（Ctrl-C でこちらを中止します。何も記録しません）"
    ),
    "waiting for {plan}: another kpi is editing it": "{plan} の編集待ち: 別の kpi が編集中です",
    "write the output elsewhere": "別のファイルに書き出してください",
    "write {name!r} as {fixed}, as the 道 writes it": "{name!r} は道の表記どおり {fixed} と書いてください",
    "writing a PDF needs WeasyPrint: {install} (or write .html and print it to PDF from a browser)": (
        "PDFを書き出すには WeasyPrint が必要です: {install}（または .html "
        "に書き出してブラウザからPDFに印刷してください）"
    ),
    (
        "written by a newer kpi (its header has columns this kpi does not know: {got!r}); upgrade kpi (pip "
        "install -U kpi-cli) to read it"
    ): (
        "新しい版の kpi で書かれた台帳です（この kpi が知らない列がヘッダーにあります: {got!r}）。読むには "
        "kpi を更新してください（pip install -U kpi-cli）"
    ),
    (
        "wrote a new head file for {file}: {n} rows, the last at line {line} (head {head}); from now on kpi "
        "sees rows cut from its end"
    ): (
        "{file} の head ファイルを新しく書きました: {n}行、最終行は{line}行目（ヘッド {head}）。以後、"
        "末尾の行が削られれば kpi が気づきます"
    ),
    "wrote a report of {n} KPIs to {output}": "{output} に{n}件のKPIの資料を書き出しました",
    "wrote a site of {pages} pages and {downloads} downloads ({size} KB) to {output}; open {index}": (
        "{output} にサイト（ページ{pages}件、ダウンロード{downloads}件、{size} KB）を書き出しました。{index} "
        "を開いてください"
    ),
    "wrote {n} {what} to {output}": "{output} に{what}{n}件を書き出しました",
    "year": "年度",
    "year (year)": "年度（year）",
    "year {year!r} does not exist: era years start at 1 (元年); write it as 2019, FY2019, R1, 令和元年度 or H26": (
        "年度 {year!r} はありません。元号の年は1（元年）から始まります。2019、FY2019、R1、令和元年度、H26 "
        "のように書いてください"
    ),
    "year {year!r} does not exist: 平成 ended in its 31st year (2019); write R{reiwa} or {western}": (
        "年度 {year!r} はありません。平成は31年（2019年）までです。R{reiwa} または {western} と書いてください"
    ),
    "year {year!r} is ambiguous: give the era or four digits; write it as 2019, FY2019, R1, 令和元年度 or H26": (
        "年度 {year!r} はあいまいです。元号か西暦4桁で指定してください。2019、FY2019、R1、令和元年度、H26 "
        "のように書いてください"
    ),
    "year {year!r} is before 1989: only 平成 (H) and 令和 (R) years are supported": (
        "年度 {year!r} は1989年より前です。使えるのは平成（H）と令和（R）の年度だけです"
    ),
    "year {year!r} is before 1989: only 平成 and 令和 fiscal years are supported": (
        "年度 {year!r} は1989年より前です。使えるのは平成（H）と令和（R）の年度だけです"
    ),
    "year {year!r} is not a four-digit year": "年度 {year!r} は4桁の西暦ではありません",
    "year {year!r} is out of range; write it as 2019, FY2019, R1, 令和元年度 or H26": (
        "年度 {year!r} は範囲外です。2019、FY2019、R1、令和元年度、H26 のように書いてください"
    ),
    "{as_of!r} is not a day of the year; write it like 4月1日現在 or 3月末": (
        "{as_of!r} は日付として読めません。4月1日現在 や 3月末 のように書いてください"
    ),
    "{code!r} is not an ASCII code such as on_course; use a-z, 0-9 and _": (
        "{code!r} は on_course のようなASCIIのコードではありません。a-z、0-9、_ で書いてください"
    ),
    "{date!r} is not a day of the calendar; write it like 2020-04-01": (
        "{date!r} という日はありません。2020-04-01 のように書いてください"
    ),
    "{date!r} is not a day: 令和 began on 2019-05-01 ({first}); write {fix}": (
        "{date!r} という日はありません。令和は 2019-05-01（{first}）に始まりました。{fix} と書いてください"
    ),
    "{date!r} is not a day: 平成 began on 1989-01-08 ({first}); write {fix}": (
        "{date!r} という日はありません。平成は 1989-01-08（{first}）に始まりました。{fix} と書いてください"
    ),
    "{date!r} is not a day: 平成 ended on 2019-04-30 ({last}); write {fix}": (
        "{date!r} という日はありません。平成は 2019-04-30（{last}）で終わりました。{fix} と書いてください"
    ),
    "{end} is before the start {start}; the period runs start..end": (
        "{end} が始まり {start} より前です。期間は start から end までです"
    ),
    "{field} holds the control character U+{code}, which kpi never writes: the row was written outside kpi": (
        "{field}に kpi が書くことのない制御文字 U+{code} があります。この行は kpi 以外で書かれています"
    ),
    "{file} ({printed})": "{file}（{printed}）",
    "{file} changed while kpi was reading it; nothing was changed; try again": (
        "読み込み中に {file} が変わりました。何も変更していません。もう一度実行してください"
    ),
    (
        "{file} ends in an unfinished write that kpi cannot prove is its own (there is no head file to check "
        "it against); nothing was recorded; run kpi verify --repair to see it and remove it"
    ): (
        "{file} の末尾に書き込み途中の行がありますが、kpi "
        "自身の書き込みだと確かめられません（照合するヘッドファイルがありません）。何も記録していません。kpi "
        "verify --repair で内容を確認して取り除いてください"
    ),
    "{file} has a git merge conflict marker at line {line}; nothing was recorded; see kpi verify": (
        "{file} の{line}行目に git のマージの競合マーカーがあります。何も記録していません。kpi verify を見てください"
    ),
    (
        "{file} has a row of ledger format 2 under a format 1 header at line {line}; nothing was recorded; "
        "run kpi verify --repair to put back the format 2 header"
    ): (
        "{file} の {line} 行目に、形式1の見出しの下の台帳形式2の行があります。何も記録していません。kpi "
        "verify --repair で形式2の見出しに戻してください"
    ),
    (
        "{file} has been locked by another process for {seconds} seconds (a kpi stopped with Ctrl-Z, or "
        "still writing); nothing was written; end that process (fg, then let it finish or press Ctrl-C) and "
        "try again"
    ): (
        "{file} は別のプロセスに{seconds}秒間ロックされています（Ctrl-Z で止めた kpi か、書き込み中）。"
        "何も書き込んでいません。そのプロセスを終わらせて（fg で戻して終了させるか Ctrl-C）、"
        "やり直してください"
    ),
    "{file} has no monthly table of {year}; it holds {years}": (
        "{file} には {year} の月別表がありません。あるのは {years} です"
    ),
    "{file} holds the monthly tables of several fiscal years ({years}); choose one with --year": (
        "{file} には複数の年度の月別表があります（{years}）。--year で1つ選んでください"
    ),
    "{file} is given twice; give each file once": "{file} が2回指定されています。各ファイルは1回だけ指定してください",
    "{file} is larger than {mb} MB; split it into smaller files (one per office or year)": (
        "{file} は {mb} MB を超えています。小さなファイルに分けてください（振興局ごと、年度ごとなど）"
    ),
    (
        "{file} is missing, but kpi wrote to it ({name} remembers it); nothing was recorded; restore it from "
        "a backup or the git history (or delete {name} if it was removed on purpose)"
    ): (
        "{file} がありませんが、kpi はこのファイルに書き込んでいます（{name} に記録あり）。"
        "何も記録していません。バックアップか git の履歴から戻してください（意図して削除したなら {name} "
        "を削除してください）"
    ),
    (
        "{file} is not a kpi ledger file ({problem}); nothing was recorded; give another --by (it names the "
        "file) or move that file out of the ledger folder"
    ): (
        "{file} は kpi の台帳ファイルではありません（{problem}）。何も記録していません。別の --by "
        "を指定するか（ファイル名になります）、そのファイルを台帳フォルダの外に移してください"
    ),
    "{file} is not a regular file (a device, a FIFO or a folder); give a CSV or .xlsx file": (
        "{file} は通常のファイルではありません（デバイス、FIFO、フォルダ）。CSV か .xlsx のファイルを指定してください"
    ),
    "{file} was replaced while kpi was repairing it; nothing was changed; try again": (
        "修復中に {file} が置き換えられました。何も変更していません。もう一度実行してください"
    ),
    "{file} was replaced {n} times while kpi was writing (a sync client or git?); nothing was recorded": (
        "kpi の書き込み中に {file} が{n}回置き換えられました（同期ソフトか git？）。何も記録していません"
    ),
    "{file}: 1 bad row; nothing was written. Fix it and import again:": (
        "{file}: 問題のある行が1行あります。何も書き込んでいません。直してからもう一度取り込んでください:"
    ),
    (
        "{file}: 1 row re-saved by a spreadsheet ({causes}); its content is intact; run kpi verify --repair "
        "to restore kpi's own form (the file as found is kept beside it)"
    ): (
        "{file}: 1行が表計算ソフトで保存し直されています（{causes}）。内容は無傷です。kpi verify --repair で "
        "kpi の形式に戻せます（見つかった状態のファイルは横に残します）"
    ),
    (
        "{file}: a git merge left conflict markers (lines {lines}) and the rows of one side do not verify; "
        "keep one side (git checkout --ours {file} {file}.head) and record the other side's values again; a "
        "ledger folder (--ledger data/ledger/) gives each writer a file of its own that git never has to "
        "merge"
    ): (
        "{file}: git のマージで競合マーカーが残り（{lines}行目）、片方の行が検証できません。"
        "片方を残して（git checkout --ours {file} {file}.head）もう片方の値を記録し直してください。"
        "台帳をフォルダにすると（--ledger data/ledger/）記録者ごとのファイルになり、git "
        "がひとつのファイルをマージすることはなくなります"
    ),
    (
        "{file}: a git merge left conflict markers (lines {lines}) and the rows of one side do not verify; "
        "keep one side (git checkout --ours {file} {file}.head) and record the other side's values again; "
        "two people recorded under the same name: give each their own --by (or KPI_USER), so that each "
        "writes a file of their own that git never has to merge"
    ): (
        "{file}: git のマージで競合マーカーが残り（{lines}行目）、片方の行が検証できません。"
        "片方を残して（git checkout --ours {file} {file}.head）もう片方の値を記録し直してください。"
        "2人が同じ名前で記録しています。それぞれ自分の --by（または KPI_USER）を使うと、"
        "記録者ごとのファイルになり git がマージすることはなくなります"
    ),
    "{file}: no rows to import below the header ({where})": "{file}: 見出し（{where}）の下に取り込む行がありません",
    "{file}: sheets {sheets} are each a monthly table of {year}; keep one": (
        "{file}: シート {sheets} はどれも {year} の月別表です。1つだけ残してください"
    ),
    "{file}: {n} bad rows; nothing was written. Fix them and import again:": (
        "{file}: 問題のある行が{n}行あります。何も書き込んでいません。直してからもう一度取り込んでください:"
    ),
    (
        "{file}: {n} rows of ledger format 2 under a format 1 header (lines {lines}; the header was "
        "edited?); the rows are read; run kpi verify --repair to put back the format 2 header"
    ): (
        "{file}: 形式1の見出しの下に台帳形式2の行が{n}行あります（{lines}行目。見出しが編集された？）。"
        "行は読み取ります。kpi verify --repair で形式2の見出しに戻してください"
    ),
    (
        "{file}: {n} rows re-saved by a spreadsheet ({causes}); their content is intact; run kpi verify "
        "--repair to restore kpi's own form (the file as found is kept beside it)"
    ): (
        "{file}: {n}行が表計算ソフトで保存し直されています（{causes}）。内容は無傷です。kpi verify --repair "
        "で kpi の形式に戻せます（見つかった状態のファイルは横に残します）"
    ),
    "{file}: {n} rows, head {head}": "{file}: {n}行、末尾ハッシュ {head}",
    "{file}: {problem}": "{file}: {problem}",
    "{file}: {problem}; nothing was recorded (kpi does not write to a ledger it cannot check)": (
        "{file}: {problem}。何も記録していません（kpi は確認できない台帳には書き込みません）"
    ),
    (
        "{file}:{line}: recorded_at {recorded_at} is earlier than the row before it: the clock of "
        "{recorded_by}'s computer may be wrong (kpi's corrections do not depend on it)"
    ): (
        "{file}:{line}: 記録日時 {recorded_at} が前の行より前です。{recorded_by} "
        "のコンピューターの時計が狂っているかもしれません（kpi の訂正は時計に左右されません）"
    ),
    (
        "{file}:{line}: recorded_at {recorded_at} is in the future: the clock of {recorded_by}'s computer is "
        "wrong (kpi's corrections do not depend on it)"
    ): (
        "{file}:{line}: 記録日時 {recorded_at} が未来です。{recorded_by} "
        "のコンピューターの時計が狂っています（kpi の訂正は時計に左右されません）"
    ),
    "{file}:{line}: {conflict}": "{file}:{line}: {conflict}",
    "{file}:{line}: {key} is not a review (its note is not kpi's review record)": (
        "{file}:{line}: {key} は評価ではありません（備考が kpi の評価記録の形ではありません）"
    ),
    (
        "{file}:{line}: {key} uses words the plan's vocabulary does not have ({assessment}, {direction}); "
        "add them to [review] in the plan or review again"
    ): (
        "{file}:{line}: {key} に計画の語彙にない語があります（{assessment}, {direction}）。計画の [review] "
        "に加えるか、評価し直してください"
    ),
    (
        "{file}:{line}: {key} {year} is a running total, but only a 累計 KPI's yearly value can be one; it "
        "is not counted (kpi void it and record the figure as it is)"
    ): (
        "{file}:{line}: {key} {year} は累計として記録されていますが、"
        "累計にできるのは累計KPIの年度の値だけです。集計に含めません（kpi void で取り消し、"
        "数値をそのまま記録し直してください）"
    ),
    "{file}:{line}: {kpi_id} {year} is outside the plan's years ({low}–{high}); kpi void it if it was a typo": (
        "{file}:{line}: {kpi_id} {year} は計画期間（{low}–{high}）の外です。入力ミスなら kpi void で取り消してください"
    ),
    (
        "{file}:{line}: {kpi_id} {year}: revised to the 確定 {value}, which replaced an earlier value (a "
        "速報 is not a conflict; kpi history {kpi_id} shows both)"
    ): (
        "{file}:{line}: {kpi_id} {year}: 確定値 {value} に改訂され、"
        "前の値を置き換えました（速報値からの改訂は競合ではありません。kpi history {kpi_id} "
        "で両方を確認できます）"
    ),
    "{file}:{line}: {problem}": "{file}:{line}: {problem}",
    "{from_year} is not after the baseline year {year}; a revision takes effect later": (
        "{from_year} が基準年度 {year} より後ではありません。見直しは基準年度より後に適用します"
    ),
    "{id} is recorded for the whole KPI, not per 振興局 (the plan gives it no parts); drop --office": (
        "{id} はKPI全体で記録します（振興局別の内訳はありません）。--office を外してください"
    ),
    (
        "{key} {year}: the running total {total} is less than the years before it count ({counted}); correct "
        "the total or the counts (kpi record --correct)"
    ): (
        "{key} {year}: 累計 {total} が、それまでの年度の合計（{counted}）より小さくなっています。"
        "累計か各年度の数を直してください（kpi record --correct）"
    ),
    "{kpi_id} already has a revision from {year}; choose another year": (
        "{kpi_id} には {year} からの見直しが既にあります。別の年度にしてください"
    ),
    (
        "{kpi_id} {year} is a correction of row {hash}…, which is {what}: it supersedes nothing, and the "
        "other values of {kpi_id} {year} stand (a conflict where they differ); settle it with kpi record "
        "--correct"
    ): (
        "{kpi_id} {year} は行 {hash}… の訂正とされていますが、それは{what}です。何も置き換えず、{kpi_id} "
        "{year} のほかの値が有効です（異なれば競合です）。kpi record --correct で決着させてください"
    ),
    (
        "{kpi_id} {year}: the value for the whole KPI {whole} differs from the sum of its {n} shares {total} "
        "({shown}) by {difference}, more than the rounding of the figures (±{slack}); the whole-KPI value is "
        "used"
    ): (
        "{kpi_id} {year}: KPI全体の値 {whole} が{n}振興局の合計 {total}（{shown}）と {difference} 違い、"
        "端数の丸め（±{slack}）より大きい差です。KPI全体の値を使います"
    ),
    (
        "{kpis}: the plan lists no 振興局 or 市町村 whose rows add up to them, so nothing is recorded for "
        "them from the report (see each KPI's source card: kpi show)"
    ): (
        "{kpis}: 合計の対象となる振興局・市町村が計画に記載されていないため、"
        "報告書からは何も記録しません（各KPIの出典: kpi show）"
    ),
    (
        "{kpi} counts calendar years (暦年, January to December), not days: give the year instead of "
        "{date!r}, e.g. {year} for the calendar year {year}"
    ): (
        "{kpi} は暦年（1〜12月）の値で、日付ではありません。{date!r} ではなく年を指定してください（例: "
        "{year}年の値なら {year}）"
    ),
    (
        "{kpi} counts fiscal years (年度, April to March), not days: give the fiscal year instead of "
        "{date!r}, e.g. R1 or 2019"
    ): (
        "{kpi} は年度（4月〜翌年3月）の値で、日付ではありません。{date!r} "
        "ではなく年度を指定してください（例: R1、2019）"
    ),
    (
        "{kpi} counts graduation cohorts (卒業年), not days: give the cohort instead of {date!r}, e.g. "
        "{cohort} (those who graduate in March {year})"
    ): (
        "{kpi} は卒業年ごとの値で、日付ではありません。{date!r} ではなく卒業年を指定してください（例: "
        "{year}年3月卒業なら {cohort}）"
    ),
    (
        "{kpi} counts {start}～{end} (累計); {year} is after its period and is not counted; check the year "
        "(or add --outside-plan to keep it anyway)"
    ): (
        "{kpi} は {start}～{end} の累計です。{year} は期間の後なので数えません。"
        "年度を確認してください（それでも残すなら --outside-plan を付けてください）"
    ),
    "{kpi} is a count at a day ({as_of}), which has no half-year; drop --half": (
        "{kpi} はある日時点（{as_of}）の数値で、半期はありません。--half を外してください"
    ),
    (
        "{kpi} is counted on {as_of}, and {date} is another day: give {expected} (kept in {year}) or the fiscal year"
    ): "{kpi} は {as_of} の値で、{date} は別の日です。{expected}（{year} に記録）か年度を指定してください",
    (
        "{kpi} is cumulative (累計: each year's own count, added up by kpi), but its values {values} "
        "({first}–{last}) look like running totals; add --running-total if they are totals so far (kpi "
        "stores each year's own count), or --yearly if they are each year's own counts"
    ): (
        "{kpi} は累計KPI（年度ごとの値を kpi が合計）ですが、値 {values}（{first}–{last}）"
        "は累計値のようです。累計なら --running-total（kpi が年度ごとの値にします）、年度ごとの値なら "
        "--yearly を付けてください"
    ),
    "{kpi} is not a 累計 KPI, so a value of it cannot be a running total; leave the form blank": (
        "{kpi} は累計KPIではないので、値を累計値にはできません。値の形は空欄にしてください"
    ),
    "{kpi} is not a 累計 KPI: {option} does not apply; drop it": (
        "{kpi} は累計のKPIではないため {option} は使えません。外してください"
    ),
    (
        "{kpi} {year} = {value} is marked as kpi's sum of {n} 振興局 shares (source {source!r}), but "
        "{found}; record the shares with their 振興局 (--office, or a 振興局分 column), or give a value of "
        "the whole KPI a source of its own (an older export? --skip-conflicts skips it)"
    ): (
        "{kpi} {year} = {value} は kpi が足し上げた{n}振興局分の合計とされています（出典 {source!r}）が、"
        "{found}。振興局分を振興局ごとに記録するか（--office、または振興局分の列）、"
        "KPI全体の値には独自の出典を付けてください（古い書き出しなら --skip-conflicts で飛ばせます）"
    ),
    (
        "{kpi} {year} has the 確定 value {value} ({file}:{line}); a 速報 ({given}) does not replace it; use "
        "--correct if the 確定 was wrong"
    ): (
        "{kpi} {year} には確定値 {value} があります（{file}:{line}）。速報値（{given}）"
        "で置き換えることはしません。確定値が誤っていた場合は --correct を付けてください"
    ),
    (
        "{kpi} {year}: the running total {total} is less than the years before it count ({counted}); check "
        "the figures (a running total cannot fall)"
    ): (
        "{kpi} {year}: 累計 {total} が、それまでの年度の合計（{counted}）より小さくなっています。"
        "数値を確認してください（累計は減りません）"
    ),
    (
        "{kpi} {year}: {value} is more than the target of the whole period ({target}); a 累計 KPI takes each "
        "year's own count: add --running-total if it is the total so far, or --yearly if it is that year's "
        "count"
    ): (
        "{kpi} {year}: {value} は期間全体の目標値（{target}）を超えています。"
        "累計KPIには年度ごとの値を記録します。これまでの累計なら --running-total、その年度の値なら --yearly "
        "を付けてください"
    ),
    (
        "{kpi} {year}: {value} is {factor} times the plan's figures for this KPI ({known}, in {unit}); was "
        "it typed in another unit? give it in {unit}, or add --unusual if it is right"
    ): (
        "{kpi} {year}: {value} はこのKPIの計画の数値（{known}、単位 {unit}）の{factor}倍です。"
        "別の単位で入力しませんでしたか？ {unit}で入力するか、正しい値なら --unusual を付けてください"
    ),
    "{kpi}: a half-year's value is never a running total; give the half-year's own count": (
        "{kpi}: 半期の値は累計にはなりません。その半期の数を入力してください"
    ),
    "{kpi}: the count of {date} ({as_of}) is kept in {year}, the fiscal year it falls in": (
        "{kpi}: {date}（{as_of}）の値は、その日を含む年度 {year} に記録します"
    ),
    "{kpi}: {year} holds the value of {label}": "{kpi}: {year} の欄には {label} の値が入ります",
    "{lead!r} is not one of the project's offices ({offices}); name one of them": (
        "{lead!r} はプロジェクトの振興局（{offices}）のどれでもありません。そのいずれかにしてください"
    ),
    "{ledger}: no ledger yet (0 rows)": "{ledger}: 台帳はまだありません（0行）",
    (
        "{ledger}: the expected head {head}… is not in the ledger: rows were removed or rewritten since it "
        "was noted; compare with the git history"
    ): (
        "{ledger}: 期待する末尾ハッシュ {head}… が台帳にありません。"
        "控えた後に行が削除または書き換えられています。git の履歴と比べてください"
    ),
    (
        "{ledger}: the reviews of project {name} are left out: the plan {plan} does not have it; was it "
        "renamed or removed in the plan, or is this the ledger of another edition? keep the old id (or give "
        "the plan that goes with the ledger, --plan)"
    ): (
        "{ledger}: プロジェクト {name} の評価を除外しました。計画 {plan} にありません。"
        "計画で名前を変えたか削除しましたか、それとも別の版の台帳ですか？ 元のIDを残すか、台帳に合う計画を "
        "--plan で指定してください"
    ),
    (
        "{ledger}: the reviews of {n} projects are left out: the plan {plan} does not have them ({names}); "
        "was a project renamed or removed in the plan, or is this the ledger of another edition? keep the "
        "old ids (or give the plan that goes with the ledger, --plan)"
    ): (
        "{ledger}: {n}件のプロジェクトの評価を除外しました。計画 {plan} にありません（{names}）。"
        "計画でプロジェクトの名前を変えたか削除しましたか、それとも別の版の台帳ですか？ 元のIDを残すか、"
        "台帳に合う計画を --plan で指定してください"
    ),
    (
        "{ledger}: {name}: a file of the ledger is open in Excel (this is its lock file); close it without "
        "saving, or a save re-saves the ledger"
    ): (
        "{ledger}: {name}: 台帳のファイルが Excel で開かれています（これはそのロックファイルです）。"
        "保存せずに閉じてください（保存すると台帳が保存し直されます）"
    ),
    "{ledger}: {name}: not a kpi writer file; skipped": (
        "{ledger}: {name}: kpi の書き込みファイルではないので読み飛ばしました"
    ),
    "{ledger}: {n} rows in {files} files": "{ledger}: {files}ファイル、{n}行",
    (
        "{ledger}: {values} values of {kpis} KPIs the plan {plan} does not have ({names}): they are left "
        "out; was a KPI renamed or removed in the plan, or is this the ledger of another edition? keep the "
        "old id (or give the plan that goes with the ledger, --plan)"
    ): (
        "{ledger}: 計画 {plan} にない{kpis}件のKPIの値{values}件（{names}）を除外しました。"
        "計画でKPIの名前を変えたか削除しましたか、それとも別の版の台帳ですか？ 元のIDを残すか、"
        "台帳に合う計画を --plan で指定してください"
    ),
    "{name!r}": "{name!r}",
    (
        "{name!r} is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9), not a file; rename it, "
        "e.g. {fixed!r}"
    ): (
        "{name!r} は Windows のデバイス名（CON、PRN、AUX、NUL、COM1～9、LPT1～9）で、ファイルになりません。"
        "名前を変えてください（例: {fixed!r}）"
    ),
    "{name!r} is not a field of a source card; name one of {fields}": (
        "{name!r} は出典カードの項目ではありません。次のいずれかを指定してください: {fields}"
    ),
    "{name!r} is not a 市町村 of Hokkaido; check the spelling (e.g. ニセコ町, 倶知安町)": (
        "{name!r} は北海道の市町村ではありません。表記を確認してください（例: ニセコ町、倶知安町）"
    ),
    "{name!r} is not a 市町村 of Hokkaido; did you mean {near}?": (
        "{name!r} は北海道の市町村ではありません。{near} ではありませんか？"
    ),
    "{name!r} must be a path relative to the plan's folder, e.g. ledger-r7.csv": (
        "{name!r} は計画のフォルダからの相対パスにしてください（例: ledger-r7.csv）"
    ),
    (
        "{name!r}: {device!r} is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9), not a file "
        "or folder; rename it, e.g. {fixed!r}"
    ): (
        "{name!r}: {device!r} は Windows のデバイス名（CON、PRN、AUX、NUL、COM1～9、LPT1～9）で、"
        "ファイルにもフォルダにもなりません。名前を変えてください（例: {fixed!r}）"
    ),
    "{names} listed twice; list each 市町村 once": "{names} が重複しています。各市町村は1回だけ書いてください",
    "{name} [{id}] {year} {headline}": "{name} [{id}] {year} {headline}",
    (
        "{name} cannot be read ({why}), so kpi cannot tell whether rows were cut; if the ledger is complete, "
        "kpi verify --repair writes a new head file"
    ): (
        "{name} を読めません（{why}）。行が削られたかどうか判断できません。台帳が完全なら kpi verify "
        "--repair で新しいヘッドファイルを作成できます"
    ),
    "{name} is listed twice; list each field once": "{name} が2回あります。各項目は1回だけ書いてください",
    "{name} is marked inferred but the card has no {name}; fill it or remove it from inferred": (
        "{name} は推定とされていますが、カードに {name} がありません。記入するか inferred から外してください"
    ),
    "{name} {year}": "{name} {year}",
    "{name} {year} = {value}{unit}{mark}": "{name} {year} = {value}{unit}{mark}",
    "{n} KPIs are named {name!r} ({listing}); give the KPI's id in a kpi_id column instead": (
        "{name!r} という名前のKPIは{n}件あります（{listing}）。代わりに kpi_id 列でKPI IDを指定してください"
    ),
    "{n} KPIs are rated {rating} or worse: {kpis}": "{n}件のKPIの評価が {rating} 以下です: {kpis}",
    "{n} KPIs would change their unit; the plan was not changed": (
        "{n}件のKPIの単位が変わります。計画は変更していません"
    ),
    "{n} bad rows in {files}; nothing was written. Fix them and import again:": (
        "{files} に問題のある行が{n}行あります。何も書き込んでいません。直してから取り込み直してください:"
    ),
    "{n} blank (not yet known)": "空欄（まだ不明）{n}件",
    "{n} cumulative KPIs need a decision; nothing was written": (
        "累計KPI {n}件について指定が必要です。何も書き込んでいません"
    ),
    "{n} more problems; run: kpi verify": "ほかに{n}件の問題があります。確認: kpi verify",
    "{n} of {total} files cannot be imported; nothing was written. Fix them and import again:": (
        "{total}件中{n}件のファイルを取り込めません。何も書き込んでいません。直してから取り込み直してください:"
    ),
    "{n} problems found in {ledger}": "{ledger} に問題が{n}件見つかりました",
    "{n} rows conflict with the ledger; nothing was written": "{n}行が台帳と食い違います。何も書き込んでいません",
    "{n} skipped (listed above)": "見送り{n}件（上に一覧）",
    "{n} unchanged": "変更なし{n}件",
    "{n} values of {id} from {old} to {new} (×{factor})": "{id} の値{n}件を {old} から {new} に（×{factor}）",
    "{n} values still owed for {year}": "{year} の未記録が{n}件あります",
    "{office} is not a part of {id}; its parts are {listed}": (
        "{office} は {id} の内訳ではありません。内訳は {listed} です"
    ),
    "{option} is given twice; it takes one value: give it once": (
        "{option} が2回指定されています。値は1つです。1回だけ指定してください"
    ),
    "{option} {year} is outside the plan's years ({low}–{high}); check the year and its era": (
        "{option} {year} は計画期間（{low}–{high}）の外です。年度と元号を確認してください"
    ),
    (
        "{output} holds a filled-in row that is not in the ledger ({where}); import it ({command} {output}) or {fix}"
    ): "{output} には台帳にない記入済みの行があります（{where}）。取り込むか（{command} {output}）、{fix}",
    (
        "{output} holds {n} filled-in rows that are not in the ledger (the first: {where}); import them "
        "({command} {output}) or {fix}"
    ): (
        "{output} には台帳にない記入済みの行が{n}行あります（最初は {where}）。取り込むか（{command} {output}）、{fix}"
    ),
    "{path} already exists; choose another file name": "{path} は既にあります。別のファイル名にしてください",
    "{path} already exists; choose another file name (kpi never overwrites a plan it did not read)": (
        "{path} は既にあります。別のファイル名にしてください（kpi は読んでいない計画を上書きしません）"
    ),
    (
        "{path} could not be put back as it was ({why}) after this failed: {problem}; restore it from a "
        "backup or the git history"
    ): (
        "次の失敗のあと {path} を元に戻せませんでした（{why}）: {problem}。バックアップか git の履歴から戻してください"
    ),
    "{path} was replaced {n} times while kpi was editing it; nothing was changed": (
        "kpi が編集している間に {path} が{n}回置き換えられました。何も変更していません"
    ),
    "{path}: no sections; start them with ## 取組状況, ## 成果・課題, ## 今後の取組": (
        "{path}: 見出しがありません。## 取組状況, ## 成果・課題, ## 今後の取組 で始めてください"
    ),
    "{path}: not valid TOML: arrays or tables nested too deeply; is this the right file?": (
        "{path}: TOMLとして読めません（配列やテーブルの入れ子が深すぎます）。正しいファイルですか？"
    ),
    "{path}: the section ## {heading} has {n} characters, more than the {limit} a review keeps; shorten it": (
        "{path}: ## {heading} の節が{n}文字あり、評価に記録できる{limit}文字を超えています。短くしてください"
    ),
    "{path}: unknown section {heading!r}; use ## 取組状況, ## 成果・課題, ## 今後の取組": (
        "{path}: 見出し {heading!r} は使えません。次を使ってください: ## 取組状況, ## 成果・課題, ## 今後の取組"
    ),
    "{path}: {problem}": "{path}: {problem}",
    "{path}: {where}: {problem}": "{path}: {where}: {problem}",
    "{path}:{line}: not UTF-8 text; save the plan as UTF-8": (
        "{path}:{line}: UTF-8 の文字ではありません。計画を UTF-8 で保存してください"
    ),
    "{path}:{line}: the section ## {heading} again (first at line {first}, ## {written}); keep one": (
        "{path}:{line}: ## {heading} の節が重複しています（最初は {first} 行目の ## {written}）。1つにしてください"
    ),
    (
        "{plan}: OK — {regions} regions (連携地域), {offices} offices (振興局), {projects} projects, {kpis} "
        "KPIs ({edition})"
    ): "{plan}: OK — 連携地域{regions}、振興局{offices}、プロジェクト{projects}、KPI{kpis}（{edition}）",
    "{printed!r} has no 年計 in {where} (row {row}); it cannot be summed": (
        "{printed!r} は {where} に年計がありません（{row}行目）。合計できません"
    ),
    "{problem}; check the number": "{problem}。数値を確認してください",
    "{problem}; file skipped": "{problem}。このファイルは読み飛ばします",
    "{problem}; its values were not compared with what was recorded now (kpi verify)": (
        "{problem}。その値は今回の記録と照合していません（kpi verify）"
    ),
    "{problem}; row left out": "{problem}。この行は数えません",
    "{problem}; the values were recorded in {files}": "{problem}。値は {files} に記録済みです",
    "{problem}; {path} was put back as it was": "{problem}。{path} は元に戻しました",
    (
        "{share}'s share is on a sheet {supplier} returns (記入する振興局); each 振興局 gives its own share: "
        "leave the row to {share} (kpi template --office {share}) or correct the 振興局分 cell"
    ): (
        "{share}の振興局分が、{supplier}が返送したシートにあります（記入する振興局）。"
        "振興局分は各振興局が入力します。この行は{share}に任せる（kpi template --office {share}）か、"
        "振興局分のセルを直してください"
    ),
    "{sheet} (FY{fiscal_year}) has no 振興局計 row for {name!r}; it has {have}": (
        "{sheet}（{fiscal_year}年度）に {name!r} の振興局計の行がありません。あるのは {have} です"
    ),
    ("{shown} is JSON, which kpi import does not read; give a CSV, TSV or workbook (kpi export -f csv writes one)"): (
        "{shown} はJSONで、kpi import では読めません。CSV、TSV またはワークブックを指定してください（kpi "
        "export -f csv で書き出せます）"
    ),
    "{shown}: 1 bad row; the plan was not changed": "{shown}: 問題のある行が1行あります。計画は変更していません",
    "{shown}: a workbook far larger than a sheet of values ({size}); it is refused": (
        "{shown}: 実績値のシートとしては大きすぎるブックです（{size}）。取り込みません"
    ),
    "{shown}: a zip archive but not a workbook; give an .xlsx, .xls, .ods or CSV file": (
        "{shown}: zip アーカイブですがブックではありません。.xlsx、.xls、.ods か CSV のファイルを指定してください"
    ),
    "{shown}: a zip archive but not a workbook; give the .xls or .xlsx file the 道 publishes": (
        "{shown}: zip アーカイブですがブックではありません。道が公表する .xls か .xlsx のファイルを指定してください"
    ),
    "{shown}: an .xlsb workbook; save it as .xlsx (Excel Workbook) and import that": (
        "{shown}: .xlsb ブックです。.xlsx（Excel ブック）として保存し、それを取り込んでください"
    ),
    '{shown}: broken UTF-16 text; save it as "CSV UTF-8" and import again': (
        "{shown}: UTF-16 の文字が壊れています。「CSV UTF-8」形式で保存し直してください"
    ),
    "{shown}: cannot be read ({why}); check the path": "{shown}: 読めません（{why}）。パスを確認してください",
    "{shown}: cannot be read as an {kind} workbook ({why}); open it in Excel and save it again": (
        "{shown}: {kind} ブックとして読めません（{why}）。Excel で開いて保存し直してください"
    ),
    "{shown}: empty; the first line must be the header {example}": (
        "{shown}: 空です。1行目は見出し {example} にしてください"
    ),
    "{shown}: no rows; the first line must be the header of kpi kpis --format csv": (
        "{shown}: 行がありません。1行目は kpi kpis --format csv の見出しにしてください"
    ),
    "{shown}: no sheet has the header {example} in its first rows": (
        "{shown}: 見出し {example} のあるシートがありません"
    ),
    (
        "{shown}: no sheet is the monthly table of the 北海道観光入込客数調査 (a header row starting "
        "「圏\u3000域」 over 入込総数 rows; sheets: {names}); give the report workbook as the 道 publishes it"
    ): (
        "{shown}: "
        "北海道観光入込客数調査の月別表のシートがありません（「圏\u3000域」で始まる見出し行と入込総数の行。"
        "シート: {names}）。道が公表した報告書のブックを指定してください"
    ),
    "{shown}: no such file; check the path": "{shown}: ファイルがありません。パスを確認してください",
    "{shown}: not a file; give the report workbook": (
        "{shown}: ファイルではありません。報告書のブックを指定してください"
    ),
    "{shown}: not a report workbook; give the .xls or .xlsx file the 道 publishes (or an .ods)": (
        "{shown}: 報告書のブックではありません。道が公表する .xls か .xlsx（または .ods）のファイルを指定してください"
    ),
    "{shown}: not a well-formed CSV file ({exc})": "{shown}: CSVファイルとして読めません（{exc}）",
    "{shown}: not an {kind} workbook (it does not start like one); open it in Excel and save it again": (
        "{shown}: {kind} ブックではありません（ファイルの先頭が違います）。Excel で開いて保存し直してください"
    ),
    "{shown}: read as cp932 (Shift-JIS, Excel's CSV on Japanese Windows)": (
        "{shown}: cp932（Shift-JIS、日本語版 Windows の Excel のCSV）として読みました"
    ),
    (
        "{shown}: sheet {name!r} reaches {rows:,} rows × {columns:,} columns, far more than a sheet of "
        "values; delete what lies outside the table (or copy the table to a new workbook) and import again"
    ): (
        "{shown}: シート {name!r} は {rows:,}行 × {columns:,}列に及び、実績値のシートとしては大きすぎます。"
        "表の外にあるものを削除して（または表を新しいブックに写して）取り込み直してください"
    ),
    (
        "{shown}: sheet {name!r} spans {rows} rows × {columns} columns, far more than a report sheet; give "
        "the workbook as the 道 publishes it"
    ): (
        "{shown}: シート {name!r} は{rows}行×{columns}列あり、報告書のシートとしては大きすぎます。"
        "道が公表したブックをそのまま指定してください"
    ),
    (
        "{shown}: the sheet with the header, {sheet!r}, is hidden; unhide it in Excel (or copy its rows to a "
        "visible sheet) and import again"
    ): (
        "{shown}: 見出し行のあるシート {sheet!r} は非表示です。Excel "
        "で再表示してから（または行を表示中のシートに写してから）取り込み直してください"
    ),
    "{shown}: the workbook is protected by a password; save a copy without it and import that": (
        "{shown}: ブックがパスワードで保護されています。パスワードなしで保存したコピーを取り込んでください"
    ),
    "{shown}: unpacks to {unpacked:,} bytes, far more than a report workbook; it is refused": (
        "{shown}: 展開すると{unpacked:,}バイトになり、報告書のブックとしては大きすぎます。受け付けません"
    ),
    "{shown}: {n} bad rows; the plan was not changed": "{shown}: 問題のある行が{n}行あります。計画は変更していません",
    "{shown}: {parts}": "{shown}: {parts}",
    "{shown}: {size:,} bytes, far more than a report workbook; give the file the 道 publishes": (
        "{shown}: {size:,}バイトで、報告書のブックとしては大きすぎます。道が公表したファイルを指定してください"
    ),
    "{shown}:1: the header lacks {columns}; export one with: kpi kpis --format csv": (
        "{shown}:1: 見出しに {columns} がありません。見本: kpi kpis --format csv"
    ),
    "{shown}:{lineno}: {message}": "{shown}:{lineno}: {message}",
    "{shown}:{line}: {why}": "{shown}:{line}: {why}",
    "{term!r} is not one of the 市町村 of {id}; did you mean {close}?": (
        "{term!r} は {id} の市町村ではありません。{close} ではありませんか？"
    ),
    "{term!r} is not one of the 市町村 of {id}; they are {listed}": (
        "{term!r} は {id} の市町村ではありません。{id} の市町村は {listed} です"
    ),
    "{term!r} taken as {id} ({name})": "{term!r} を {id}（{name}）とみなしました",
    "{text!r} is neither 速報 nor 確定; write 速報 (provisional) or 確定 (final), or leave it blank": (
        "{text!r} は速報でも確定でもありません。速報か確定と記入するか、空欄にしてください"
    ),
    "{text!r} is not a form of a value; write 累計 (a running total) or leave it blank": (
        "{text!r} は値の形として読めません。累計（その年度までの累計値）と記入するか、空欄にしてください"
    ),
    "{text!r} is not a half of a fiscal year; write 上期 (H1, April-September) or 下期 (H2)": (
        "{text!r} は年度の半期ではありません。上期（H1、4〜9月）か下期（H2）と記入してください"
    ),
    "{text!r} is not a range of years; write it like H27～R1 or 2015-2019": (
        "{text!r} は年度の範囲ではありません。H27～R1 や 2015-2019 のように書いてください"
    ),
    "{text!r}: give the era of {second!r}, e.g. H21～H25": (
        "{text!r}: {second!r} の元号を書いてください（例: H21～H25）"
    ),
    "{url!r} is not a web address; give it whole, starting with https://": (
        "{url!r} はウェブのアドレスではありません。https:// から始まる完全なアドレスを書いてください"
    ),
    (
        "{value!r} is not a valid id; use lower-case ASCII letters, digits and single hyphens, e.g. "
        "tokachi-food-value-added"
    ): (
        "{value!r} はIDに使えません。半角英小文字・数字と単独のハイフンで書いてください（例: tokachi-food-value-added）"
    ),
    "{value!r} is not one of {choices}": "{value!r} は使えません。次のいずれか: {choices}",
    "{value} ({where})": "{value}（{where}）",
    "{value} is not a fiscal year between {low} and {high}; write the Western year, e.g. 2019 for R1": (
        "{value} は{low}～{high}の年度ではありません。西暦で書いてください（R1 なら 2019）"
    ),
    "{value} must be above 0 and at most 1, e.g. 0.8": "{value} は0より大きく1以下にしてください（例: 0.8）",
    "{value} was {voided}": "{value} は{voided}",
    "{version!r} is not supported; this kpi reads schema_version = {supported}": (
        "{version!r} には対応していません。この kpi が読めるのは schema_version = {supported} です"
    ),
    "{wanted!r} appears on several rows of {where} ({lines}); check the workbook": (
        "{wanted!r} が {where} の複数の行にあります（{lines}）。ブックを確認してください"
    ),
    "{wanted!r} is named twice in the set of 市町村; name each once": (
        "市町村の集合に {wanted!r} が2回あります。1回ずつにしてください"
    ),
    "{what} contains a line break; keep it on one line (one row = one line)": (
        "{what} に改行があります。1行にしてください"
    ),
    "{what} contains bytes that are not text in any encoding kpi reads; type it again": (
        "{what}に kpi が読めない文字コードのバイトが含まれています。入力し直してください"
    ),
    "{what} contains the control character U+{code}; remove it": (
        "{what}に制御文字 U+{code} が含まれています。取り除いてください"
    ),
    "{what} contains the control character U+{code}; remove it (copy the text again as plain text)": (
        "{what}に制御文字 U+{code} があります。取り除いてください（文章をプレーンテキストとしてコピーし直してください）"
    ),
    (
        "{what} has {n} characters, more than the {limit} a ledger row keeps; shorten it (put long texts in "
        "a file and give its name or address)"
    ): (
        "{what}が{n}文字あり、台帳の1行に記録できる{limit}文字を超えています。"
        "短くしてください（長い文章はファイルにして、その名前か所在を書いてください）"
    ),
    "{what} has {n} characters, more than the {limit} a review keeps; shorten it": (
        "{what}が{n}文字あり、評価に記録できる{limit}文字を超えています。短くしてください"
    ),
    "{what} {date!r} is not a date; write it as 2021-02-15, 2021/2/15, R3.2.15 or 令和3年2月15日": (
        "{what} {date!r} は日付ではありません。2021-02-15、2021/2/15、R3.2.15、令和3年2月15日 のように書いてください"
    ),
    (
        "{what} {day} cannot be the day the 地域づくり連携会議 reviewed {year}: it is {why}; check the date "
        "(and its era)"
    ): (
        "{what} {day} は {year} を地域づくり連携会議が評価した日にはなりません（{why}）。日付（と元号）"
        "を確認してください"
    ),
    "{what} {given!r} is not a word of the plan's vocabulary; use one of: {valid}": (
        "{what} {given!r} は計画の語彙にありません。次のいずれかを使ってください: {valid}"
    ),
    (
        "{what} {raw!r} has more than {n} decimal places, which kpi does not keep; round it (such as "
        "{rounded}) and check its unit"
    ): (
        "{what} {raw!r} は小数点以下が{n}桁を超えています（kpiは保持しません）。丸めて（例: {rounded}）"
        "単位も確認してください"
    ),
    "{what} {raw!r} has no digit before its decimal point; write {fixed}": (
        "{what} {raw!r} は小数点の前に数字がありません。{fixed} と入力してください"
    ),
    "{what} {raw!r} has trailing text {rest!r}; give the number alone": (
        "{what} {raw!r} の後ろに {rest!r} があります。数値だけを入力してください"
    ),
    "{what} {raw!r} is a date or a time, not a number (a date cell?); give the KPI's figure{unit_said}": (
        "{what} {raw!r} は日付か時刻で、数値ではありません（日付の書式のセル？）。"
        "KPIの数値を{unit_said}入力してください"
    ),
    (
        "{what} {raw!r} is in {rest}, but this KPI is measured in {unit}; convert it to {unit} (or give the "
        "number alone)"
    ): (
        "{what} {raw!r} の単位は {rest} ですが、このKPIの単位は {unit} です。"
        "{unit}に換算するか数値だけを入力してください"
    ),
    "{what} {raw!r} is not a decimal number": "{what} {raw!r} は数値ではありません",
    "{what} {raw!r} is not a decimal number; give digits such as 1372.6 or 1,372.6": (
        "{what} {raw!r} は数値ではありません。1372.6 や 1,372.6 のように数字で入力してください"
    ),
    (
        "{what} {raw!r} is not a plain decimal number; write digits with an optional decimal point and "
        "thousands separators, such as 1,372.6"
    ): "{what} {raw!r} は普通の10進数ではありません。1,372.6 のように数字と小数点（桁区切り可）で書いてください",
    "{what} {raw!r} is {problem}; check the number (and its unit)": (
        "{what} {raw!r} は{problem}。数値と単位を確認してください"
    ),
    (
        "{what} {text!r} is not a decimal number: {odd!r} is not a plain digit; type the digits 0-9 "
        "(full-width ０-９ are fine)"
    ): (
        "{what} {text!r} は数値ではありません: {odd!r} は普通の数字ではありません。0-9 "
        "の数字を入力してください（全角の０-９も可）"
    ),
    "{what} {year} is outside the plan's years ({low}–{high}); check the year and its era": (
        "{what} {year} は計画期間（{low}–{high}）の外です。年度と元号を確認してください"
    ),
    "{what} → {plan}": "{what} → {plan}",
    "{where} already has the value {value} ({file}:{line}), not {given}; use --correct to supersede it": (
        "{where} には記録済みの値 {value}（{file}:{line}）があります（今回 {given}）。訂正するには --correct "
        "を付けてください"
    ),
    (
        "{where} already has {value} as {form} ({file}:{line}), and this gives it as {given_form}; use "
        "--correct if that is meant"
    ): (
        "{where} には {value} が{form}として記録済みです（{file}:{line}）。"
        "今回は{given_form}として指定されています。意図したものなら --correct を付けてください"
    ),
    "{where} has no value to void; check the KPI and the year (kpi history {kpi})": (
        "{where} には取り消す値がありません。KPIと年度を確認してください（kpi history {kpi}）"
    ),
    "{where} has no value yet, so there is nothing to correct; drop --correct": (
        "{where} にはまだ値がないので訂正できません。--correct を外してください"
    ),
    (
        "{where} prints 支庁計: the boundaries before April 2010 (幌加内町 in 空知, 幌延町 in 留萌); each "
        "such share says so in its note"
    ): (
        "{where}は支庁計で集計されています。2010年4月の再編前の区域（幌加内町は空知、幌延町は留萌）"
        "によるもので、その旨を該当する内訳の備考に記載します"
    ),
    "{where} was {voided} ({file}:{line}); use --correct to record {given} over the void": (
        "{where} は{voided}（{file}:{line}）。取消に代えて {given} を記録するには --correct を付けてください"
    ),
    "{where}: a cell is longer than {limit:,} characters; is this the right file?": (
        "{where}: {limit:,}文字を超えるセルがあります。ファイルは正しいですか？"
    ),
    (
        "{where}: a formula with no saved value (and {n} more cells); open the file in Excel, let it "
        "calculate, save, and import again"
    ): (
        "{where}: 計算結果が保存されていない数式です（ほかに{n}セル）。Excel で開いて再計算させ、"
        "保存してから取り込み直してください"
    ),
    "{where}: a formula with no saved value; open the file in Excel, let it calculate, save, and import again": (
        "{where}: 計算結果が保存されていない数式です。Excel で開いて再計算させ、保存してから取り込み直してください"
    ),
    (
        "{where}: a second 振興局計 row for {office} (the first is row {first}); check that the sheet has "
        "not been edited"
    ): (
        "{where}: {office} の振興局計の行が2つあります（最初は{first}行目）。シートが編集されていないか確認してください"
    ),
    (
        "{where}: column {column}, right of the table, holds {text!r}; the header has {width} columns: move "
        "it into the table (a remark goes in 備考) or delete it"
    ): (
        "{where}: 表の右の {column} 列に {text!r} があります。見出しは{width}列です。"
        "表の中に移す（補足は備考へ）か、削除してください"
    ),
    (
        "{where}: kept as the running total so far, {total} (the counts of {years} are not recorded, so that "
        "year's own count is not known; the KPI is rated from this total)"
    ): (
        "{where}: その年度までの累計値 {total} として記録しました（{years}の値が未記録のため、"
        "その年度だけの値はわかりません。評価はこの累計値で行います）"
    ),
    "{where}: no 振興局計 row for {offices} (a part of {kpi}); its sum waits for it": (
        "{where}: {offices}（{kpi} の内訳）の振興局計の行がありません。合計はその記録がそろってから算出します"
    ),
    "{where}: not a well-formed CSV line ({exc}); check the quotes on that line": (
        "{where}: CSVの行として読めません（{exc}）。その行の引用符を確認してください"
    ),
    "{where}: not recorded, as part of no tourism KPI of the plan: the 振興局計 of {offices}": (
        "{where}: {offices}の振興局計は、計画のどの観光KPIの内訳でもないため記録しません"
    ),
    "{where}: not valid TOML: {reason}; fix the syntax there": (
        "{where}: TOMLとして読めません: {reason}。その箇所の書式を直してください"
    ),
    "{where}: running total {total} stored as that year's own count {own}": (
        "{where}: 累計値 {total} をその年度だけの値 {own} として記録します"
    ),
    (
        "{where}: taken as that year's own count (累計 KPIs are recorded year by year); the total so far is "
        "not known until {years} are recorded"
    ): (
        "{where}: その年度だけの値として記録します（累計KPIは年度ごとに記録します）。"
        "{years}の値が記録されるまで、累計はわかりません"
    ),
    (
        "{where}: taken as that year's own count (累計 KPIs are recorded year by year); the total so far is "
        "{total}{unit}"
    ): "{where}: その年度だけの値として記録します（累計KPIは年度ごとに記録します）。累計は {total}{unit} です",
    (
        "{where}: the columns {first!r} and {second!r} both give the {field}; keep one of them (delete or "
        "rename the other) and import again"
    ): (
        "{where}: 列 {first!r} と {second!r} はどちらも{field}です。"
        "一方だけを残して（もう一方を削除するか名前を変えて）取り込み直してください"
    ),
    "{where}: the header lacks {columns}; the first line must be {example}": (
        "{where}: 見出しに {columns} がありません。1行目は {example} にしてください"
    ),
    (
        "{where}: the value is unchanged but the {what} differs from the one recorded ({file}:{line}); add "
        "--correct to record the new {what}"
    ): (
        "{where}: 値は同じですが{what}が記録済みのもの（{file}:{line}）と違います。"
        "新しい{what}を記録するには --correct を付けてください"
    ),
    "{where}: the 年計 of {label!r} is {value}, not a number of visitors; check that cell in the workbook": (
        "{where}: {label!r} の年計が {value} で、入込客数ではありません。ブックのそのセルを確認してください"
    ),
    "{where}: {kpi} {year} appears again (first at {first}); keep one row per KPI and year": (
        "{where}: {kpi} {year} が再び出てきます（最初は {first}）。KPIと年度ごとに1行にしてください"
    ),
    "{where}: {kpi} {year} is also in {first}; give each KPI and year in one file only": (
        "{where}: {kpi} {year} は {first} にもあります。KPIと年度の組は1つのファイルにだけ書いてください"
    ),
    (
        "{where}: {kpi} {year} is also on sheet {sheet!r} ({first}); the sheets overlap: delete or hide the "
        "sheet that is not meant, and import again"
    ): (
        "{where}: {kpi} {year} はシート {sheet!r} にもあります（{first}）。シートが重複しています。"
        "不要なシートを削除するか非表示にしてから取り込み直してください"
    ),
    "{where}: {kpi} {year} {why}; it stays voided (kpi record --correct reinstates it)": (
        "{where}: {kpi} {year} {why}。取消のままにします（kpi record --correct で戻せます）"
    ),
    "{where}: {name} is printed on several rows ({rows}); check the workbook": (
        "{where}: {name} が複数の行（{rows}）にあります。ブックを確認してください"
    ),
    (
        "{where}: {n} cells, but the header has {width}; a number with a thousands separator must be quoted "
        '("1,372.6") or written without it (1372.6)'
    ): (
        "{where}: セルが{n}個ありますが、見出しは{width}列です。"
        '桁区切りのある数値は引用符で囲むか（"1,372.6"）、区切りなしで書いてください（1372.6）'
    ),
    ("{where}: {n} of the {total} 市町村 of {kpi} have no 年計 in sheet {sheet!r} ({names}); its sum waits for them"): (
        "{where}: {kpi} の{total}市町村のうち{n}市町村はシート {sheet!r} に年計がありません（{names}）。"
        "合計はその記録がそろってから算出します"
    ),
    "{where}: {problem}": "{where}: {problem}",
    "{where}: {problem}; check the totals": "{where}: {problem}。累計値を確認してください",
    "{where}: {project} {year} appears again (first at {first}); keep one row per project and year": (
        "{where}: {project} {year} が重複しています（最初は {first}）。プロジェクト・年度ごとに1行にしてください"
    ),
    "{where}: {said}": "{where}: {said}",
    (
        "{where}: {value} is the sum of the {n} 振興局 shares of {kpi} {year}, which kpi adds up itself "
        "(source {source!r}); not recorded as a value of the whole KPI"
    ): (
        "{where}: {value} は {kpi} {year} の{n}振興局分の合計で、kpi が自分で足し上げます（出典 {source!r}）"
        "。KPI全体の値としては記録しません"
    ),
    "{where}: 市町村 {label!r} comes before any 振興局計 row; the report prints each 振興局計 above its 市町村": (
        "{where}: 市町村 {label!r} が振興局計の行より前にあります。報告書では振興局計がその市町村の上にあります"
    ),
    "{why}": "{why}",
    "{year!r} is not a year; write it as 2019, FY2019, R1, 令和元年度 or H26": (
        "{year!r} は年度ではありません。2019、FY2019、R1、令和元年度、H26 のように書いてください"
    ),
    "{year_from} is after the baseline year {year}; the average runs from year_from to year": (
        "{year_from} が基準年度 {year} より後です。平均は year_from から year までです"
    ),
    "{year} differs from the period end {end}; make them equal": (
        "{year} が期間の終わり {end} と違います。同じにしてください"
    ),
    "{year} has not started yet; a review looks back on a year that began": (
        "{year} はまだ始まっていません。評価は始まった年度について行います"
    ),
    "{year} is in both {first} and {second}; import one report per fiscal year": (
        "{year} が {first} と {second} の両方にあります。1つの年度につき1つの報告書を取り込んでください"
    ),
    (
        "{year} is outside the plan's years ({low}–{high}); check the year and its era, or add "
        "--outside-plan if it is meant"
    ): "{year} は計画期間（{low}–{high}）の外です。年度と元号を確認してください（意図したものなら --outside-plan）",
    "… and {n} more": "…ほか{n}件",
}
