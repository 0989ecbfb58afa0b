"""The Japanese catalog, part two: what the ledger's readers, writers and ``kpi verify`` say
about a ledger (edits, re-saves, cut files, clocks, conflicts), tried before the other patterns."""

from __future__ import annotations

BACKUP = "バックアップか git の履歴から戻してください"
HEAD_FILE = "（意図したものなら .head ファイルを削除）"

LEDGER_MESSAGES: list[tuple[str, str]] = [
    (r"git merge conflict marker (.*)", "git のマージの競合マーカー {0} です"),
    (
        r"a git merge left conflict markers \(lines (.*)\) and the rows of one side do not verify; "
        r"keep one side \(git checkout --ours (.*)\) and record the other side's values again; .*",
        "git のマージで競合マーカーが残り（{0}行目）、片方の行が検証できません。片方を残して"
        "（git checkout --ours {1}）もう片方の値を記録し直してください。台帳をフォルダにすると"
        "（--ledger data/ledger/）記録者ごとのファイルになり、git がひとつのファイルをマージすることはなくなります",
    ),
    (
        r"(.*) has a git merge conflict marker at line (\d+); nothing was recorded; see kpi verify",
        "{0} の{1}行目に git のマージの競合マーカーがあります。何も記録していません。kpi verify を見てください",
    ),
    (
        r"hash does not match: this row was edited, or a row before it was deleted or moved; it is left out "
        r"\(compare with a backup or the git history\)",
        "ハッシュが一致しません。この行が書き換えられたか、前の行が削除・移動されています。この行は数えません"
        "（バックアップか git の履歴と比べてください）",
    ),
    (
        r"re-saved by a spreadsheet \((.*)\); the row is intact; run kpi verify --repair .*",
        "表計算ソフトで保存し直されています（{0:w}）。内容は無事です。kpi verify --repair で元の形に戻せます"
        "（見つかったままのファイルは横に残します）",
    ),
    (
        r"(\d+) rows? re-saved by a spreadsheet \((.*)\); their content is intact; run kpi verify --repair .*",
        "{0}行が表計算ソフトで保存し直されています（{1:w}）。内容は無事です。kpi verify --repair で元の形に戻せます"
        "（見つかったままのファイルは横に残します）",
    ),
    (
        r"row (\d+)/(\d+) of import (.*) is out of place \(rows before it are missing\); row kept",
        "取り込み {2} の{0}/{1}行目の位置が違います（前の行がありません）。行は残します",
    ),
    (
        r"import (.*) is incomplete \((\d+) of (\d+) rows present\); its rows are kept",
        "取り込み {0} が欠けています（{2}行中{1}行）。残っている行は残します",
    ),
    (
        r"import (.*) is incomplete \((\d+) of (\d+) rows: the import was interrupted\); its rows are ignored, "
        r"and removed by the next kpi record or import",
        "取り込み {0} が中断されています（{2}行中{1}行）。これらの行は数えず、次の kpi record か import で取り除きます",
    ),
    (
        r"the last line is cut short, but kpi had written past it: the file was truncated; restore it .*",
        "最終行が途中で切れていますが、kpi はその先まで書いていました。ファイルが切り詰められています。" + BACKUP,
    ),
    (
        r"has fewer rows than when kpi last wrote to it \(line (\d+), hash (.*)\): rows were cut; restore it .*",
        "kpi が最後に書いたとき（{0}行目、ハッシュ {1}）より行が少なくなっています。" + BACKUP + HEAD_FILE,
    ),
    (
        r"line (\d+) is no longer the row kpi wrote there \(hash (.*)\): the ledger was rebuilt; restore it .*",
        "{0}行目が kpi の書いた行（ハッシュ {1}）ではありません。台帳が作り直されています。" + BACKUP + HEAD_FILE,
    ),
    (
        r"is missing, but kpi wrote to it \((.*) remembers it\); restore it .*",
        "がありませんが、kpi はここに書いています（{0} に記録があります）。"
        + BACKUP
        + "（意図して消したなら .head ファイルを削除）",
    ),
    (
        r"the expected head (.*) is not in the ledger: rows were removed or rewritten since it was noted; .*",
        "期待する末尾ハッシュ {0} が台帳にありません。控えた後に行が削除または書き換えられています。"
        "git の履歴と比べてください",
    ),
    (
        r"(\d+) values of (\d+) KPIs not in the plan (.*) \((.*)\); is this the ledger of another edition\? .*",
        "計画 {2} にないKPI {1}件の値が{0}件あります（{3}）。別の版の台帳ですか？"
        "対応する計画を --plan で指定してください",
    ),
    (
        r"recorded_at (.*) is in the future: the clock of (.*)'s computer is wrong .*",
        "記録日時 {0} が未来です。{1} のコンピューターの時計が狂っています（kpi の訂正は時計に左右されません）",
    ),
    (
        r"recorded_at (.*) is earlier than the row before it: the clock of (.*)'s computer may be wrong .*",
        "記録日時 {0} が前の行より前です。{1} のコンピューターの時計が狂っているかもしれません"
        "（kpi の訂正は時計に左右されません）",
    ),
    (
        r"conflict: (.*) = (.*) \((.*), the newest by its clock\), but also (.*); settle it with kpi record --correct",
        "食い違い: {0} = {1}（{2}、時計で最新）ですが、ほかに {3} もあります。kpi record --correct で決めてください",
    ),
    (
        r"(.*) was replaced (\d+) times while kpi was writing \(a sync client or git\?\); nothing was recorded",
        "kpi の書き込み中に {0} が{1}回置き換えられました（同期ソフトか git？）。何も記録していません",
    ),
    (r"cannot write to (.*): (.*); nothing was recorded", "{0} に書き込めません: {1}。何も記録していません"),
    (
        r"(.*) \((.*)\) look like running totals; add --running-total .*",
        "{0}（{1}）は累計値のようです。累計なら --running-total（kpi が年ごとの値にします）、"
        "年ごとの値なら --yearly を付けてください",
    ),
    (
        r"(\d+) cumulative KPIs need a decision; nothing was written",
        "累計KPI {0}件について指定が必要です。何も書き込んでいません",
    ),
    (r"(\d+) rows conflict with the ledger; nothing was written", "{0}行が台帳と食い違います。何も書き込んでいません"),
    (
        r"(.*): the value for the whole KPI (.*) differs from the sum of its (\d+) shares (.*) \((.*)\) by (.*), "
        r"more than the rounding of the figures \(±(.*)\); the whole-KPI value is used",
        "{0}: KPI全体の値 {1} が{2}振興局の合計 {3}（{4}）と {5} 違い、端数の丸め（±{6}）より大きい差です。"
        "KPI全体の値を使います",
    ),
]
