"""The Japanese catalog, part five: the paragraphs of help after a command's summary, and the
comments of its examples (keys: the English with its whitespace folded to single spaces)."""

from __future__ import annotations

PARAGRAPHS: dict[str, str] = {
    "Each 振興局 supplies the KPIs of the projects it leads and its own share of every KPI summed over 振興局; "
    "kpi template --office and kpi missing --office ask exactly that.": (
        "各振興局は、主管するプロジェクトのKPIと、振興局別の内訳を合計するKPIの自局分を記入します。"
        "kpi template --office と kpi missing --office はちょうどその分を尋ねます。"
    ),
    "Every selected KPI is rated at each year as kpi status --year rates it; a KPI is listed when its rating "
    "differs, with the value of each year. A project is listed when its 評価 or 今後の方向性 differs between the "
    "reviews of the two years (or only one year has a review).": (
        "選んだKPIをそれぞれの年度で kpi status --year と同じく評価し、評価が変わったKPIを"
        "各年度の実績とともに示します。2つの年度のプロジェクト評価で評価か今後の方向性が異なる"
        "（または片方の年度にしか評価がない）プロジェクトも示します。"
    ),
    "The plan is a TOML file; yearly actual values go into an append-only CSV ledger. "
    "Set KPI_PLAN / KPI_LEDGER (or --plan / --ledger) to use other files.": (
        "計画はTOMLファイル、年度の実績値は追記専用のCSV台帳に記録します。"
        "別のファイルを使うには KPI_PLAN / KPI_LEDGER（または --plan / --ledger）を指定します。"
    ),
    'A blank value cell is "not yet known" and skipped; a value equal to the one already recorded is '
    "skipped as unchanged, so the same sheet can be imported again safely. Only a changed value needs "
    "--correct. Every visible sheet of a workbook with the header is read; several files are checked "
    "together and recorded as one batch, or nothing.": (
        "実績値が空欄の行は「まだ不明」として読み飛ばし、記録済みと同じ値は変更なしとして読み飛ばすので、"
        "同じシートを何度取り込んでも安全です。値を変えるときだけ --correct が必要です。"
        "ブックは見出し行のある表示中のシートをすべて読みます。複数のファイルはまとめて確認し、"
        "すべてを1回分として記録するか、何も記録しません。"
    ),
    "A first page with the ratings counted and each project's 評価 and 今後の方向性; then the areas' own "
    "projects, then those shared with other regions: per project its KPIs (with 前年度比 and the areas' shares "
    "of an area KPI), the review text, and per KPI a chart beside its yearly values. Made for A4: page "
    "numbers, the date in the Japanese era, nothing later than --year. As .pdf the same through WeasyPrint "
    "(pip install 'kpi-cli[pdf]'), or print the HTML from a browser; as .md the same without charts; as "
    ".xlsx a workbook to print.": (
        "1ページ目に評価の件数と各プロジェクトの評価・今後の方向性、続いてその地域の事業、他の連携地域と連携する"
        "事業の順に、プロジェクトごとのKPI（前年度比、広域KPIの振興局分）と評価の本文、KPIごとにグラフと年度別の実績を"
        "載せます。A4で印刷できるよう、ページ番号と和暦の日付を付け、--year より後の年度は載せません。"
        ".pdf では WeasyPrint で同じ内容をPDFにします（pip install 'kpi-cli[pdf]'）。ブラウザからHTMLを印刷しても"
        "構いません。.md ではグラフなしの同じ内容、.xlsx では印刷できるブックになります。"
    ),
    "A row without 評価 and 今後の方向性 is not written yet (skipped and counted); a row equal to the review "
    "already recorded is skipped as unchanged, so the same sheet can be imported again. A review the "
    "地域づくり連携会議 approved (連携会議の日付) is replaced only with --correct.": (
        "評価と今後の方向性のない行は未記入として読み飛ばして数え、記録済みの評価と同じ行は変更なしとして"
        "読み飛ばすので、同じシートを何度でも取り込めます。地域づくり連携会議で検証済みの評価（連携会議の日付あり）は"
        " --correct を付けたときだけ置き換えます。"
    ),
    "A review the 地域づくり連携会議 approved (--reviewed-on) is replaced only with --correct.": (
        "地域づくり連携会議で検証済みの評価（--reviewed-on あり）は --correct を付けたときだけ置き換えます。"
    ),
    "Each row has the KPI id, 連携地域, 振興局, project, KPI name, unit and year, empty 実績値, 備考 and 出典 "
    "cells, and as context the baseline, the target and the latest recorded value. A cumulative (累計) KPI "
    "takes that year's own count; its row shows the total so far. An .xlsx or a .csv for Excel (UTF-8 with "
    "BOM, CRLF) by the extension of --output.": (
        "各行にKPI ID、連携地域、振興局、プロジェクト、KPI名、単位、年度と、空欄の実績値・備考・出典、"
        "参考として基準値・目標値・直近の実績があります。累計KPIにはその年度だけの値を書きます（行に"
        "これまでの合計を示します）。--output の拡張子で .xlsx か Excel向け .csv（BOM付きUTF-8、CRLF）。"
    ),
    "An index of the 連携地域 with their rating counts, a page per 連携地域, project and KPI (its values year by "
    "year, a chart, the notes and sources, the latest review), the reporting status per 振興局, and downloads: "
    "each KPI's values as CSV and JSON, an .xlsx per 連携地域 and all the data as one .zip. No scripts and "
    "nothing from the network; links are relative, so the folder works opened from disk, on a shared drive or "
    "on any web server. Printed, a KPI page is one A4 sheet and a region page its 推進状況 summary. With "
    "--year, the site as of that year.": (
        "連携地域ごとの評価の件数を示す目次、連携地域・プロジェクト・KPIごとのページ（年度別の実績、グラフ、"
        "備考と出典、最新の評価）、振興局ごとの報告状況、ダウンロード（KPIごとの実績のCSVとJSON、連携地域ごとの"
        ".xlsx、全データの.zip）を作成します。スクリプトもネットワークからの読み込みもなく、リンクは相対なので、"
        "ディスクから開いても、共有ドライブでも、どのWebサーバーでも表示できます。印刷するとKPIのページはA4判"
        "1枚の個票、連携地域のページは推進状況の概要になります。--year を付けるとその年度時点のサイトです。"
    ),
    "Each 振興局計 row (支庁計 before 2010) is that 振興局's share of the tourism KPIs it is a part of, and "
    "each 市町村 row the share of a KPI that counts a set of 市町村 (the plan's municipalities); the 年計 as "
    "printed, from 千人 to the KPI's unit exactly, recorded as 確定 with the file, sheet and row it came "
    "from. kpi adds the shares up when it reads them. Importing the same report again changes nothing; a "
    "確定 replaces a 速報 without --correct, but a 確定 that differs from the 確定 recorded needs --correct.": (
        "振興局計の行（2010年より前は支庁計）を、その振興局を内訳にもつ観光KPIの振興局分として、市町村の行を、"
        "市町村の組み合わせで数えるKPI（計画の municipalities）の市町村分として記録します。年計を印刷どおりに、"
        "千人からKPIの単位へ正確に換算し、確定値として、取り込んだファイル・シート・行とともに記録します。"
        "合計は kpi が読むときに計算します。同じ報告書を取り込み直しても何も変わりません。速報値は確定値が "
        "--correct なしで置き換えますが、記録済みの確定値と異なる確定値には --correct が必要です。"
    ),
    "Exit 0 when clean, 1 when problems were found (one line each on stdout), 2 on bad input.": (
        "問題がなければ終了コード0、問題があれば1（標準出力に1件1行）、入力の誤りは2です。"
    ),
    "Fill in 評価, 今後の方向性 and the texts (a review already recorded is filled in, to edit), then kpi "
    "review import the file.": (
        "評価・今後の方向性と本文を記入し（記録済みの評価は記入済みで、修正できます）、"
        "kpi review import で取り込みます。"
    ),
    "The KPI is its id or a fragment of its name; --region narrows a fragment that several regions share. "
    "A negative value goes after --.": (
        "KPIはIDか名称の一部で指定します。複数の地域にある名称は --region で絞ります。負の値は -- の後に書きます。"
    ),
    "A point-in-time KPI (時点, e.g. 4月1日現在) also takes the day of its count: it is kept in the fiscal year "
    "the day falls in (2020-04-01 in FY2020).": (
        "時点のKPI（4月1日現在など）は調査日でも指定できます。その日を含む年度に記録します（2020-04-01 なら R2年度）。"
    ),
    "The ledger keeps both rows (kpi history shows them). The same value imported again stays taken back; "
    "a different value needs kpi record --correct.": (
        "台帳には両方の行が残ります（kpi history で確認できます）。同じ値を取り込み直しても取り消したままで、"
        "別の値を記録するには kpi record --correct を使います。"
    ),
    "The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields. "
    "A KPI whose unit would change while values are recorded for it is refused, unless the new unit is "
    "the old one in another magnitude and --convert-units is given: its values in force are then "
    "recorded again in the new unit (×10 for 万人 → 千人) as corrections, in one batch, and the plan is "
    "put back if they cannot be.": (
        "計画は kpi が tomli-w で書き出すため、コメントは残りません。補足は note 欄に書いてください。"
        "値が記録済みのKPIの単位を変える取り込みは拒否します。新しい単位が桁違いの同じ単位で --convert-units "
        "を付けたときは、有効な値を新しい単位で記録し直し（万人 → 千人なら×10）、訂正として1回で書き込みます。"
        "書き込めなければ計画を元に戻します。"
    ),
    "The plan is written by kpi with tomli-w, which does not keep comments: keep remarks in note fields.": (
        "計画は kpi が tomli-w で書き出すため、コメントは残りません。補足は note 欄に書いてください。"
    ),
    "The suggestion comes from the project's KPI ratings at the review year: every rated KPI 達成/順調 → "
    "the first word; any 悪化 or more than half 遅れ → the last; otherwise the middle.": (
        "目安は評価年度のKPIの評価から決めます。評価のあるKPIがすべて達成か順調なら最初の語、"
        "悪化が1つでもあるか半数を超えて遅れなら最後の語、それ以外は中間の語です。"
    ),
    "With --wide, one row per KPI and the fiscal years as columns (the layout of a 評価シート).": (
        "--wide を付けるとKPIごとに1行、年度を列にします（評価シートの形）。"
    ),
}

COMMENTS: dict[str, str] = {
    "(a KPI now counted in 千人, its values in 万人)": "（千人で数えることにしたKPI、値は万人で記録済み）",
    "(a template filled in: kpi template --region 十勝 --year R6 -o 十勝.xlsx)": (
        "（記入済みの照会シート: kpi template --region 十勝 --year R6 -o 十勝.xlsx）"
    ),
    "(after filling in the 実績値 column)": "（実績値の列を記入してから）",
    "(after the ledger was opened and saved in Excel)": "（台帳をExcelで開いて保存してしまったとき）",
    "(every note, not only the first 20)": "（最初の20件だけでなくすべての注）",
    "(exit 3 if any KPI is 遅れ or 悪化)": "（遅れか悪化のKPIがあれば終了コード3）",
    "(exit 3 if any value is still owed)": "（未記録の実績があれば終了コード3）",
    "(kpi plan import reads it back)": "（kpi plan import で読み戻せます）",
    "(one 振興局's share)": "（1振興局の内訳）",
    "(a 速報; the 確定 later with --final)": "（速報値。確定値は後で --final を付けて）",
    "(上期)": "（上期）",
    "(a workbook of several years)": "（複数の年度を含むブック）",
    "(a year before the plan's)": "（計画期間より前の年度）",
    "(kept in FY2020)": "（R2年度に記録）",
    "(the head noted in the last commit)": "（前回のコミットに控えた末尾ハッシュ）",
}
