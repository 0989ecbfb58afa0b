"""kpi: track the KPIs of Hokkaido's regional policy plans (連携地域別政策展開方針)."""

__version__ = "0.2.0.dev0"
