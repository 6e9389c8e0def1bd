"""Every table of the workspace. Importing this module registers them on `Base.metadata`."""
from db.models.base import Base, Timestamped, Versioned, utcnow
from db.models.calendar import HolidayArrangement, HolidayWorkday, ReminderState
from db.models.ceremonies import CeremonyReport
from db.models.clues import Clue, ClueSubject
from db.models.duty import (
    AssessmentItem,
    DutyReport,
    LeaderReport,
    Pledge,
    Study,
    UnitAssessment,
)
from db.models.education import EducationParticipant, EducationSession
from db.models.inspections import (
    Finding,
    FindingExtension,
    FindingProgress,
    FindingStatusChange,
    Inspection,
    inspection_units,
)
from db.models.ledger import LedgerEntry, LedgerMethod, ledger_findings, ledger_talks
from db.models.org import Person, PositionChange, Unit
from db.models.reference import DictItem, NumberSeries, Phrase, Setting
from db.models.risks import RiskAssessment, RiskLevelChange, RiskMeasure, RiskPoint
from db.models.sanctions import Sanction
from db.models.system import (
    Attachment,
    AttachmentBlob,
    AuditEntry,
    AuditHead,
    Draft,
    OpinionReply,
    ReportText,
    SignInFailure,
    User,
    YearClosure,
    user_units,
)
from db.models.talks import Talk, TalkParticipant

__all__ = [
    "AssessmentItem", "Attachment", "AttachmentBlob", "AuditEntry", "AuditHead", "Base",
    "CeremonyReport", "Clue", "ClueSubject", "DictItem", "Draft", "DutyReport",
    "EducationParticipant", "EducationSession", "Finding", "FindingExtension", "FindingProgress",
    "FindingStatusChange", "HolidayArrangement", "HolidayWorkday", "Inspection", "LeaderReport",
    "LedgerEntry", "LedgerMethod", "NumberSeries", "OpinionReply", "Person", "Phrase", "Pledge",
    "PositionChange", "ReminderState", "ReportText", "RiskAssessment", "RiskLevelChange",
    "RiskMeasure", "RiskPoint", "Sanction", "Setting", "SignInFailure", "Study", "Talk",
    "TalkParticipant", "Timestamped", "Unit", "UnitAssessment", "User", "Versioned", "YearClosure",
    "inspection_units",
    "ledger_findings", "ledger_talks", "user_units", "utcnow",
]
