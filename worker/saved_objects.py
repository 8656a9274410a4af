"""The ingest dashboard as Kibana / OpenSearch Dashboards saved objects, built as data (pure, no I/O).

One description of the charts (:data:`CHARTS`), the saved search and the data views renders into
either flavour. Both use aggregation-based ``visualization`` objects, which Kibana 8.9+/9.x and
OpenSearch Dashboards 2.x/3.x both import; what differs is the version stamps (Kibana 8
``coreMigrationVersion``/``typeMigrationVersion``, OpenSearch Dashboards the 7.10-era
``migrationVersion``) and how a dashboard names its panel references. Index names come from
:class:`~worker.config.Settings`, so a deployment with other alias names gets matching data views.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from worker.config import Settings

Flavour = Literal["kibana", "opensearch-dashboards"]
FLAVOURS: tuple[Flavour, ...] = ("kibana", "opensearch-dashboards")
SavedObject = dict[str, Any]

ARTICLES_VIEW = "ingest-articles"
URLS_VIEW = "ingest-urls"
DASHBOARD_ID = "ingest-overview"
NEWEST_SEARCH_ID = "ingest-newest-articles"

# Stamps copied from real exports: a stamp tells the importer which migrations already apply, so
# an older stamp is safe (migrations run forward) and a newer one than the importer knows is refused.
_KIBANA_CORE_VERSION = "8.8.0"
_KIBANA_TYPE_VERSIONS = {
    "index-pattern": "8.0.0",
    "visualization": "8.5.0",
    "search": "8.0.0",
    "dashboard": "8.9.0",
}
_OSD_TYPE_VERSIONS = {
    "index-pattern": "7.6.0",
    "visualization": "7.10.0",
    "search": "7.9.3",
    "dashboard": "7.9.3",
}
_INDEX_REF = "kibanaSavedObjectMeta.searchSourceJSON.index"


@dataclass(frozen=True)
class DataView:
    """A data view (index pattern): which index or alias, and its time field."""

    id: str
    title: str
    time_field: str
    name: str


@dataclass(frozen=True)
class Bucket:
    """One bucket aggregation of a chart: ``date_histogram`` on a date or ``terms`` on a keyword."""

    agg: Literal["date_histogram", "terms"]
    field: str
    schema: Literal["segment", "group", "bucket"]
    size: int = 10


@dataclass(frozen=True)
class Chart:
    """An aggregation-based visualization counting documents of one data view."""

    id: str
    title: str
    kind: Literal["histogram", "table", "tagcloud", "pie"]
    view: str
    buckets: tuple[Bucket, ...]
    query: str = ""


@dataclass(frozen=True)
class SavedSearch:
    """A Discover search: columns shown and sort order."""

    id: str
    title: str
    view: str
    columns: tuple[str, ...]
    sort: tuple[str, str]


CHARTS: tuple[Chart, ...] = (
    Chart(
        "ingest-articles-over-time",
        "Articles over time",
        "histogram",
        ARTICLES_VIEW,
        (Bucket("date_histogram", "published", "segment"),),
    ),
    Chart("ingest-top-sites", "Top sites", "table", ARTICLES_VIEW, (Bucket("terms", "site", "bucket", 20),)),
    Chart(
        "ingest-top-authors",
        "Top authors",
        "table",
        ARTICLES_VIEW,
        (Bucket("terms", "authors", "bucket", 20),),
    ),
    Chart(
        "ingest-top-categories",
        "Top categories",
        "table",
        ARTICLES_VIEW,
        (Bucket("terms", "categories", "bucket", 20),),
    ),
    Chart(
        "ingest-top-tags",
        "Top tags",
        "tagcloud",
        ARTICLES_VIEW,
        (Bucket("terms", "tags.folded", "segment", 50),),
    ),
    Chart(
        "ingest-languages", "Languages", "pie", ARTICLES_VIEW, (Bucket("terms", "language", "segment", 10),)
    ),
    Chart(
        "ingest-failures-by-reason",
        "Failures over time by reason",
        "histogram",
        URLS_VIEW,
        (Bucket("date_histogram", "last_attempt", "segment"), Bucket("terms", "reason", "group", 10)),
        query="status:failed",
    ),
)

NEWEST_ARTICLES = SavedSearch(
    NEWEST_SEARCH_ID,
    "Newest articles",
    ARTICLES_VIEW,
    ("title", "site", "authors", "language", "url"),
    ("published", "desc"),
)


@dataclass(frozen=True)
class Slot:
    """Where a chart or search sits on the dashboard's 48-column grid."""

    target: str
    x: int
    y: int
    w: int
    h: int


_LAYOUT: tuple[Slot, ...] = (
    Slot("ingest-articles-over-time", 0, 0, 32, 12),
    Slot("ingest-languages", 32, 0, 16, 12),
    Slot("ingest-top-sites", 0, 12, 12, 15),
    Slot("ingest-top-authors", 12, 12, 12, 15),
    Slot("ingest-top-categories", 24, 12, 12, 15),
    Slot("ingest-top-tags", 36, 12, 12, 15),
    Slot("ingest-failures-by-reason", 0, 27, 48, 12),
    Slot(NEWEST_SEARCH_ID, 0, 39, 48, 18),
)


def data_views(settings: Settings) -> tuple[DataView, ...]:
    """The two data views: articles through the read alias, and the URL-status index."""
    return (
        DataView(ARTICLES_VIEW, settings.read_alias, "published", "Articles"),
        DataView(URLS_VIEW, settings.url_status_index, "last_attempt", "URL status"),
    )


def build(settings: Settings, flavour: Flavour) -> list[SavedObject]:
    """Every saved object of the dashboard, referenced objects first."""
    objects = [_data_view(view, flavour) for view in data_views(settings)]
    objects += [_chart(chart) for chart in CHARTS]
    objects.append(_search(NEWEST_ARTICLES))
    objects.append(_dashboard(flavour))
    return [_stamp(obj, flavour) for obj in objects]


def to_ndjson(objects: list[SavedObject]) -> str:
    """One compact JSON object per line, keys sorted so the committed files diff cleanly."""
    return "".join(_compact(obj, sort_keys=True) + "\n" for obj in objects)


def _compact(value: object, sort_keys: bool = False) -> str:
    """JSON as Kibana writes it: no spaces, non-ASCII kept."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=sort_keys)


def _stamp(obj: SavedObject, flavour: Flavour) -> SavedObject:
    kind = obj["type"]
    if flavour == "kibana":
        return {
            **obj,
            "coreMigrationVersion": _KIBANA_CORE_VERSION,
            "typeMigrationVersion": _KIBANA_TYPE_VERSIONS[kind],
            "managed": False,
        }
    return {**obj, "migrationVersion": {kind: _OSD_TYPE_VERSIONS[kind]}}


def _index_ref(view: str) -> list[dict[str, str]]:
    return [{"id": view, "name": _INDEX_REF, "type": "index-pattern"}]


def _search_source(query: str) -> dict[str, Any]:
    source = {"query": {"query": query, "language": "kuery"}, "filter": [], "indexRefName": _INDEX_REF}
    return {"searchSourceJSON": _compact(source)}


def _data_view(view: DataView, flavour: Flavour) -> SavedObject:
    attributes = {"title": view.title, "timeFieldName": view.time_field, "fields": "[]"}
    if flavour == "kibana":  # a data view's display name exists from Kibana 8 on, not in the 7.10 line
        attributes["name"] = view.name
    return {"type": "index-pattern", "id": view.id, "attributes": attributes, "references": []}


def _chart(chart: Chart) -> SavedObject:
    aggs = [
        {"id": "1", "enabled": True, "type": "count", "params": {"emptyAsNull": False}, "schema": "metric"}
    ]
    aggs += [_bucket_agg(str(n), bucket) for n, bucket in enumerate(chart.buckets, start=2)]
    vis_state = {"title": chart.title, "type": chart.kind, "aggs": aggs, "params": _VIS_PARAMS[chart.kind]}
    attributes = {
        "title": chart.title,
        "description": "",
        "version": 1,
        "uiStateJSON": "{}",
        "visState": _compact(vis_state),
        "kibanaSavedObjectMeta": _search_source(chart.query),
    }
    return {
        "type": "visualization",
        "id": chart.id,
        "attributes": attributes,
        "references": _index_ref(chart.view),
    }


def _bucket_agg(agg_id: str, bucket: Bucket) -> dict[str, Any]:
    params: dict[str, Any]
    if bucket.agg == "date_histogram":
        params = {
            "field": bucket.field,
            "useNormalizedEsInterval": True,
            "interval": "auto",
            "drop_partials": False,
            "min_doc_count": 1,
            "extended_bounds": {},
        }
    else:
        params = {
            "field": bucket.field,
            "orderBy": "1",
            "order": "desc",
            "size": bucket.size,
            "otherBucket": False,
            "otherBucketLabel": "Other",
            "missingBucket": False,
            "missingBucketLabel": "Missing",
        }
    return {"id": agg_id, "enabled": True, "type": bucket.agg, "params": params, "schema": bucket.schema}


def _search(search: SavedSearch) -> SavedObject:
    attributes = {
        "title": search.title,
        "description": "",
        "columns": list(search.columns),
        "sort": [list(search.sort)],
        "kibanaSavedObjectMeta": _search_source(""),
    }
    return {
        "type": "search",
        "id": search.id,
        "attributes": attributes,
        "references": _index_ref(search.view),
    }


def _dashboard(flavour: Flavour) -> SavedObject:
    placed = [_panel(flavour, str(number), slot) for number, slot in enumerate(_LAYOUT, start=1)]
    attributes = {
        "title": "Ingest overview",
        "description": "Articles indexed by ingest-worker and the URLs that failed, by reason.",
        "version": 1,
        "timeRestore": True,
        "timeFrom": "now-7d",
        "timeTo": "now",
        "refreshInterval": {"pause": False, "value": 60000},
        "optionsJSON": _compact({"useMargins": True, "hidePanelTitles": False}),
        "panelsJSON": _compact([panel for panel, _ref in placed]),
        "kibanaSavedObjectMeta": {
            "searchSourceJSON": _compact({"query": {"query": "", "language": "kuery"}, "filter": []})
        },
    }
    references = [ref for _panel, ref in placed]
    return {"type": "dashboard", "id": DASHBOARD_ID, "attributes": attributes, "references": references}


def _panel(flavour: Flavour, index: str, slot: Slot) -> tuple[dict[str, Any], dict[str, str]]:
    """One dashboard panel and the reference that names what it shows."""
    target = slot.target
    kind = "search" if target == NEWEST_SEARCH_ID else "visualization"
    panel: dict[str, Any] = {
        "gridData": {"x": slot.x, "y": slot.y, "w": slot.w, "h": slot.h, "i": index},
        "panelIndex": index,
        "embeddableConfig": {},
        "panelRefName": f"panel_{index}",
    }
    # Kibana 8 names a panel's reference "<panelIndex>:<panelRefName>" and keeps the type in the
    # panel too; the 7.10 line (OpenSearch Dashboards) uses the panelRefName alone.
    if flavour == "kibana":
        panel["type"] = kind
        return panel, {"id": target, "name": f"{index}:panel_{index}", "type": kind}
    panel["version"] = "7.10.2"
    return panel, {"id": target, "name": f"panel_{index}", "type": kind}


_XY_PARAMS: dict[str, Any] = {
    "type": "histogram",
    "grid": {"categoryLines": False},
    "categoryAxes": [
        {
            "id": "CategoryAxis-1",
            "type": "category",
            "position": "bottom",
            "show": True,
            "style": {},
            "scale": {"type": "linear"},
            "labels": {"show": True, "filter": True, "truncate": 100},
            "title": {},
        }
    ],
    "valueAxes": [
        {
            "id": "ValueAxis-1",
            "name": "LeftAxis-1",
            "type": "value",
            "position": "left",
            "show": True,
            "style": {},
            "scale": {"type": "linear", "mode": "normal"},
            "labels": {"show": True, "rotate": 0, "filter": False, "truncate": 100},
            "title": {"text": "Count"},
        }
    ],
    "seriesParams": [
        {
            "show": True,
            "type": "histogram",
            "mode": "stacked",
            "data": {"label": "Count", "id": "1"},
            "valueAxis": "ValueAxis-1",
            "drawLinesBetweenPoints": True,
            "lineWidth": 2,
            "showCircles": True,
        }
    ],
    "addTooltip": True,
    "detailedTooltip": True,
    "addLegend": True,
    "legendPosition": "right",
    "truncateLegend": True,
    "maxLegendLines": 1,
    "times": [],
    "addTimeMarker": False,
    "labels": {"show": False},
    "thresholdLine": {"show": False, "value": 10, "width": 1, "style": "full", "color": "#E7664C"},
    "palette": {"type": "palette", "name": "default"},
}

_VIS_PARAMS: dict[str, dict[str, Any]] = {
    "histogram": _XY_PARAMS,
    "table": {
        "perPage": 10,
        "showPartialRows": False,
        "showMetricsAtAllLevels": False,
        "showTotal": False,
        "showToolbar": True,
        "totalFunc": "sum",
        "percentageCol": "",
    },
    "tagcloud": {
        "scale": "linear",
        "orientation": "single",
        "minFontSize": 14,
        "maxFontSize": 64,
        "showLabel": True,
        "palette": {"type": "palette", "name": "default"},
    },
    "pie": {
        "type": "pie",
        "addTooltip": True,
        "addLegend": True,
        "legendDisplay": "show",
        "legendPosition": "right",
        "nestedLegend": False,
        "truncateLegend": True,
        "maxLegendLines": 1,
        "isDonut": True,
        "emptySizeRatio": 0.3,
        "distinctColors": True,
        "palette": {"type": "palette", "name": "default"},
        "labels": {
            "show": True,
            "values": True,
            "last_level": True,
            "truncate": 100,
            "valuesFormat": "percent",
            "percentDecimals": 2,
            "position": "default",
        },
    },
}
