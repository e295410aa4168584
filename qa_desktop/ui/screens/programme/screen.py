"""The audit programme: monthly cycle, dip samples, Back to the Floor, thematic audits,
learning reviews, forms, family feedback, observations, the import of historic audits and
(for the QA team) the performance extract, one tab each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol, cast

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from qa_desktop.domain.roles import Capability
from qa_desktop.services.container import Services
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.programme.bttf import BackToTheFloorTab
from qa_desktop.ui.screens.programme.dip_samples import DipSamplesTab
from qa_desktop.ui.screens.programme.family_feedback import FamilyFeedbackTab
from qa_desktop.ui.screens.programme.forms_tab import FormsTab
from qa_desktop.ui.screens.programme.historic_import import HistoricImportTab
from qa_desktop.ui.screens.programme.learning_reviews import LearningReviewsTab
from qa_desktop.ui.screens.programme.monthly_cycle import MonthlyCycleTab
from qa_desktop.ui.screens.programme.observations import ObservationsTab
from qa_desktop.ui.screens.programme.performance_extract import PerformanceExtractTab
from qa_desktop.ui.screens.programme.thematic import ThematicTab
from qa_desktop.ui.widgets.scrolling_tabs import ScrollingTabs


class _Tab(Protocol):
    def load(self) -> None: ...


class ProgrammeScreen(QWidget):
    def __init__(
        self,
        services: Services,
        runner: Runner,
        actor: Actor,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("programmeScreen")
        title = QLabel(self.tr("Audit programme"))
        title.setObjectName("screenTitle")
        self.tabs = ScrollingTabs()  # a busy tab scrolls at 200% rather than squashing
        self.tabs.setAccessibleName(self.tr("Parts of the audit programme"))
        self.monthly = MonthlyCycleTab(services, runner, actor, today)
        self.dip_samples = DipSamplesTab(services, runner, actor)
        self.bttf = BackToTheFloorTab(services, runner, actor, today)
        self.feedback = FamilyFeedbackTab(services, runner, actor, today)
        self.observations = ObservationsTab(services, runner, actor, today)
        self.thematic = ThematicTab(services, runner, actor, today)
        self.learning_reviews = LearningReviewsTab(services, runner, actor, today)
        self.forms = FormsTab(services, runner, actor)
        self.tabs.addTab(self.monthly, self.tr("Monthly cycle"))
        self.tabs.addTab(self.dip_samples, self.tr("Dip samples"))
        self.tabs.addTab(self.bttf, self.tr("Back to the Floor"))
        self.tabs.addTab(self.thematic, self.tr("Thematic audits"))
        self.tabs.addTab(self.learning_reviews, self.tr("Learning reviews"))
        self.tabs.addTab(self.forms, self.tr("Forms"))
        self.tabs.addTab(self.feedback, self.tr("Family feedback"))
        self.tabs.addTab(self.observations, self.tr("Observations"))
        self.historic = HistoricImportTab(services, runner, actor)
        self.tabs.addTab(self.historic, self.tr("Historic audits"))
        self.extract: PerformanceExtractTab | None = None  # only the QA team imports it
        if actor.can(Capability.MANAGE_PROGRAMME):
            self.extract = PerformanceExtractTab(services, runner, actor)
            self.tabs.addTab(self.extract, self.tr("Performance extract"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        # Each tab loads the first time it is shown, so opening the window stays quick.
        self._loaded: set[int] = set()
        self.tabs.currentChanged.connect(self._load_tab)

    def show_item(self, kind: str, item_id: str) -> None:
        """Open a learning review (``kind`` "review") or a thematic audit ("thematic") on its
        tab, from My work."""
        tab = self.learning_reviews if kind == "review" else self.thematic
        self.tabs.setCurrentWidget(tab)
        tab.show_detail(item_id)

    def import_historic(self) -> None:
        """File > Import historic audits: the tab, then the file to import."""
        self.tabs.setCurrentWidget(self.historic)
        self.historic.import_historic()

    def _load_tab(self, index: int) -> None:
        if self.isVisible() and index >= 0 and index not in self._loaded:
            self._loaded.add(index)
            tab = self.tabs.widget(index)
            if tab is not None:
                cast(_Tab, tab).load()  # every tab added above has load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._load_tab(self.tabs.currentIndex())
