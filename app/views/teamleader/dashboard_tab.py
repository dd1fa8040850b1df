"""The "Dasbor" tab: live team figures, per-agent table, hourly trend and reason mix.

Refreshes itself every few seconds through BackgroundOp (one refresh in flight
at a time, so a slow database never piles up work or freezes the window) and
shows when it last succeeded.  The figures come from app.core.supervision.team_dashboard.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QPieSeries,
                              QValueAxis)
from PySide6.QtCore import QAbstractTableModel, QDate, QMargins, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

import app.views.teamleader.labels as labels
from app.views.agent_states import agent_state
from app.core.supervision import Dashboard, site_today, team_dashboard
from app.core.supervision.common import SITE_ZONE
from app.core.supervision.dashboard import pauses
from app.views.i18n import message
from app.views.background import BackgroundOp
from app.views.formatting import hours_minutes, reason_text

REFRESH_MS = 15_000


class AgentFiguresModel(QAbstractTableModel):
    """One row per agent of the team; replaced wholesale on each refresh."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows = []
        self.now = None
        self._headers = [self.tr("Agent"), self.tr("State"), self.tr("In state"), self.tr("Paused today"),
                         self.tr("Calls"), self.tr("Contacted"),
                         self.tr("Agree"), self.tr("Contacted %"), self.tr("Agree %"), self.tr("Avg talk"),
                         self.tr("Avg after-call work"), self.tr("Calls/item"), self.tr("Unreachable")]

    def set_rows(self, rows, now=None) -> None:
        self.now = now
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        f = row.figures
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [row.full_name, agent_state(row.state.state, row.state.pause_reason),
                    hours_minutes(self._in_state(row)), hours_minutes(sum(pauses(row.time_in_state).values())),
                    str(f.calls), str(f.contacted), str(f.agree), labels.percent(f.contacted_rate),
                    labels.percent(f.agree_rate), labels.seconds(f.avg_talk_seconds),
                    labels.seconds(f.avg_wrapup_seconds), labels.number(f.attempts_per_item),
                    str(f.closed_unreachable)][col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 3:
            return "\n".join(f"{agent_state('not_ready', reason)}: {hours_minutes(seconds)}"
                             for reason, seconds in sorted(pauses(row.time_in_state).items()))
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == 1 and row.state.since is not None:
            return self.tr("Since %1").replace("%1", row.state.since.astimezone(SITE_ZONE).strftime("%H:%M"))
        return None


    def _in_state(self, row) -> float | None:
        since = row.state.since
        if since is None or self.now is None or row.state.state == "logged_out":
            return None             # how long someone has been away is not a figure of the shift
        return max((self.now - since).total_seconds(), 0.0)


class DashboardTab(QWidget):
    refreshed = Signal(object)            # the Dashboard just shown

    def __init__(self, ctx, refresh_ms: int = REFRESH_MS, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._busy = False
        self.dashboard: Dashboard | None = None

        self.period = QComboBox()
        self.period.addItem(self.tr("Today"), "today")
        self.period.addItem(self.tr("Yesterday"), "yesterday")
        self.period.addItem(self.tr("Last 7 days"), "week")
        self.period.addItem(self.tr("Date range"), "range")
        today = _qdate(site_today(ctx))
        self.date_from, self.date_to = QDateEdit(today), QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setEnabled(False)
            edit.dateChanged.connect(self.refresh)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.refresh_button = QPushButton(self.tr("Refresh now"))
        self.refresh_button.clicked.connect(self.refresh)
        self.last_refresh = QLabel(self.tr("Loading…"))
        self.last_refresh.setObjectName("lastRefresh")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:")))
        top.addWidget(self.period)
        top.addWidget(self.date_from)
        top.addWidget(QLabel("–"))
        top.addWidget(self.date_to)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.last_refresh)

        self.totals: dict[str, QLabel] = {}
        totals_box = QFrame()
        totals_box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(totals_box)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setHorizontalSpacing(16)
        names = [("calls", self.tr("Calls")), ("contacted", self.tr("Contacted")), ("agree", self.tr("Agree")),
                 ("contacted_rate", self.tr("Contacted rate")), ("agree_rate", self.tr("Agree rate")),
                 ("talk", self.tr("Avg talk")), ("wrap", self.tr("Avg after-call work")),
                 ("per_item", self.tr("Calls per item")), ("unreachable", self.tr("Closed unreachable")),
                 ("outbox", self.tr("Deliveries"))]
        for n, (key, caption) in enumerate(names):
            title = QLabel(caption)
            title.setStyleSheet("color: palette(mid);")
            value = QLabel("–")
            value.setObjectName(f"total_{key}")
            value.setStyleSheet("font-size: 15pt; font-weight: 600;")
            grid.addWidget(title, 0, n)
            grid.addWidget(value, 1, n)
            self.totals[key] = value

        self.model = AgentFiguresModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setObjectName("agentTable")
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("No agents in this team yet."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        self.hour_chart = QChart()
        self.hour_chart.setTitle(self.tr("Results per hour"))
        self.hour_chart.legend().hide()
        self.mix_chart = QChart()
        self.mix_chart.setTitle(self.tr("Reason mix"))
        self.mix_chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        charts = QSplitter(Qt.Orientation.Horizontal)
        self.charts = charts
        for chart in (self.hour_chart, self.mix_chart):
            chart.setMargins(QMargins(4, 4, 4, 4))
            view = QChartView(chart)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(200)
            charts.addWidget(view)

        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table)
        upper_layout.addWidget(self.empty)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(charts)
        charts.setSizes([760, 560])
        split.setSizes([330, 320])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(totals_box)
        layout.addWidget(split, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()

    # -- period -------------------------------------------------------------------
    def _period_changed(self) -> None:
        custom = self.period.currentData() == "range"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        self.refresh()

    def date_range(self) -> tuple[date, date]:
        mode = self.period.currentData()
        today = site_today(self.ctx)
        if mode == "today":
            return today, today
        if mode == "yesterday":
            return today - timedelta(days=1), today - timedelta(days=1)
        if mode == "week":
            return today - timedelta(days=6), today
        start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        return (start, end) if start <= end else (end, start)

    # -- refresh ------------------------------------------------------------------
    def refresh(self) -> None:
        if self._busy:
            return                          # the next tick will catch up
        self._busy = True
        ctx, (start, end) = self.ctx, self.date_range()
        BackgroundOp(self, lambda: team_dashboard(ctx, start, end), self._show).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.last_refresh.setText(self.tr("Refresh failed: %1").replace("%1", message(exc)))
        self.last_refresh.setStyleSheet("color: #b00020;")

    def _show(self, dash: Dashboard) -> None:
        self._busy = False
        self.dashboard = dash
        self.model.set_rows(dash.agents, dash.computed_at)
        self.empty.setVisible(not dash.agents)
        t = dash.team
        values = {"calls": str(t.calls), "contacted": str(t.contacted), "agree": str(t.agree),
                  "contacted_rate": labels.percent(t.contacted_rate), "agree_rate": labels.percent(t.agree_rate),
                  "talk": labels.seconds(t.avg_talk_seconds), "wrap": labels.seconds(t.avg_wrapup_seconds),
                  "per_item": labels.number(t.attempts_per_item), "unreachable": str(t.closed_unreachable)}
        for key, text in values.items():
            self.totals[key].setText(text)
        ob = dash.outbox
        self.totals["outbox"].setText(self.tr("%1 waiting, %2 failed").replace("%1", str(ob.pending))
                                      .replace("%2", str(ob.failed)))
        self.totals["outbox"].setStyleSheet("font-size: 11pt; font-weight: 600; color: %s;"
                                            % ("#b00020" if ob.failed else "palette(text)"))
        tip = ""
        if ob.oldest_pending_seconds is not None:
            tip = self.tr("Oldest waiting delivery: %1 minutes").replace(
                "%1", str(int(ob.oldest_pending_seconds // 60)))
        self.totals["outbox"].setToolTip(tip)
        self._draw_hours(dash.by_hour)
        self._draw_mix(dash.reason_mix)
        self.last_refresh.setStyleSheet("")
        self.last_refresh.setText(self.tr("Updated %1").replace(
            "%1", dash.computed_at.astimezone(SITE_ZONE).strftime("%H:%M:%S")))
        self.refreshed.emit(dash)

    def _draw_hours(self, by_hour) -> None:
        chart = self.hour_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        first = next((h for h, n in enumerate(by_hour) if n), 8)
        last = max((h for h, n in enumerate(by_hour) if n), default=17)
        first, last = min(first, 8), max(last, 17)       # always show the calling day 08–20
        last = max(last, 19)
        hours = list(range(first, last + 1))
        bars = QBarSet(self.tr("Results"))
        bars.append([float(by_hour[h]) for h in hours])
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([f"{h:02d}" for h in hours])
        y = QValueAxis()
        y.setLabelFormat("%d")
        top = max(4, max(by_hour))
        step = max(1, -(-top // 5))                 # whole-number ticks, at most six
        y.setRange(0, step * 5 if step * 5 >= top else step * 6)
        y.setTickCount(6 if step * 5 >= top else 7)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    def _draw_mix(self, mix) -> None:
        chart = self.mix_chart
        chart.removeAllSeries()
        series = QPieSeries()
        shown = list(mix[:7])
        rest = sum(n for _code, n in mix[7:])
        for code, n in shown:
            series.append(f"{code} {_short_label(self.ctx, code)} ({n})", n)
        if rest:
            series.append(self.tr("Other (%1)").replace("%1", str(rest)), rest)
        if not shown:
            series.append(self.tr("No results yet"), 1)
        chart.addSeries(series)


def _short_label(ctx, code: str) -> str:
    label = reason_text(ctx.catalogue, code)
    return "" if label == code else (label if len(label) <= 16 else label[:15].rstrip() + "…")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)
