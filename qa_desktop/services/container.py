"""The services one open store offers, built once at start (in ``app.py`` or the CLI).

The store itself stays private: the interface reaches it only through these services (the
layers forbid it the store's modules; this keeps it from reaching the open store through an
attribute). Tests that arrange records reach it with ``tests.store_access.store_of``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qa_desktop.services.audit.documents import DocumentService
from qa_desktop.services.audit.feedback import FeedbackService
from qa_desktop.services.audit.listing import AuditService
from qa_desktop.services.audit.workspace import WorkspaceService
from qa_desktop.services.board_papers import BoardPapersService
from qa_desktop.services.clock import Clock
from qa_desktop.services.credentials import Credentials
from qa_desktop.services.followup.meetings import MeetingService
from qa_desktop.services.followup.moderation import ModerationService
from qa_desktop.services.imports.cases import CaseImportService
from qa_desktop.services.imports.historic_audits import HistoricImport
from qa_desktop.services.imports.performance_extract import PerformanceExtractImport
from qa_desktop.services.my_work import MyWorkService
from qa_desktop.services.programme.bttf import BttfService
from qa_desktop.services.programme.dip_sample import DipSampleService
from qa_desktop.services.programme.form_editing import FormEditingService
from qa_desktop.services.programme.learning_reviews import LearningReviewService
from qa_desktop.services.programme.monthly_plan import ProgrammeService
from qa_desktop.services.programme.observations import ObservationService
from qa_desktop.services.programme.published_settings import PublishedSettingsService
from qa_desktop.services.programme.thematic import ThematicService
from qa_desktop.services.reporting import ReportingService
from qa_desktop.services.setup.about import StoreFacts, store_facts
from qa_desktop.services.setup.people import DirectoryService
from qa_desktop.services.sync import SyncService
from qa_desktop.services.triangulation import TriangulationService
from qa_desktop.store.backups import Backup, make_daily_backup
from qa_desktop.store.engine import Store


@dataclass
class Services:
    _store: Store
    clock: Clock
    directory: DirectoryService
    audits: AuditService
    reporting: ReportingService
    board_papers: BoardPapersService
    documents: DocumentService
    workspace: WorkspaceService

    moderation: ModerationService
    meetings: MeetingService
    my_work: MyWorkService
    programme: ProgrammeService
    case_import: CaseImportService
    historic_import: HistoricImport
    extract_import: PerformanceExtractImport
    triangulation: TriangulationService
    feedback: FeedbackService
    dip_samples: DipSampleService
    bttf: BttfService
    form_editing: FormEditingService
    observations: ObservationService
    thematic: ThematicService
    learning_reviews: LearningReviewService
    published: PublishedSettingsService
    sync: SyncService

    @property
    def store_path(self) -> Path | None:
        return self._store.path

    def store_facts(self) -> StoreFacts:
        """The SQLite library and the forms in use, for Help > About."""
        return store_facts(self._store)

    def daily_backup(self, day: date) -> Backup | None:
        """The store's backup of ``day``, made unless it is there already (then None)."""
        return make_daily_backup(self._store, day)

    def close(self) -> None:
        self._store.close()


def build_services(store: Store, clock: Clock) -> Services:
    reporting = ReportingService(store, clock)
    return Services(
        _store=store,
        clock=clock,
        directory=DirectoryService(store),
        audits=AuditService(store),
        reporting=reporting,
        board_papers=BoardPapersService(store, clock, reporting),
        documents=DocumentService(store),
        workspace=WorkspaceService(store, clock),
        moderation=ModerationService(store, clock),
        meetings=MeetingService(store, clock),
        my_work=MyWorkService(store, clock),
        programme=ProgrammeService(store, clock),
        case_import=CaseImportService(store, clock),
        historic_import=HistoricImport(store, clock),
        extract_import=PerformanceExtractImport(store, clock),
        triangulation=TriangulationService(store, reporting),
        feedback=FeedbackService(store, clock),
        dip_samples=DipSampleService(store, clock),
        bttf=BttfService(store, clock),
        form_editing=FormEditingService(store, clock),
        observations=ObservationService(store, clock),
        thematic=ThematicService(store, clock),
        learning_reviews=LearningReviewService(store, clock),
        published=PublishedSettingsService(store, clock),
        sync=SyncService(store, clock, Credentials()),
    )
