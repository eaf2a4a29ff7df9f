"""What a confirmed prescription asks the schedules part for: medication courses.

The prescriptions part reads a prescription into a draft; when the owner confirms it, each
medication becomes a MedicationPlan, and `petful.health.schedules.service.schedule_medications`
turns the plans into MEDICATION schedules (one transaction with the confirmation).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time


@dataclass(frozen=True)
class MedicationPlan:
    drug_name: str
    dosage: str  # as written: "1정", "0.5ml", "5mg"
    doses_per_day: int  # 1-6
    days: int  # the course's length, 1-365
    times: tuple[time, ...]  # Asia/Seoul wall times of the doses, one per dose
    start: date  # the first day of the course (Asia/Seoul)
    reminder_lead_minutes: int | None  # None: reminders off
