import { describe, expect, it } from "vitest";

import {
  confirmBody,
  confirmRename,
  emptyMedication,
  fieldMessage,
  formFields,
  medicationValues,
  medicationsBody,
  REMINDER_OFF,
  sourceLine,
  timesFor,
} from "./rules";
import type { PrescribedMedication } from "./types";

const read: PrescribedMedication = {
  drug_name: "아목시실린정 250mg",
  dosage: "1정",
  administration: "1일 2회 아침·저녁 식후",
  doses_per_day: 2,
  days: 7,
  drug_name_line: 3,
  dosage_line: 3,
  administration_line: 3,
  days_line: null,
  suggested_times: ["08:00", "19:00"],
};

describe("the review form", () => {
  it("starts from what was read, with the suggested times", () => {
    const values = medicationValues(read);
    expect(values.times).toEqual(["08:00", "19:00"]);
    expect(values.days_line).toBeNull();
    expect(medicationValues({ ...read, doses_per_day: null, suggested_times: [] }).times).toEqual(
      [],
    );
  });

  it("keeps chosen times when the doses a day change and fills in defaults", () => {
    expect(timesFor(3, ["07:30", "19:00"])).toEqual(["07:30", "19:00", "08:00"]);
    expect(timesFor(1, ["07:30", "19:00"])).toEqual(["07:30"]);
    expect(timesFor(2, [])).toEqual(["08:00", "20:00"]);
    expect(timesFor("", ["08:00"])).toEqual([]);
    expect(timesFor(7, [])).toEqual([]);
  });

  it("sends trimmed fields, nulls for blanks, and the lines they came from", () => {
    const values = {
      medications: [{ ...medicationValues(read), drug_name: " 아목시실린정 ", days: "" as const }],
      start_date: "2025-03-06",
      reminder: REMINDER_OFF,
    };
    expect(medicationsBody(values)[0]).toMatchObject({
      drug_name: "아목시실린정",
      days: null,
      drug_name_line: 3,
    });
    expect(confirmBody(values)).toEqual({
      start_date: "2025-03-06",
      reminder_lead_minutes: null,
      dose_times: [["08:00", "19:00"]],
    });
    expect(confirmBody({ ...values, reminder: "30" }).reminder_lead_minutes).toBe(30);
  });

  it("puts the API's dose time errors beside their medication", () => {
    const rename = confirmRename(2);
    expect(rename["dose_times.1"]).toBe("medications.1.times");
    expect(rename["dose_times.0.1"]).toBe("medications.0.times");
    expect(rename.reminder_lead_minutes).toBe("reminder");
  });

  it("knows every field path it shows", () => {
    const values = { medications: [emptyMedication()], start_date: "", reminder: "10" };
    expect(formFields(values)).toContain("medications.0.times");
    expect(formFields(values)).toContain("start_date");
  });

  it("says each refused field in the catalogue's words", () => {
    expect(fieldMessage("medications.1.days")).toBe("prescriptions.error.days");
    expect(fieldMessage("medications.0.times")).toBe("prescriptions.error.times");
    expect(fieldMessage("start_date")).toBe("prescriptions.error.startDate");
    expect(fieldMessage("medications")).toBeNull();
  });

  it("a typed medication has no source line", () => {
    expect(emptyMedication().drug_name_line).toBeNull();
    expect(sourceLine(["a", "b"], 1)).toBe("b");
    expect(sourceLine(["a"], 4)).toBeNull();
    expect(sourceLine(["a"], null)).toBeNull();
  });
});
