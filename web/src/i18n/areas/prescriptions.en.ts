// English messages of the prescriptions area: exactly the keys of prescriptions.ts (tsc checks). A chunk
// of its own, loaded only when someone switches to English.
import type { Same } from "../same";
import type { ko } from "./prescriptions";

export const en: Same<typeof ko> = {
  "prescriptions.title": "Prescriptions",
  "prescriptions.intro":
    "Upload a photo of your vet's prescription and we read the drug names, doses, directions and days. Medication schedules are made only after you check and confirm what was read.",

  "prescriptions.upload.title": "Upload a prescription",
  "prescriptions.upload.pet": "Pet",
  "prescriptions.upload.petPlaceholder": "Choose a pet",
  "prescriptions.upload.choose": "Choose a prescription photo",
  "prescriptions.upload.hint":
    "JPEG, PNG, WebP, GIF · up to 10 MB. Take it in good light, with the whole prescription straight in the frame.",
  "prescriptions.upload.progress": "{percent}% uploaded",
  "prescriptions.upload.progressLabel": "Uploading the prescription photo",
  "prescriptions.upload.done": "Prescription uploaded. Reading it takes a few seconds.",
  "prescriptions.upload.wrongType": "Only photos (JPEG, PNG, WebP, GIF) can be uploaded.",
  "prescriptions.upload.tooLarge": "Photos larger than 10 MB cannot be uploaded.",
  "prescriptions.upload.damaged": "The photo is damaged or too large. Please choose another one.",
  "prescriptions.upload.busy": "Several prescriptions are being read. Please upload again shortly.",
  "prescriptions.upload.petRequired": "Choose a pet first.",
  "prescriptions.upload.noPets": "Add a pet first to upload its prescriptions.",
  "prescriptions.upload.addPet": "Add a pet",

  "prescriptions.list.title": "My prescriptions",
  "prescriptions.list.empty": "No prescriptions yet",
  "prescriptions.list.emptyBody":
    "Prescriptions you upload gather here, and drafts waiting for your review can be picked up again.",
  "prescriptions.list.more": "Show more",
  "prescriptions.list.uploaded": "Uploaded {when}",
  "prescriptions.list.medicationCount": "{count} medications",
  "prescriptions.list.noMedications": "No medications read",
  "prescriptions.list.unknownPet": "Pet",

  "prescriptions.status.READING": "Reading",
  "prescriptions.status.DRAFT": "To review",
  "prescriptions.status.CONFIRMED": "Scheduled",

  "prescriptions.notice.UNREADABLE":
    "No text could be read from the photo. Take it again in good light with the whole prescription in view, or add the medications yourself.",
  "prescriptions.notice.NO_MEDICATIONS":
    "Text was read, but no drug names were found. Add the medications yourself or upload another photo.",
  "prescriptions.notice.TOO_MANY": "More than 10 medications: the first 10 are in the draft.",
  "prescriptions.notice.TIMED_OUT":
    "Reading the photo took too long and was stopped. Please upload a sharper photo.",
  "prescriptions.notice.FAILED": "The prescription could not be read. Please upload it again.",

  "prescriptions.detail.title": "Review the prescription",
  "prescriptions.detail.back": "All prescriptions",
  "prescriptions.detail.photo": "Prescription photo",
  "prescriptions.detail.photoAlt": "{pet}'s prescription photo",
  "prescriptions.detail.photoError": "The photo could not be loaded.",
  "prescriptions.detail.reading": "Reading the prescription",
  "prescriptions.detail.readingBody":
    "It usually takes a few seconds. This page updates by itself when it is done.",
  "prescriptions.detail.review":
    "Compare what was read with the photo. Fix any field read wrongly and remove medications that are not on the prescription. No schedule is made before you confirm.",
  "prescriptions.detail.text": "Show all text read",
  "prescriptions.detail.noText": "No text was read.",
  "prescriptions.detail.textMore": "Show more",
  "prescriptions.detail.textLess": "Show less",
  "prescriptions.detail.for": "{pet} · uploaded {when}",

  "prescriptions.med.heading": "Medication {n}",
  "prescriptions.med.drugName": "Drug name",
  "prescriptions.med.dosage": "Dose",
  "prescriptions.med.administration": "Directions",
  "prescriptions.med.dosesPerDay": "Times a day",
  "prescriptions.med.days": "Days",
  "prescriptions.med.line": "Read from: {line}",
  "prescriptions.med.remove": "Remove medication {n}",
  "prescriptions.med.add": "Add a medication",
  "prescriptions.med.times": "Dose times",
  "prescriptions.med.timeN": "Medication {n}, dose time {i}",
  "prescriptions.med.timesHint": "Set the times a day to choose the dose times.",
  "prescriptions.med.none": "No medications. You can add them yourself.",
  "prescriptions.med.perDay": "{doses} times a day",
  "prescriptions.med.forDays": "{days} days",

  "prescriptions.error.drugName": "Enter the drug name, up to 100 characters.",
  "prescriptions.error.dosage": "The dose can be up to 50 characters.",
  "prescriptions.error.administration": "The directions can be up to 200 characters.",
  "prescriptions.error.dosesPerDay": "Enter 1 to 6 times a day.",
  "prescriptions.error.days": "Enter 1 to 365 days.",
  "prescriptions.error.times": "Choose a different time for each dose of the day.",
  "prescriptions.error.startDate": "Choose a start date within 90 days from today.",
  "prescriptions.error.reminder": "Choose a reminder from the list.",

  "prescriptions.save": "Save changes",
  "prescriptions.saved": "Changes saved.",

  "prescriptions.confirm.title": "Schedule the medications",
  "prescriptions.confirm.start": "Start date",
  "prescriptions.confirm.reminder": "Reminder",
  "prescriptions.confirm.reminderOff": "No reminders",
  "prescriptions.confirm.submit": "Create schedules",
  "prescriptions.confirm.done": "{count} medication schedules created.",
  "prescriptions.confirm.needsMedication": "There is no medication to schedule. Add one first.",

  "prescriptions.lead.0": "At the dose time",
  "prescriptions.lead.10": "10 minutes before",
  "prescriptions.lead.30": "30 minutes before",
  "prescriptions.lead.60": "1 hour before",
  "prescriptions.lead.1440": "1 day before",
  "prescriptions.lead.2880": "2 days before",
  "prescriptions.lead.4320": "3 days before",

  "prescriptions.confirmed.title": "Scheduled medications",
  "prescriptions.confirmed.start": "From {date}",
  "prescriptions.confirmed.reminder": "Reminder: {lead}",
  "prescriptions.confirmed.noReminder": "No reminders",
  "prescriptions.confirmed.schedules": "See in schedules",

  "prescriptions.delete.button": "Delete prescription",
  "prescriptions.delete.title": "Delete this prescription?",
  "prescriptions.delete.body": "The prescription and its photo are deleted for good.",
  "prescriptions.delete.bodyConfirmed":
    "The prescription and its photo are deleted for good. The medication schedules made from it stay.",
  "prescriptions.delete.confirm": "Delete",
  "prescriptions.delete.done": "Prescription deleted.",
  "prescriptions.notFound": "Prescription not found.",
};
